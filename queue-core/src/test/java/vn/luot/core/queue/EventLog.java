package vn.luot.core.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.luot.core.domain.Hlc;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;

/** Builds a hand-written event log for fold tests: each event one millisecond after the last. */
final class EventLog {

    private final List<Event> events = new ArrayList<>();
    private long millis = 1_000_000;

    EventLog add(String device, QueueEvent body) {
        millis++;
        long seq = events.stream().filter(e -> e.deviceId().equals(device)).count() + 1;
        events.add(new Event(device, seq, new Hlc(millis, 0), Instant.ofEpochMilli(millis), body));
        return this;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    QueueState fold() {
        return QueueState.fold(events);
    }
}
