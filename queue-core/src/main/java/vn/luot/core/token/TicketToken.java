package vn.luot.core.token;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.TicketId;

/**
 * What a printed ticket's QR says of its ticket, signed by the branch ({@link TicketTokens}): which branch, which
 * day, which number. No personal data, not even the booking: the number alone tells nothing of who holds it.
 * It is valid until the end of its day, Hà Nội time.
 */
public record TicketToken(String branchId, TicketId ticket) {

    public TicketToken {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(ticket, "ticket");
        if (!branchId.matches("[a-z0-9-]{1,12}")) {
            throw new IllegalArgumentException("a branch id is 1 to 12 of [a-z0-9-]: " + branchId);
        }
        if (!ticket.field().matches("[A-Z]{1,4}")) {
            throw new IllegalArgumentException("a field code is 1 to 4 of [A-Z]: " + ticket.field());
        }
        if (!BookingToken.carries(ticket.day())) {
            throw new IllegalArgumentException("a ticket token cannot name the day " + ticket.day());
        }
    }

    public LocalDate day() {
        return ticket.day();
    }

    /** The first instant the token is no longer valid: midnight after its day, in the branch's time zone. */
    public Instant expires() {
        return ticket.day().plusDays(1).atStartOfDay(BranchTime.ZONE).toInstant();
    }
}
