package vn.luot.core.domain;

import java.util.Objects;

/**
 * The state of one queue number, as folded from its events.
 *
 * @param servingField the field whose line it waits in (differs from {@code id.field()} after a transfer)
 * @param counter      the counter it was called to or served at, 0 when none
 * @param queuedAt     when it joined its current line (check-in, issue, reactivation, transfer); null before
 * @param front        transferred tickets wait at the front of their new line
 * @param reactivated  a no-show may come back once the same day
 * @param approachingSent the "1 number away" event has been emitted
 * @param calledAt     when it was last called; null if never
 */
public record Ticket(
        TicketId id,
        TicketSource source,
        String bookingId,
        Purpose purpose,
        boolean priority,
        TimeSlot slot,
        TicketStatus status,
        String servingField,
        int counter,
        Hlc queuedAt,
        boolean front,
        boolean reactivated,
        boolean approachingSent,
        int recalls,
        Conflict conflict,
        Rating rating,
        Hlc calledAt) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(servingField, "servingField");
        Objects.requireNonNull(conflict, "conflict");
    }

    public static Ticket booked(TicketId id, String bookingId, Purpose purpose, TimeSlot slot, boolean priority) {
        return new Ticket(id, TicketSource.BOOKING, bookingId, purpose, priority, slot, TicketStatus.BOOKED,
                id.field(), 0, null, false, false, false, 0, Conflict.NONE, null, null);
    }

    public static Ticket walkIn(TicketId id, Purpose purpose, TimeSlot slot, boolean priority, Hlc queuedAt) {
        return new Ticket(id, TicketSource.WALK_IN, null, purpose, priority, slot, TicketStatus.CHECKED_IN,
                id.field(), 0, queuedAt, false, false, false, 0, Conflict.NONE, null, null);
    }

    public String label() {
        return id.label();
    }

    public boolean isBooked() {
        return source == TicketSource.BOOKING;
    }

    public Ticket withStatus(TicketStatus newStatus) {
        return new Ticket(id, source, bookingId, purpose, priority, slot, newStatus, servingField, counter, queuedAt,
                front, reactivated, approachingSent, recalls, conflict, rating, calledAt);
    }

    public Ticket withSlot(TimeSlot newSlot) {
        return new Ticket(id, source, bookingId, purpose, priority, newSlot, status, servingField, counter, queuedAt,
                front, reactivated, approachingSent, recalls, conflict, rating, calledAt);
    }

    public Ticket withBookingDetails(String newBookingId, Purpose newPurpose, TimeSlot newSlot, boolean newPriority) {
        return new Ticket(id, source, newBookingId, newPurpose, newPriority, newSlot, status, servingField, counter,
                queuedAt, front, reactivated, approachingSent, recalls, conflict, rating, calledAt);
    }

    /** Joins the line of {@code field} now: back to waiting, off any counter. */
    public Ticket queued(String field, Hlc at, boolean atFront) {
        return new Ticket(id, source, bookingId, purpose, priority, slot, TicketStatus.CHECKED_IN, field, 0, at,
                atFront, reactivated, false, recalls, conflict, rating, calledAt);
    }

    public Ticket reactivatedInto(TimeSlot newSlot, Hlc at) {
        return new Ticket(id, source, bookingId, purpose, priority, newSlot, TicketStatus.CHECKED_IN, servingField, 0,
                at, false, true, false, recalls, conflict, rating, calledAt);
    }

    public Ticket calledTo(int counterNumber, Hlc at) {
        return new Ticket(id, source, bookingId, purpose, priority, slot, TicketStatus.CALLED, servingField,
                counterNumber, queuedAt, front, reactivated, true, recalls, conflict, rating, at);
    }

    public Ticket recalled() {
        return new Ticket(id, source, bookingId, purpose, priority, slot, status, servingField, counter, queuedAt,
                front, reactivated, approachingSent, recalls + 1, conflict, rating, calledAt);
    }

    public Ticket withApproachingSent() {
        return new Ticket(id, source, bookingId, purpose, priority, slot, status, servingField, counter, queuedAt,
                front, reactivated, true, recalls, conflict, rating, calledAt);
    }

    public Ticket withConflict(Conflict newConflict) {
        return new Ticket(id, source, bookingId, purpose, priority, slot, status, servingField, counter, queuedAt,
                front, reactivated, approachingSent, recalls, newConflict, rating, calledAt);
    }

    public Ticket withRating(Rating newRating) {
        return new Ticket(id, source, bookingId, purpose, priority, slot, status, servingField, counter, queuedAt,
                front, reactivated, approachingSent, recalls, conflict, newRating, calledAt);
    }
}
