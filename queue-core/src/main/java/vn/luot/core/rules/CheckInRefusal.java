package vn.luot.core.rules;

/** Why a booking cannot be checked in. Each has its own screen at the kiosk. */
public enum CheckInRefusal {
    /** Booked at another branch (the decision names which). */
    OTHER_BRANCH,
    /** Booked for a later day (the decision names which). */
    FUTURE_DAY,
    /** Booked for a day that has passed. */
    PAST_DAY,
    /** Before the check-in window opens (the decision says when it does). */
    TOO_EARLY,
    /**
     * Before the check-in window of the slot the booking was moved to (the morning's bookings moved to the
     * afternoon): the decision says when it opens, and the citizen hears of the move, not only "too early".
     */
    MOVED_LATER,
    /** After the check-in window closed. */
    TOO_LATE,
    CANCELLED,
    /** Đã bỏ lượt: cancelled less than 1 hour before the slot; the number is dead. */
    FORFEITED,
    /** Cancelled because the citizen did not check in on time. */
    NO_SHOW,
    /** Already served today. */
    ALREADY_SERVED,
    /** Called and absent twice: a no-show may be reactivated once only. */
    REACTIVATION_USED,
    /** A genuine ticket token whose number this branch does not hold (not pulled yet, or never checked in). */
    UNKNOWN_TICKET
}
