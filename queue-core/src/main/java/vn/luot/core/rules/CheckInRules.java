package vn.luot.core.rules;

import java.time.LocalDateTime;
import java.util.Objects;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.domain.TimeSlot;

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
        if (known != null) {
            switch (known.status()) {
                case CANCELLED:
                    return CheckInDecision.Refuse.because(CheckInRefusal.CANCELLED);
                case FORFEITED:
                    return CheckInDecision.Refuse.because(CheckInRefusal.FORFEITED);
                case NO_SHOW:
                    return CheckInDecision.Refuse.because(CheckInRefusal.NO_SHOW);
                case SERVED:
                    return CheckInDecision.Refuse.because(CheckInRefusal.ALREADY_SERVED);
                case CHECKED_IN:
                case CALLED:
                    return new CheckInDecision.Reprint(known);
                case CALLED_NO_SHOW:
                    return known.reactivated()
                            ? CheckInDecision.Refuse.because(CheckInRefusal.REACTIVATION_USED)
                            : new CheckInDecision.Reactivate(known, branch.slotAt(now.toLocalTime()));
                case BOOKED:
                case MOVED:
                    break;
            }
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

    /** Whether a booking still awaiting check-in has run out of time and is now a no-show. */
    public boolean isMissed(Ticket ticket, LocalDateTime now) {
        return ticket.status().isAwaitingCheckIn()
                && !now.isBefore(window.closesAt(ticket.id().day(), ticket.slot()));
    }

    public CheckInWindow window() {
        return window;
    }
}
