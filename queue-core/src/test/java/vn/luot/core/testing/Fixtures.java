package vn.luot.core.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;

/** Bookings and central events for tests, the crash drill and the benchmarks. */
public final class Fixtures {

    public static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private Fixtures() {
    }

    public static Booking booking(String field, int number, String slot, boolean priority) {
        return booking(DAY, field, number, slot, priority);
    }

    public static Booking booking(LocalDate day, String field, int number, String slot, boolean priority) {
        return new Booking("bk-" + day + "-" + field + "-" + number, DemoBranch.ID, day, TimeSlot.parse(slot), field,
                Purpose.SUBMIT, number, priority);
    }

    /** The central server's record of {@code bookings}, as a branch device pulls it. */
    public static List<Event> recorded(List<Booking> bookings) {
        List<Event> events = new ArrayList<>(bookings.size());
        long seq = 0;
        for (Booking b : bookings) {
            seq++;
            events.add(new Event("central", seq, new Hlc(1_000 + seq, 0), Instant.ofEpochMilli(1_000 + seq),
                    new QueueEvent.BookingRecorded(b.ticketId(), b.id(), b.purpose(), b.slot(), b.priority())));
        }
        return events;
    }

    public static Event central(long seq, QueueEvent body) {
        return new Event("central", seq, new Hlc(1_000_000 + seq, 0), Instant.ofEpochMilli(1_000_000 + seq), body);
    }
}
