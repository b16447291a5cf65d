package vn.luot.core.domain;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A service location: its fields, its bookable slots (in order), its counters, where it is (said to a
 * citizen who came to the wrong one) and the times its kiosks keep.
 */
public record Branch(String id, String name, List<ServiceField> fields, List<TimeSlot> slots, List<Counter> counters,
                     String address, Times times) {

    /**
     * The branch's own times. A booking can be checked in from {@code checkInOpensBefore} its slot starts
     * until {@code checkInGrace} after it ends; walk-in numbers are handed out until {@code lastWalkIn}
     * (null: until the last slot ends); the counters stop for {@code lunchBreak} (null: the gap between the
     * opening hours' blocks, if any). No slot lies in the lunch break: the branch file cuts it out of the hours.
     */
    public record Times(Duration checkInOpensBefore, Duration checkInGrace, LocalTime lastWalkIn, TimeSlot lunchBreak) {

        /** 30 minutes early, no grace, walk-ins until closing: what every branch kept before it could choose. */
        public static final Times DEFAULT = new Times(Duration.ofMinutes(30), Duration.ZERO, null, null);

        public Times(Duration checkInOpensBefore, Duration checkInGrace, LocalTime lastWalkIn) {
            this(checkInOpensBefore, checkInGrace, lastWalkIn, null);
        }

        public Times {
            if (checkInOpensBefore == null || checkInGrace == null) {
                throw new IllegalArgumentException("check-in times are required");
            }
            if (checkInOpensBefore.isNegative() || checkInOpensBefore.toMinutes() > 240) {
                throw new IllegalArgumentException("check_in_opens_before_minutes must be 0..240");
            }
            if (checkInGrace.isNegative() || checkInGrace.toMinutes() > 120) {
                throw new IllegalArgumentException("check_in_grace_minutes must be 0..120");
            }
        }
    }

    public Branch(String id, String name, List<ServiceField> fields, List<TimeSlot> slots, List<Counter> counters) {
        this(id, name, fields, slots, counters, "", Times.DEFAULT);
    }

    public Branch {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a branch needs an id");
        }
        address = address == null ? "" : address.strip();
        times = times == null ? Times.DEFAULT : times;
        fields = List.copyOf(fields);
        slots = slots.stream().sorted().toList();
        counters = counters.stream().sorted(Comparator.comparingInt(Counter::number)).toList();
        var codes = fields.stream().map(ServiceField::code).collect(Collectors.toSet());
        for (Counter counter : counters) {
            for (String code : counter.fieldCodes()) {
                if (!codes.contains(code)) {
                    throw new IllegalArgumentException("counter " + counter.number() + " serves unknown field " + code);
                }
            }
        }
    }

    public Optional<ServiceField> field(String code) {
        return fields.stream().filter(f -> f.code().equals(code)).findFirst();
    }

    public Optional<Counter> counter(int number) {
        return counters.stream().filter(c -> c.number() == number).findFirst();
    }

    public List<Counter> countersServing(String fieldCode) {
        return counters.stream().filter(c -> c.serves(fieldCode)).toList();
    }

    /**
     * The slot a walk-in taken at {@code time} belongs to: the slot containing it, else the next one
     * to start (before opening, or in the lunch break), else the last slot of the day.
     */
    public TimeSlot slotAt(LocalTime time) {
        if (slots.isEmpty()) {
            throw new IllegalStateException("branch " + id + " has no time slots");
        }
        for (TimeSlot slot : slots) {
            if (slot.contains(time) || slot.start().isAfter(time)) {
                return slot;
            }
        }
        return slots.get(slots.size() - 1);
    }

    /** The first moment no walk-in number is handed out any more today: {@code lastWalkIn}, or closing. */
    public LocalTime walkInsEnd() {
        LocalTime closing = slots.isEmpty() ? LocalTime.MIN : slots.get(slots.size() - 1).end();
        return times.lastWalkIn() == null || times.lastWalkIn().isAfter(closing) ? closing : times.lastWalkIn();
    }

    /** When the first slot of the day starts. */
    public LocalTime opening() {
        return slots.isEmpty() ? LocalTime.MIN : slots.get(0).start();
    }

    /** The last service time of the day: when the last slot ends. */
    public LocalTime closing() {
        return slots.isEmpty() ? LocalTime.MIN : slots.get(slots.size() - 1).end();
    }

    /** The stretches of the day the counters serve: the slots, back to back ones joined (08:00-12:00, 13:00-17:00). */
    public List<TimeSlot> servicePeriods() {
        List<TimeSlot> periods = new java.util.ArrayList<>();
        for (TimeSlot slot : slots) {
            TimeSlot last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
            if (last != null && !slot.start().isAfter(last.end())) {
                periods.set(periods.size() - 1, new TimeSlot(last.start(),
                        slot.end().isAfter(last.end()) ? slot.end() : last.end()));
            } else {
                periods.add(slot);
            }
        }
        return periods;
    }

    /** The lunch break: the configured one, else the first gap between the service periods; empty if none. */
    public Optional<TimeSlot> lunchBreak() {
        if (times.lunchBreak() != null) {
            return Optional.of(times.lunchBreak());
        }
        List<TimeSlot> periods = servicePeriods();
        return periods.size() < 2 ? Optional.empty()
                : Optional.of(new TimeSlot(periods.get(0).end(), periods.get(1).start()));
    }

    public List<TimeSlot> slotsOf(Shift shift) {
        return slots.stream().filter(s -> s.shift() == shift).toList();
    }
}
