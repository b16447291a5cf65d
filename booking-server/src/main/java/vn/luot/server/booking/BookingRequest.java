package vn.luot.server.booking;

import java.time.LocalDate;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;

/**
 * A booking asked for by a citizen whose credential was verified.
 *
 * @param citizen   the credential's issuer and subject; the server keeps only its keyed hash
 * @param birthDate the birth date the identity provider verified (never one the client sent)
 */
public record BookingRequest(String citizen, LocalDate birthDate, String branchId, LocalDate date, TimeSlot slot,
                             String field, Purpose purpose) {

    @Override
    public String toString() {
        return "BookingRequest[branch=" + branchId + ", date=" + date + ", slot=" + slot + ", field=" + field
                + ", purpose=" + purpose + "]";
    }
}
