package vn.luot.kiosk.flow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.luot.core.domain.TicketId;
import vn.luot.core.token.TicketToken;
import vn.luot.core.token.TicketTokens;

/**
 * The one QR a ticket carries: a link to its status page on the hub, {@code <base><signed ticket token>}, and the
 * way back from a scanned link to the ticket. Without a base the ticket has no QR; without the branch's ticket
 * key the link names the bare number, as before signed tokens, and a scanned link is not read back.
 */
final class TicketLinks {

    /** Every status page lives under {@code /t/}; a link's token is the path segment after it. */
    private static final String STATUS_PATH = "/t/";

    private final String base;
    private final String branchId;
    private final TicketTokens tokens;

    TicketLinks(String base, String branchId, TicketTokens tokens) {
        this.base = Objects.requireNonNull(base, "base");
        this.branchId = Objects.requireNonNull(branchId, "branchId");
        this.tokens = tokens;
    }

    /** The QR text of a ticket: its status link, or empty when the kiosk has no status address. */
    String linkFor(TicketId ticket) {
        if (base.isEmpty()) {
            return "";
        }
        return base + (tokens == null ? ticket.label() : tokens.sign(new TicketToken(branchId, ticket)));
    }

    /**
     * What a scanned text says as a ticket link: empty when it is not one (a booking code, another site's URL, an
     * ID card), else the verdict on its token.
     */
    Optional<TicketTokens.Verification> read(String scanned, Instant now) {
        if (tokens == null) {
            return Optional.empty();
        }
        int at = scanned.lastIndexOf(STATUS_PATH);
        if (at < 0 || !scanned.regionMatches(true, 0, "http", 0, 4)) {
            return Optional.empty();
        }
        String segment = scanned.substring(at + STATUS_PATH.length()).replaceAll("[?#].*$", "");
        TicketTokens.Verification verdict = tokens.verify(segment, now);
        return verdict instanceof TicketTokens.Verification.Invalid invalid
                && invalid.reason() == TicketTokens.Reason.NOT_A_TICKET_TOKEN ? Optional.empty() : Optional.of(verdict);
    }
}
