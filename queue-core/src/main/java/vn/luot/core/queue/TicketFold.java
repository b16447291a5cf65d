package vn.luot.core.queue;

import vn.luot.core.domain.Conflict;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.event.QueueEvent.Approaching;
import vn.luot.core.event.QueueEvent.BookingCancelled;
import vn.luot.core.event.QueueEvent.BookingMoved;
import vn.luot.core.event.QueueEvent.BookingRecorded;
import vn.luot.core.event.QueueEvent.Called;
import vn.luot.core.event.QueueEvent.CalledNoShow;
import vn.luot.core.event.QueueEvent.CheckedIn;
import vn.luot.core.event.QueueEvent.MissedCheckIn;
import vn.luot.core.event.QueueEvent.RatingGiven;
import vn.luot.core.event.QueueEvent.Reactivated;
import vn.luot.core.event.QueueEvent.Recalled;
import vn.luot.core.event.QueueEvent.Served;
import vn.luot.core.event.QueueEvent.TicketIssued;
import vn.luot.core.event.QueueEvent.Transferred;

/**
 * How one event changes one ticket: a pure function of the ticket's previous state and the event.
 * Applied to a ticket's events in log order, it gives the same ticket on every device. Events that
 * make no sense in the current state (a late duplicate call, a cancel after service) change nothing
 * or set a conflict flag; they never throw, because the log is what happened.
 */
public final class TicketFold {

    private TicketFold() {
    }

    /** @param previous the ticket before the event, or null if no event has created it yet */
    public static Ticket apply(Ticket previous, Event event) {
        QueueEvent body = event.body();
        if (body instanceof BookingRecorded b) {
            if (previous == null) {
                return Ticket.booked(b.ticket(), b.bookingId(), b.purpose(), b.slot(), b.priority());
            }
            return previous.status().isAwaitingCheckIn()
                    ? previous.withBookingDetails(b.bookingId(), b.purpose(), b.slot(), b.priority())
                    : previous;
        }
        if (body instanceof CheckedIn c) {
            Ticket base = previous != null ? previous : Ticket.booked(c.ticket(), c.bookingId(), c.purpose(),
                    c.slot(), c.priority());
            return switch (base.status()) {
                case BOOKED, MOVED -> base.queued(base.servingField(), event.hlc(), false);
                case CANCELLED, FORFEITED, NO_SHOW -> base.queued(base.servingField(), event.hlc(), false)
                        .withConflict(Conflict.CHECKED_IN_AFTER_CANCEL);
                default -> base;
            };
        }
        if (body instanceof TicketIssued t) {
            return previous != null ? previous : Ticket.walkIn(t.ticket(), t.purpose(), t.slot(), t.priority(),
                    event.hlc());
        }
        if (previous == null) {
            // An event about a ticket this device has not seen created yet; the creating event will
            // arrive and the ticket will be re-folded from the start.
            return null;
        }
        if (body instanceof BookingCancelled c) {
            return switch (previous.status()) {
                case BOOKED, MOVED -> previous.withStatus(c.forfeited() ? TicketStatus.FORFEITED : TicketStatus.CANCELLED);
                case CHECKED_IN, CALLED, SERVED, CALLED_NO_SHOW -> previous.conflict() == Conflict.NONE
                        ? previous.withConflict(Conflict.CANCELLED_AFTER_CHECK_IN) : previous;
                default -> previous;
            };
        }
        if (body instanceof BookingMoved m) {
            return switch (previous.status()) {
                case BOOKED, MOVED -> previous.withSlot(m.to()).withStatus(TicketStatus.MOVED);
                case CHECKED_IN -> previous.withSlot(m.to());
                default -> previous;
            };
        }
        if (body instanceof Called c) {
            return switch (previous.status()) {
                case CHECKED_IN, CALLED -> previous.calledTo(c.counter(), event.hlc());
                default -> previous;
            };
        }
        if (body instanceof Recalled) {
            return previous.status() == TicketStatus.CALLED ? previous.recalled() : previous;
        }
        if (body instanceof Served) {
            return previous.status() == TicketStatus.CALLED ? previous.withStatus(TicketStatus.SERVED) : previous;
        }
        if (body instanceof CalledNoShow) {
            return previous.status() == TicketStatus.CALLED ? previous.withStatus(TicketStatus.CALLED_NO_SHOW) : previous;
        }
        if (body instanceof MissedCheckIn) {
            return previous.status().isAwaitingCheckIn() ? previous.withStatus(TicketStatus.NO_SHOW) : previous;
        }
        if (body instanceof Reactivated r) {
            return previous.status() == TicketStatus.CALLED_NO_SHOW && !previous.reactivated()
                    ? previous.reactivatedInto(r.slot(), event.hlc()) : previous;
        }
        if (body instanceof Transferred t) {
            return switch (previous.status()) {
                case CHECKED_IN, CALLED -> previous.queued(t.toField(), event.hlc(), true);
                default -> previous;
            };
        }
        if (body instanceof Approaching) {
            return previous.withApproachingSent();
        }
        if (body instanceof RatingGiven r) {
            return previous.withRating(r.rating());
        }
        return previous;
    }
}
