package vn.luot.core.sync;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventType;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.NumberBlock;

/**
 * What a receiving side (hub or centre) accepts from a pusher: the sync boundary's rules, as a pure
 * function of the pusher's identity, the event, the receiver's clock and the sender's previous event.
 * <ul>
 *   <li><b>Roles</b>: the event's type must name the originating device's kind among its senders. The
 *   origin is the pusher for its own events; for events a hub relays, the device registered here under
 *   that id, or, for a device this side does not know, whatever a kiosk or a display may send (never a
 *   booking decision, never a supervisor's action).</li>
 *   <li><b>References</b>: every field, counter and slot must exist in the branch; a walk-in number must
 *   lie in the issuing kiosk's block when this side knows it.</li>
 *   <li><b>Clocks</b>: an HLC at most {@link Hlc#MAX_AHEAD_MILLIS} ahead of the receiver's clock; a
 *   ticket's event not before its day; a walk-in or reactivation not in a slot that ended before its own
 *   timestamp; and a device's timestamps never going back along its sequence numbers, so call order
 *   cannot be bought with a timestamp from the past.</li>
 * </ul>
 * Immutable and safe for concurrent use.
 */
public final class EventAdmission {

    /** Why an event was refused: a stable code and a sentence for the log and the supervisor. */
    public record Refusal(String code, String reason) {
        public Refusal {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Branch branch;
    private final DeviceRegistry registry;

    /** @param registry the devices this side knows (their roles and walk-in blocks), for relayed events */
    public EventAdmission(Branch branch, DeviceRegistry registry) {
        this.branch = Objects.requireNonNull(branch, "branch");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @param previous the HLC of the origin device's event with the next lower sequence number held here
     *                 (or accepted earlier in the same push), if any
     * @return the refusal, or empty when the event may be stored and applied
     */
    public Optional<Refusal> judge(DeviceIdentity pusher, Event event, long nowMillis, Optional<Hlc> previous) {
        if (!pusher.mayPushFor(event.deviceId())) {
            return refuse("NOT_YOURS", "device " + pusher.deviceId() + " may not push events of " + event.deviceId());
        }
        if (!event.deviceId().equals(pusher.deviceId()) && registry.revocationPending(branch.id(), event.deviceId())) {
            return refuse("REVOKED", "device " + event.deviceId() + " is revoked; its hub has not applied it yet");
        }
        EventType type = event.type();
        DeviceIdentity origin = event.deviceId().equals(pusher.deviceId()) ? pusher
                : registry.device(branch.id(), event.deviceId()).orElse(null);
        if (origin == null) {
            if (!type.mayBeSentBy(EventType.Sender.KIOSK) && !type.mayBeSentBy(EventType.Sender.DISPLAY)) {
                return refuse("ROLE", type + " may come only from " + type.senders() + "; " + event.deviceId()
                        + " is a device behind hub " + pusher.deviceId() + " that is not registered here");
            }
        } else if (!type.mayBeSentBy(origin.role().sender())) {
            return refuse("ROLE", "a " + origin.role().name().toLowerCase(java.util.Locale.ROOT) + " may not send "
                    + type + " (only " + type.senders() + ")");
        }
        Optional<Refusal> reference = references(event.body(), origin == null ? null : origin.walkInBlock());
        if (reference.isPresent()) {
            return reference;
        }
        return clocks(event, nowMillis, previous);
    }

    private Optional<Refusal> references(QueueEvent body, NumberBlock block) {
        if (body instanceof QueueEvent.OfTicket t && branch.field(t.ticket().field()).isEmpty()) {
            return refuse("UNKNOWN_FIELD", "field " + t.ticket().field() + " does not exist in branch " + branch.id());
        }
        if (body instanceof QueueEvent.OfCounter c) {
            return counter(c.counter());
        }
        if (body instanceof QueueEvent.Called c) {
            return counter(c.counter());
        }
        if (body instanceof QueueEvent.Recalled c) {
            return counter(c.counter());
        }
        if (body instanceof QueueEvent.Served c) {
            return counter(c.counter());
        }
        if (body instanceof QueueEvent.CalledNoShow c) {
            return counter(c.counter());
        }
        if (body instanceof QueueEvent.RatingGiven r) {
            return counter(r.counter());
        }
        if (body instanceof QueueEvent.Transferred t) {
            return counter(t.fromCounter()).or(() -> branch.field(t.toField()).isPresent() ? Optional.empty()
                    : refuse("UNKNOWN_FIELD", "field " + t.toField() + " does not exist in branch " + branch.id()));
        }
        if (body instanceof QueueEvent.CheckedIn c) {
            return slot(c.slot());
        }
        if (body instanceof QueueEvent.Reactivated r) {
            return slot(r.slot());
        }
        if (body instanceof QueueEvent.BookingRecorded b) {
            return slot(b.slot());
        }
        if (body instanceof QueueEvent.BookingMoved m) {
            return slot(m.from()).or(() -> slot(m.to()));
        }
        if (body instanceof QueueEvent.TicketIssued t) {
            Optional<Refusal> slot = slot(t.slot());
            if (slot.isPresent()) {
                return slot;
            }
            int number = t.ticket().number();
            if (block != null && (number < block.first() || number > block.last())) {
                return refuse("NUMBER_OUTSIDE_BLOCK", "walk-in number " + number + " is outside the issuing device's block "
                        + block.first() + "-" + block.last());
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> counter(int number) {
        return branch.counter(number).isPresent() ? Optional.empty()
                : refuse("UNKNOWN_COUNTER", "counter " + number + " does not exist in branch " + branch.id());
    }

    private Optional<Refusal> slot(TimeSlot slot) {
        return branch.slots().contains(slot) ? Optional.empty()
                : refuse("UNKNOWN_SLOT", "slot " + slot + " is not one of branch " + branch.id() + "'s");
    }

    private Optional<Refusal> clocks(Event event, long nowMillis, Optional<Hlc> previous) {
        Hlc hlc = event.hlc();
        if (!Hlc.withinReach(hlc, nowMillis)) {
            return refuse("CLOCK_AHEAD", "timestamp " + hlc + " is ahead of this side's clock ("
                    + Instant.ofEpochMilli(nowMillis) + ") by more than " + Hlc.MAX_AHEAD_MILLIS / 60_000 + " minutes");
        }
        if (previous.isPresent() && previous.get().compareTo(hlc) > 0) {
            return refuse("CLOCK_BACKWARDS", "timestamp " + hlc + " is before the one of " + event.deviceId()
                    + "'s previous event (" + previous.get() + ")");
        }
        if (event.body() instanceof QueueEvent.OfTicket t) {
            LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochMilli(hlc.wallMillis()), BranchTime.ZONE);
            TicketId id = t.ticket();
            if (at.plusNanos(Hlc.MAX_AHEAD_MILLIS * 1_000_000).toLocalDate().isBefore(id.day())) {
                return refuse("BEFORE_DAY", "timestamp " + at + " is before the ticket's day " + id.day());
            }
            TimeSlot claimed = event.body() instanceof QueueEvent.TicketIssued issued ? issued.slot()
                    : event.body() instanceof QueueEvent.Reactivated r ? r.slot() : null;
            if (claimed != null) {
                LocalTime latest = claimed.end().plusNanos(Hlc.MAX_AHEAD_MILLIS * 1_000_000);
                if (at.toLocalDate().isAfter(id.day())
                        || (at.toLocalDate().equals(id.day()) && at.toLocalTime().isAfter(latest)
                            && latest.isAfter(claimed.end()))) {
                    return refuse("SLOT_IN_THE_PAST", "slot " + claimed + " had ended at " + at
                            + ", when the ticket was stamped");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String code, String reason) {
        return Optional.of(new Refusal(code, reason));
    }
}
