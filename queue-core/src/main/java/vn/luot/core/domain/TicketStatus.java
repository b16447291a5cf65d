package vn.luot.core.domain;

/**
 * The life cycle of a queue number. A booking goes BOOKED → CHECKED_IN → CALLED → SERVED; a walk-in
 * starts at CHECKED_IN. The other states are exits (some reversible once, see the rules).
 */
public enum TicketStatus {
    /** Booked in the city app, not yet at the branch. */
    BOOKED,
    /** Moved from the morning to the afternoon shift before check-in; checks in against its new slot. */
    MOVED,
    /** At the branch, waiting to be called. */
    CHECKED_IN,
    CALLED,
    SERVED,
    /** Cancelled at least 1 hour before the slot. */
    CANCELLED,
    /** Đã bỏ lượt: cancelled later than 1 hour before the slot; the number is dead. */
    FORFEITED,
    /** Not checked in by the end of the check-in window ("cancelled because the citizen did not come on time"). */
    NO_SHOW,
    /** Called, but did not come to the counter (staff pressed NO-SHOW). May be reactivated once the same day. */
    CALLED_NO_SHOW;

    public boolean isWaiting() {
        return this == CHECKED_IN;
    }

    /** Not yet checked in, and still able to be. */
    public boolean isAwaitingCheckIn() {
        return this == BOOKED || this == MOVED;
    }
}
