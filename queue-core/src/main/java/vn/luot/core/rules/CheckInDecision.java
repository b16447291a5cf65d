package vn.luot.core.rules;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TimeSlot;

/** The outcome of scanning a booking at the kiosk. Never an exception: every case is a value. */
public sealed interface CheckInDecision {

    /** Check in now, against {@code slot} (the booking's, or its new one after a shift move). */
    record Accept(TimeSlot slot) implements CheckInDecision {
    }

    /** Already checked in: print the same ticket again, never a new number. */
    record Reprint(Ticket ticket) implements CheckInDecision {
    }

    /** A no-show scanned again the same day: back in line at the end of {@code slot}. */
    record Reactivate(Ticket ticket, TimeSlot slot) implements CheckInDecision {
    }

    /**
     * Refused. {@code branchId}, {@code day} and {@code opensAt} say what to do next where the reason
     * has such an answer (which branch, which date, come back at HH:MM); null otherwise.
     */
    record Refuse(CheckInRefusal reason, String branchId, LocalDate day, LocalDateTime opensAt)
            implements CheckInDecision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }

        static Refuse because(CheckInRefusal reason) {
            return new Refuse(reason, null, null, null);
        }
    }
}
