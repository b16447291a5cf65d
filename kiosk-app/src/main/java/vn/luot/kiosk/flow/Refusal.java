package vn.luot.kiosk.flow;

/**
 * Every reason the kiosk turns a citizen away, each with its own screen text (vi first, en second), and
 * whether a walk-in number is the way on from it. The running flow and the screenshot catalogue both take
 * that from here, so a screen never promises a button it does not show.
 */
public enum Refusal {
    OTHER_BRANCH(true),
    FUTURE_DAY(true),
    PAST_DAY(true),
    TOO_EARLY(false),
    /** Too early for the slot the booking was moved to: says so, not only "too early". */
    MOVED_LATER(false),
    TOO_LATE(true),
    CANCELLED(true),
    FORFEITED(true),
    NO_SHOW(true),
    ALREADY_SERVED(true),
    REACTIVATION_USED(true),
    /** The ticket was already printed twice; the screen still shows the citizen's number. */
    REPRINT_USED(false),
    /** Not a booking code at all (a URL, random text, half a code). */
    NOT_A_BOOKING_CODE(true),
    /** A citizen ID card scanned on the home screen. */
    ID_CARD_AT_HOME(true),
    /** A booking code that is damaged or of an unknown version: scanning again is the way on. */
    DAMAGED_CODE(false),
    /** The signature does not match: altered or forged. Staff look at it. */
    FORGED(false),
    EXPIRED(true),
    /** Signed with a key this kiosk has not received yet, and it cannot ask (offline). */
    UNKNOWN_KEY(true),
    /** A genuine ticket QR whose number this kiosk does not know (yet): staff look it up. */
    UNKNOWN_TICKET(false),
    /** A ticket QR of an earlier day: it served its day; a new number is the way on. */
    TICKET_OF_ANOTHER_DAY(true),
    /** A ticket QR not signed by this branch: another branch's ticket, altered or forged. */
    TICKET_NOT_OURS(false),
    WALK_IN_CLOSED(false),
    /** The field's line cannot be served before closing: said before the number is taken, with another day. */
    NOT_SERVED_TODAY(false),
    /** This kiosk's walk-in numbers for the field are used up today. */
    WALK_IN_FULL(false),
    /** The kiosk's own storage failed (disk full, damaged file): staff must look. */
    KIOSK_FAULT(false);

    private final boolean walkInIsTheWayOn;

    Refusal(boolean walkInIsTheWayOn) {
        this.walkInIsTheWayOn = walkInIsTheWayOn;
    }

    /** A walk-in number is offered with this refusal, while walk-ins are still handed out today. */
    public boolean offersWalkIn() {
        return walkInIsTheWayOn;
    }
}
