package vn.luot.server.booking;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;

/**
 * The city's published booking rules, as a pure function: today or one of the next 6 days; at most 2
 * bookings per person per day, 1 per field and purpose, 1 per time slot; a slot holds
 * {@code capacityPerField} bookings of a field; citizens aged 75 or more on the day get priority (by the
 * birth date their identity provider verified).
 * Cancelled bookings free their place; forfeited ones (Đã bỏ lượt) still count.
 */
public final class BookingRules {

    public static final int DAYS_AHEAD = 6;
    public static final int PRIORITY_AGE = 75;

    private BookingRules() {
    }

    /** One of the citizen's existing bookings that still counts for the limits. */
    public record Held(LocalDate date, TimeSlot slot, String field, Purpose purpose) {
    }

    /** The verdict: a refusal, or acceptance with the priority flag. */
    public record Verdict(BookingRefusal refusal, boolean priority) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * @param held       the citizen's bookings that count (not cancelled), any day
     * @param slotTaken  bookings already in this branch, day, slot and field that count
     */
    public static Verdict check(BookingRequest r, Branch branch, List<Held> held, int slotTaken,
                                int capacityPerField, LocalDateTime now) {
        if (r.citizen() == null || r.citizen().isBlank() || r.birthDate() == null
                || r.date() == null || r.slot() == null || r.field() == null || r.purpose() == null
                || r.birthDate().isAfter(now.toLocalDate())) {
            return refuse(BookingRefusal.INVALID_REQUEST);
        }
        if (branch == null) {
            return refuse(BookingRefusal.UNKNOWN_BRANCH);
        }
        if (branch.field(r.field()).isEmpty() || branch.countersServing(r.field()).isEmpty()) {
            return refuse(BookingRefusal.UNKNOWN_FIELD);
        }
        if (!branch.slots().contains(r.slot())) {
            return refuse(BookingRefusal.UNKNOWN_SLOT);
        }
        LocalDate today = now.toLocalDate();
        if (r.date().isBefore(today) || r.date().isAfter(today.plusDays(DAYS_AHEAD))) {
            return refuse(BookingRefusal.DATE_OUT_OF_RANGE);
        }
        if (!r.date().atTime(r.slot().end()).isAfter(now)) {
            return refuse(BookingRefusal.SLOT_PASSED);
        }
        List<Held> sameDay = held.stream().filter(h -> h.date().equals(r.date())).toList();
        if (sameDay.size() >= 2) {
            return refuse(BookingRefusal.DAILY_LIMIT);
        }
        if (sameDay.stream().anyMatch(h -> h.field().equals(r.field()) && h.purpose() == r.purpose())) {
            return refuse(BookingRefusal.FIELD_PURPOSE_LIMIT);
        }
        if (sameDay.stream().anyMatch(h -> h.slot().equals(r.slot()))) {
            return refuse(BookingRefusal.SLOT_LIMIT);
        }
        if (slotTaken >= capacityPerField) {
            return refuse(BookingRefusal.SLOT_FULL);
        }
        return new Verdict(null, isPriority(r.birthDate(), r.date()));
    }

    /** Aged 75 or more on the day of the booking (the birthday itself counts). */
    public static boolean isPriority(LocalDate birthDate, LocalDate onDay) {
        return Period.between(birthDate, onDay).getYears() >= PRIORITY_AGE;
    }

    private static Verdict refuse(BookingRefusal refusal) {
        return new Verdict(refusal, false);
    }
}
