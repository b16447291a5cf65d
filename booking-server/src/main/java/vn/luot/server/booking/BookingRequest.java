package vn.luot.server.booking;

import java.time.LocalDate;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;

/**
 * What the city app sends to book. The full name is checked for presence and then dropped: the
 * server keeps only a salted hash of the ID number and the priority flag.
 */
public record BookingRequest(String citizenId, String fullName, LocalDate birthDate, String branchId,
                             LocalDate date, TimeSlot slot, String field, Purpose purpose) {

    @Override
    public String toString() {
        return "BookingRequest[branch=" + branchId + ", date=" + date + ", slot=" + slot + ", field=" + field
                + ", purpose=" + purpose + "]";
    }
}
