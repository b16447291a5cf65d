package vn.luot.core.rules;

import java.util.Comparator;
import vn.luot.core.domain.Ticket;

/**
 * The order in which a field's waiting tickets are called:
 * <ol>
 *   <li>tickets transferred from another field first, in the order they were transferred;</li>
 *   <li>then by time slot, earliest first (a walk-in belongs to the slot in which it took its ticket);</li>
 *   <li>inside a slot, reactivated no-shows last ("the end of the current slot");</li>
 *   <li>then priority numbers (citizens aged 75+) before regular ones;</li>
 *   <li>then booked before walk-in;</li>
 *   <li>then arrival order, and the number as the final tie-break so the order is total.</li>
 * </ol>
 */
public final class CallOrder {

    public static final Comparator<Ticket> COMPARATOR = Comparator
            .comparing((Ticket t) -> !t.front())
            .thenComparing(t -> t.front() ? t.queuedAt() : null, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Ticket::slot)
            .thenComparing(Ticket::reactivated)
            .thenComparing(t -> !t.priority())
            .thenComparing(t -> !t.isBooked())
            .thenComparing(Ticket::queuedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Ticket::id);

    private CallOrder() {
    }
}
