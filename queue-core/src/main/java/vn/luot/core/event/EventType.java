package vn.luot.core.event;

import java.util.EnumSet;
import java.util.Set;

/**
 * The names of events in the log and on the wire, and who may say each one. Renaming one is a schema
 * change. A new type must name its senders: every receiving side (hub and centre) refuses the type from
 * anyone else (queue-core/PROTOCOL.md, "Who may send what").
 */
public enum EventType {
    /** Booking decisions are the city's: only the centre records, cancels or forfeits a booking. */
    BOOKING_RECORDED(QueueEvent.BookingRecorded.class, Sender.CENTRE),
    BOOKING_CANCELLED(QueueEvent.BookingCancelled.class, Sender.CENTRE),
    /** A shift move: the city's decision, or the supervisor's, made on the hub's authenticated staff page. */
    MOVED(QueueEvent.BookingMoved.class, Sender.CENTRE, Sender.HUB),
    CHECKED_IN(QueueEvent.CheckedIn.class, Sender.KIOSK),
    TICKET_ISSUED(QueueEvent.TicketIssued.class, Sender.KIOSK),
    CALLED(QueueEvent.Called.class, Sender.DISPLAY, Sender.HUB),
    RECALLED(QueueEvent.Recalled.class, Sender.DISPLAY, Sender.HUB),
    SERVED(QueueEvent.Served.class, Sender.DISPLAY, Sender.HUB),
    CALLED_NO_SHOW(QueueEvent.CalledNoShow.class, Sender.DISPLAY, Sender.HUB),
    /** The end of a check-in window is judged by a trusted clock: the centre, or the branch's hub. */
    NO_SHOW(QueueEvent.MissedCheckIn.class, Sender.CENTRE, Sender.HUB),
    REACTIVATED(QueueEvent.Reactivated.class, Sender.KIOSK),
    TRANSFERRED(QueueEvent.Transferred.class, Sender.DISPLAY, Sender.HUB),
    /** Emitted by whichever device's event made a ticket the next in its line, a check-in included. */
    APPROACHING(QueueEvent.Approaching.class, Sender.KIOSK, Sender.DISPLAY, Sender.HUB, Sender.CENTRE),
    RATED(QueueEvent.RatingGiven.class, Sender.DISPLAY, Sender.HUB),
    COUNTER_PAUSED(QueueEvent.CounterPaused.class, Sender.DISPLAY, Sender.HUB),
    COUNTER_RESUMED(QueueEvent.CounterResumed.class, Sender.DISPLAY, Sender.HUB),
    /** A ticket (first print or reprint) left the kiosk's printer: the reprint limit survives recovery. */
    TICKET_PRINTED(QueueEvent.TicketPrinted.class, Sender.KIOSK),
    /** A citizen asked for help at a kiosk; only that kiosk says so (a display or hub cannot forge one for it). */
    HELP_REQUESTED(QueueEvent.HelpRequested.class, Sender.KIOSK);

    /** The kinds of device that originate events. */
    public enum Sender {
        KIOSK,
        DISPLAY,
        HUB,
        CENTRE
    }

    private final Class<? extends QueueEvent> bodyType;
    private final Set<Sender> senders;

    EventType(Class<? extends QueueEvent> bodyType, Sender first, Sender... more) {
        this.bodyType = bodyType;
        this.senders = Set.copyOf(EnumSet.of(first, more));
    }

    public Class<? extends QueueEvent> bodyType() {
        return bodyType;
    }

    /** The kinds of device that may originate this event; nobody else's is accepted. */
    public Set<Sender> senders() {
        return senders;
    }

    public boolean mayBeSentBy(Sender sender) {
        return senders.contains(sender);
    }
}
