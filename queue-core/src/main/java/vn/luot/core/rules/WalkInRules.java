package vn.luot.core.rules;

import java.time.LocalDateTime;
import java.util.List;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.TimeSlot;

/** Whether the kiosk may hand out a walk-in number for a field now. */
public final class WalkInRules {

    private WalkInRules() {
    }

    public enum Refusal {
        UNKNOWN_FIELD,
        /** No counter of this branch serves the field. */
        NOT_SERVED_HERE,
        /** After the last slot of the day has ended. */
        CLOSED
    }

    /** @return the refusal, or null when a number may be issued */
    public static Refusal check(Branch branch, String field, LocalDateTime now) {
        if (branch.field(field).isEmpty()) {
            return Refusal.UNKNOWN_FIELD;
        }
        if (branch.countersServing(field).isEmpty()) {
            return Refusal.NOT_SERVED_HERE;
        }
        List<TimeSlot> slots = branch.slots();
        if (slots.isEmpty() || !now.toLocalTime().isBefore(slots.get(slots.size() - 1).end())) {
            return Refusal.CLOSED;
        }
        return null;
    }
}
