package vn.luot.core.domain;

/**
 * A disagreement between what the branch did and what the central server decided, recorded rather
 * than dropped. The citizen is still served; staff see the flag.
 */
public enum Conflict {
    NONE,
    /** The kiosk checked the booking in (perhaps offline) although it had been cancelled centrally. */
    CHECKED_IN_AFTER_CANCEL,
    /** A cancellation reached the branch after the citizen had checked in. */
    CANCELLED_AFTER_CHECK_IN
}
