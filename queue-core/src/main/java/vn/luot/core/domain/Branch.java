package vn.luot.core.domain;

import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A service location: its fields, its bookable slots (in order) and its counters. */
public record Branch(String id, String name, List<ServiceField> fields, List<TimeSlot> slots, List<Counter> counters) {

    public Branch {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a branch needs an id");
        }
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

    public List<TimeSlot> slotsOf(Shift shift) {
        return slots.stream().filter(s -> s.shift() == shift).toList();
    }
}
