package vn.luot.core.domain;

/** Where a ticket came from: a booking made in the city app, or a walk-in at the kiosk. */
public enum TicketSource {
    BOOKING,
    WALK_IN
}
