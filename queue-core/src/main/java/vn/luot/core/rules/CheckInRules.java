package vn.luot.core.rules;

import java.time.LocalDateTime;
import java.util.Objects;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.token.TicketToken;

/** The check-in rules, as a pure function of the booking, what the branch knows of it, and the time. */
public final class CheckInRules {

    private final CheckInWindow window;

    public CheckInRules(CheckInWindow window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * @param booking what the scanned (and verified) token says
     * @param known   the branch's current state of that number, or null if it has not been pulled
     * @param now     local time at the branch
     */
    public CheckInDecision evaluate(Branch branch, Booking booking, Ticket known, LocalDateTime now) {
        if (!booking.branchId().equals(branch.id())) {
            return new CheckInDecision.Refuse(CheckInRefusal.OTHER_BRANCH, booking.branchId(), booking.date(), null);
        }
        if (booking.date().isAfter(now.toLocalDate())) {
            return new CheckInDecision.Refuse(CheckInRefusal.FUTURE_DAY, null, booking.date(), null);
        }
        if (booking.date().isBefore(now.toLocalDate())) {
            return new CheckInDecision.Refuse(CheckInRefusal.PAST_DAY, null, booking.date(), null);
        }
        CheckInDecision again = known == null ? null : seenAgain(branch, known, now);
        if (again != null) {
            return again;
        }
        TimeSlot slot = known != null ? known.slot() : booking.slot();
        LocalDateTime opensAt = window.opensAt(booking.date(), slot);
        if (now.isBefore(opensAt)) {
            boolean moved = known != null && known.status() == TicketStatus.MOVED;
            return new CheckInDecision.Refuse(moved ? CheckInRefusal.MOVED_LATER : CheckInRefusal.TOO_EARLY, null,
                    booking.date(), opensAt);
        }
        if (!now.isBefore(window.closesAt(booking.date(), slot))) {
            return CheckInDecision.Refuse.because(CheckInRefusal.TOO_LATE);
        }
        return new CheckInDecision.Accept(slot);
    }

    /**
     * A printed ticket's QR scanned again (walk-in or booking alike): a reprint while it waits or is called, the
     * day's one reactivation after a missed call, and otherwise why not.
     *
     * @param token what the verified ticket token says
     * @param known the branch's current state of the ticket the token names, or null when it knows none
     */
    public CheckInDecision rescan(Branch branch, TicketToken token, Ticket known, LocalDateTime now) {
        if (!token.branchId().equals(branch.id())) {
            return new CheckInDecision.Refuse(CheckInRefusal.OTHER_BRANCH, token.branchId(), token.day(), null);
        }
        if (!token.day().equals(now.toLocalDate())) {
            return new CheckInDecision.Refuse(token.day().isBefore(now.toLocalDate()) ? CheckInRefusal.PAST_DAY
                    : CheckInRefusal.FUTURE_DAY, null, token.day(), null);
        }
        CheckInDecision again = known == null ? null : seenAgain(branch, known, now);
        return again != null ? again : CheckInDecision.Refuse.because(CheckInRefusal.UNKNOWN_TICKET);
    }

    /** What a ticket the branch already holds answers to a scan; null while a booking still awaits check-in. */
    private static CheckInDecision seenAgain(Branch branch, Ticket known, LocalDateTime now) {
        return switch (known.status()) {
            case CANCELLED -> CheckInDecision.Refuse.because(CheckInRefusal.CANCELLED);
            case FORFEITED -> CheckInDecision.Refuse.because(CheckInRefusal.FORFEITED);
            case NO_SHOW -> CheckInDecision.Refuse.because(CheckInRefusal.NO_SHOW);
            case SERVED -> CheckInDecision.Refuse.because(CheckInRefusal.ALREADY_SERVED);
            case CHECKED_IN, CALLED -> new CheckInDecision.Reprint(known);
            case CALLED_NO_SHOW -> known.reactivated()
                    ? CheckInDecision.Refuse.because(CheckInRefusal.REACTIVATION_USED)
                    : new CheckInDecision.Reactivate(known, branch.slotAt(now.toLocalTime()));
            case BOOKED, MOVED -> null;
        };
    }

    /** Whether a booking still awaiting check-in has run out of time and is now a no-show. */
    public boolean isMissed(Ticket ticket, LocalDateTime now) {
        return ticket.status().isAwaitingCheckIn()
                && !now.isBefore(window.closesAt(ticket.id().day(), ticket.slot()));
    }

    public CheckInWindow window() {
        return window;
    }
}
