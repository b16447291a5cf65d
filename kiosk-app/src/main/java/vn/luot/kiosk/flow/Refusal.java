package vn.luot.kiosk.flow;

/** Every reason the kiosk turns a citizen away, each with its own screen text (vi first, en second). */
public enum Refusal {
    OTHER_BRANCH,
    FUTURE_DAY,
    PAST_DAY,
    TOO_EARLY,
    TOO_LATE,
    CANCELLED,
    FORFEITED,
    NO_SHOW,
    ALREADY_SERVED,
    REACTIVATION_USED,
    /** The ticket was already printed twice. */
    REPRINT_USED,
    /** Not a booking code at all (a URL, random text, half a code). */
    NOT_A_BOOKING_CODE,
    /** A citizen ID card scanned on the home screen. */
    ID_CARD_AT_HOME,
    /** A booking code that is damaged or of an unknown version. */
    DAMAGED_CODE,
    /** The signature does not match: altered or forged. */
    FORGED,
    EXPIRED,
    /** Signed with a key this kiosk has not received yet, and it cannot ask (offline). */
    UNKNOWN_KEY,
    WALK_IN_CLOSED,
    /** This kiosk's walk-in numbers for the field are used up today. */
    WALK_IN_FULL,
    /** The kiosk's own storage failed (disk full, damaged file): staff must look. */
    KIOSK_FAULT
}
