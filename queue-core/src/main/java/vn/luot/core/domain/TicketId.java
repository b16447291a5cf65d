package vn.luot.core.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A queue number: unique within (branch, day, field). The field is the one the number was issued in;
 * a transferred ticket keeps its id (and so its printed label) while it waits in another field.
 */
public record TicketId(LocalDate day, String field, int number) implements Comparable<TicketId> {

    public TicketId {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(field, "field");
        if (number < 1 || number > 9999) {
            throw new IllegalArgumentException("a ticket number is 1..9999: " + number);
        }
    }

    /** The printed label, e.g. {@code HT-012}. */
    public String label() {
        return String.format("%s-%03d", field, number);
    }

    /** A stable text key, {@code 2026-11-23/HT/12}, for storage and the wire. */
    public String key() {
        return day + "/" + field + "/" + number;
    }

    public static TicketId parseKey(String key) {
        String[] parts = key.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a ticket key: " + key);
        }
        return new TicketId(LocalDate.parse(parts[0]), parts[1], Integer.parseInt(parts[2]));
    }

    @Override
    public int compareTo(TicketId o) {
        int c = day.compareTo(o.day);
        if (c == 0) {
            c = field.compareTo(o.field);
        }
        return c != 0 ? c : Integer.compare(number, o.number);
    }

    @Override
    public String toString() {
        return label();
    }
}
