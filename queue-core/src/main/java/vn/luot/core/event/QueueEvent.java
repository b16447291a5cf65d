package vn.luot.core.event;

import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;

/**
 * What happened, as recorded in the event log. Each event carries the decision already taken (which
 * ticket was called to which counter), so folding the log never re-runs a rule and every device that
 * has seen the same events shows the same queue. No event carries a name or an ID number.
 */
public sealed interface QueueEvent {

    /** The name stored in the log and sent on the wire. */
    EventType type();

    /** Events about one queue number. */
    sealed interface OfTicket extends QueueEvent {
        TicketId ticket();
    }

    /** Events about one counter. */
    sealed interface OfCounter extends QueueEvent {
        int counter();
    }

    /** The central server accepted a booking (pulled to the branch). */
    record BookingRecorded(TicketId ticket, String bookingId, Purpose purpose, TimeSlot slot, boolean priority)
            implements OfTicket {
        public EventType type() {
            return EventType.BOOKING_RECORDED;
        }
    }

    /** Cancelled in the city app; {@code forfeited} when it was less than 1 hour before the slot. */
    record BookingCancelled(TicketId ticket, boolean forfeited) implements OfTicket {
        public EventType type() {
            return EventType.BOOKING_CANCELLED;
        }
    }

    /** Moved from the morning to the afternoon shift. */
    record BookingMoved(TicketId ticket, TimeSlot from, TimeSlot to) implements OfTicket {
        public EventType type() {
            return EventType.MOVED;
        }
    }

    /** The citizen scanned the booking at the kiosk. Carries the booking so it stands alone offline. */
    record CheckedIn(TicketId ticket, String bookingId, Purpose purpose, TimeSlot slot, boolean priority)
            implements OfTicket {
        public EventType type() {
            return EventType.CHECKED_IN;
        }
    }

    /** A walk-in number, from the issuing device's own block. */
    record TicketIssued(TicketId ticket, Purpose purpose, TimeSlot slot, boolean priority) implements OfTicket {
        public EventType type() {
            return EventType.TICKET_ISSUED;
        }
    }

    record Called(TicketId ticket, int counter) implements OfTicket {
        public EventType type() {
            return EventType.CALLED;
        }
    }

    record Recalled(TicketId ticket, int counter) implements OfTicket {
        public EventType type() {
            return EventType.RECALLED;
        }
    }

    record Served(TicketId ticket, int counter) implements OfTicket {
        public EventType type() {
            return EventType.SERVED;
        }
    }

    /** Staff pressed NO-SHOW: called, but nobody came. */
    record CalledNoShow(TicketId ticket, int counter) implements OfTicket {
        public EventType type() {
            return EventType.CALLED_NO_SHOW;
        }
    }

    /** Not checked in by the end of the check-in window. */
    record MissedCheckIn(TicketId ticket) implements OfTicket {
        public EventType type() {
            return EventType.NO_SHOW;
        }
    }

    /** A no-show scanned again the same day: back in line at the end of the current slot. */
    record Reactivated(TicketId ticket, TimeSlot slot) implements OfTicket {
        public EventType type() {
            return EventType.REACTIVATED;
        }
    }

    /** Sent to another field's line, at its front, keeping its number. */
    record Transferred(TicketId ticket, int fromCounter, String toField) implements OfTicket {
        public EventType type() {
            return EventType.TRANSFERRED;
        }
    }

    /** Now the next to be called in its field: the app's "1 number away" notification. */
    record Approaching(TicketId ticket) implements OfTicket {
        public EventType type() {
            return EventType.APPROACHING;
        }
    }

    record RatingGiven(TicketId ticket, int counter, Rating rating) implements OfTicket {
        public EventType type() {
            return EventType.RATED;
        }
    }

    record CounterPaused(int counter) implements OfCounter {
        public EventType type() {
            return EventType.COUNTER_PAUSED;
        }
    }

    record CounterResumed(int counter) implements OfCounter {
        public EventType type() {
            return EventType.COUNTER_RESUMED;
        }
    }

    /** A ticket was printed (the first time or again) at a kiosk; counted for the reprint limit. */
    record TicketPrinted(TicketId ticket) implements OfTicket {
        public EventType type() {
            return EventType.TICKET_PRINTED;
        }
    }

    /**
     * A citizen at a kiosk pressed "Cần hỗ trợ": staff are asked to come to that kiosk, the event's device. It
     * carries nothing else: no ticket, no screen, nothing about the citizen.
     */
    record HelpRequested() implements QueueEvent {
        public EventType type() {
            return EventType.HELP_REQUESTED;
        }
    }
}
