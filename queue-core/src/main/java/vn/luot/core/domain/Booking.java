package vn.luot.core.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A booking as the central server issued it (and as its signed QR token carries it). No personal
 * data: who booked is the central server's business; the branch needs only the priority flag.
 */
public record Booking(String id, String branchId, LocalDate date, TimeSlot slot, String field, Purpose purpose,
                      int number, boolean priority) {

    public Booking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(purpose, "purpose");
    }

    public TicketId ticketId() {
        return new TicketId(date, field, number);
    }
}
