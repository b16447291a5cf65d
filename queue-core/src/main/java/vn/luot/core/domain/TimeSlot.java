package vn.luot.core.domain;

import java.time.LocalTime;
import java.util.Objects;

/** A bookable interval of a day (khung giờ), start inclusive, end exclusive. */
public record TimeSlot(LocalTime start, LocalTime end) implements Comparable<TimeSlot> {

    public TimeSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a time slot must end after it starts: " + start + "–" + end);
        }
    }

    public static TimeSlot of(String start, String end) {
        return new TimeSlot(LocalTime.parse(start), LocalTime.parse(end));
    }

    /** Parses the {@link #toString()} form, {@code 08:00-08:30}. */
    public static TimeSlot parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("not a time slot (want HH:MM-HH:MM): " + text);
        }
        return of(text.substring(0, dash).trim(), text.substring(dash + 1).trim());
    }

    public Shift shift() {
        return Shift.of(start);
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    @Override
    public int compareTo(TimeSlot other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
