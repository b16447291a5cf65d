package vn.luot.core.queue;

import java.time.Instant;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;

/**
 * A citizen at kiosk {@code deviceId} asked for help at {@code at} (the event's hybrid clock, bounded by every
 * receiver, not the kiosk's raw wall time).
 */
public record HelpRequest(String deviceId, Instant at) {

    static HelpRequest of(Event event) {
        if (!(event.body() instanceof QueueEvent.HelpRequested)) {
            throw new IllegalArgumentException("not a help request: " + event.type());
        }
        return new HelpRequest(event.deviceId(), Instant.ofEpochMilli(event.hlc().wallMillis()));
    }
}
