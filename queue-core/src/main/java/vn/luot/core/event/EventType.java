package vn.luot.core.event;

/** The names of events in the log and on the wire. Renaming one is a schema change. */
public enum EventType {
    BOOKING_RECORDED(QueueEvent.BookingRecorded.class),
    BOOKING_CANCELLED(QueueEvent.BookingCancelled.class),
    MOVED(QueueEvent.BookingMoved.class),
    CHECKED_IN(QueueEvent.CheckedIn.class),
    TICKET_ISSUED(QueueEvent.TicketIssued.class),
    CALLED(QueueEvent.Called.class),
    RECALLED(QueueEvent.Recalled.class),
    SERVED(QueueEvent.Served.class),
    CALLED_NO_SHOW(QueueEvent.CalledNoShow.class),
    NO_SHOW(QueueEvent.MissedCheckIn.class),
    REACTIVATED(QueueEvent.Reactivated.class),
    TRANSFERRED(QueueEvent.Transferred.class),
    APPROACHING(QueueEvent.Approaching.class),
    RATED(QueueEvent.RatingGiven.class),
    COUNTER_PAUSED(QueueEvent.CounterPaused.class),
    COUNTER_RESUMED(QueueEvent.CounterResumed.class);

    private final Class<? extends QueueEvent> bodyType;

    EventType(Class<? extends QueueEvent> bodyType) {
        this.bodyType = bodyType;
    }

    public Class<? extends QueueEvent> bodyType() {
        return bodyType;
    }
}
