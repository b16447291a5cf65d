package vn.luot.core.rules;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalDate;
import java.util.Objects;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.TimeSlot;

/**
 * When a booking can be checked in: from {@code opensBefore} the slot's start until
 * {@code closesAfterEnd} after the slot's end (default: 30 minutes before, until the slot ends).
 */
public record CheckInWindow(Duration opensBefore, Duration closesAfterEnd) {

    public static final CheckInWindow DEFAULT = new CheckInWindow(Duration.ofMinutes(30), Duration.ZERO);

    public CheckInWindow {
        Objects.requireNonNull(opensBefore, "opensBefore");
        Objects.requireNonNull(closesAfterEnd, "closesAfterEnd");
        if (opensBefore.isNegative() || closesAfterEnd.isNegative()) {
            throw new IllegalArgumentException("check-in window durations cannot be negative");
        }
    }

    /** The window a branch keeps ({@code check_in_opens_before_minutes}, {@code check_in_grace_minutes}). */
    public static CheckInWindow of(Branch.Times times) {
        return new CheckInWindow(times.checkInOpensBefore(), times.checkInGrace());
    }

    public LocalDateTime opensAt(LocalDate day, TimeSlot slot) {
        return day.atTime(slot.start()).minus(opensBefore);
    }

    /** The first moment at which check-in is no longer possible. */
    public LocalDateTime closesAt(LocalDate day, TimeSlot slot) {
        return day.atTime(slot.end()).plus(closesAfterEnd);
    }
}
