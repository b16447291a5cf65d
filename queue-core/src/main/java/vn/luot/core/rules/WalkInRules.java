package vn.luot.core.rules;

import java.time.LocalDateTime;
import vn.luot.core.domain.Branch;

/** Whether the kiosk may hand out a walk-in number for a field now. */
public final class WalkInRules {

    private WalkInRules() {
    }

    public enum Refusal {
        UNKNOWN_FIELD,
        /** No counter of this branch serves the field. */
        NOT_SERVED_HERE,
        /** After the branch's last walk-in time (by default, when the last slot of the day ends). */
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
        return closedFor(branch, now) ? Refusal.CLOSED : null;
    }

    /** No walk-in number for any field any more today (after the branch's last walk-in time): say so on the first tap. */
    public static boolean closedFor(Branch branch, LocalDateTime now) {
        return branch.slots().isEmpty() || !now.toLocalTime().isBefore(branch.walkInsEnd());
    }
}
