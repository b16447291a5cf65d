package vn.luot.core.event;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import vn.luot.core.domain.Hlc;

/**
 * One entry of a device's event log: {@code (deviceId, seq)} identifies it across the branch, the
 * hybrid logical clock orders it.
 */
public record Event(String deviceId, long seq, Hlc hlc, Instant deviceTime, QueueEvent body) {

    /** The order of the merged log: HLC, then device, then sequence. Never arrival order. */
    public static final Comparator<Event> LOG_ORDER = Comparator.comparing(Event::hlc)
            .thenComparing(Event::deviceId)
            .thenComparingLong(Event::seq);

    public Event {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(hlc, "hlc");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(body, "body");
        if (seq < 1) {
            throw new IllegalArgumentException("event sequence numbers start at 1: " + seq);
        }
    }

    public Key key() {
        return new Key(deviceId, seq);
    }

    public EventType type() {
        return body.type();
    }

    /** The identity of an event across the branch. */
    public record Key(String deviceId, long seq) {
    }
}
