package vn.luot.core.queue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Shift;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.rules.CheckInRules;

/** Operations on a whole day of the queue, decided as pure functions. */
public final class DayOperations {

    private DayOperations() {
    }

    /**
     * Moves every not-yet-served morning booking of {@code day} (booked, moved or waiting) to the
     * afternoon shift. The n-th morning slot maps to the n-th afternoon slot (the last one when the
     * afternoon has fewer), so the tickets keep their relative order.
     */
    public static List<QueueEvent> moveMorningToAfternoon(Branch branch, QueueState state, LocalDate day) {
        List<TimeSlot> morning = branch.slotsOf(Shift.MORNING);
        List<TimeSlot> afternoon = branch.slotsOf(Shift.AFTERNOON);
        if (afternoon.isEmpty()) {
            return List.of();
        }
        List<QueueEvent> moves = new ArrayList<>();
        state.tickets().stream()
                .filter(t -> t.id().day().equals(day) && t.isBooked() && t.slot().shift() == Shift.MORNING)
                .filter(t -> t.status().isAwaitingCheckIn() || t.status() == TicketStatus.CHECKED_IN)
                .sorted(Comparator.comparing(Ticket::slot).thenComparing(Ticket::id))
                .forEach(t -> {
                    int index = Math.max(0, morning.indexOf(t.slot()));
                    TimeSlot to = afternoon.get(Math.min(index, afternoon.size() - 1));
                    moves.add(new QueueEvent.BookingMoved(t.id(), t.slot(), to));
                });
        return moves;
    }

    /** Bookings whose check-in window has closed without a check-in: "cancelled for not coming on time". */
    public static List<QueueEvent> missedCheckIns(CheckInRules rules, QueueState state, LocalDateTime now) {
        return state.tickets().stream()
                .filter(t -> rules.isMissed(t, now))
                .sorted(Comparator.comparing(Ticket::id))
                .<QueueEvent>map(t -> new QueueEvent.MissedCheckIn(t.id()))
                .toList();
    }
}
