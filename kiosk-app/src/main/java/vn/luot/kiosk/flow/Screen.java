package vn.luot.kiosk.flow;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.wait.WaitEstimate;
import vn.luot.printer.PrinterStatus;

/** What the kiosk shows. Each screen is a value; the view draws it and nothing else. */
public sealed interface Screen {

    /** "Quét mã QR lịch hẹn" and the walk-in button. */
    record Home() implements Screen {
    }

    /** A scan or a tap is being handled (verify, record, print): a spinner, no buttons. */
    record Working() implements Screen {
    }

    /** The ticket was printed (or is being shown again on a reprint). */
    record TicketIssued(TicketView ticket, boolean reprint) implements Screen {
    }

    /**
     * A scan or a walk-in that cannot be served, with what to do next. {@code branchName}, {@code branchAddress},
     * {@code day}, {@code comeBackAt} and {@code ticketLabel} (the citizen's own number) carry the details some
     * refusals need; null otherwise. {@code offerWalkIn}: the screen has the walk-in button (never when walk-ins
     * are over for the day).
     */
    record Refused(Refusal refusal, String branchName, String branchAddress, LocalDate day, LocalTime comeBackAt,
                   String ticketLabel, boolean offerWalkIn) implements Screen {

        /** A refusal with no details, offering a walk-in where the refusal does and walk-ins are open. */
        public static Refused of(Refusal refusal, boolean walkInsOpen) {
            return new Refused(refusal, null, null, null, null, null, walkInsOpen && refusal.offersWalkIn());
        }

        public Refused withBranch(String name, String address) {
            return new Refused(refusal, name, address, day, comeBackAt, ticketLabel, offerWalkIn);
        }

        public Refused on(LocalDate day, LocalTime comeBackAt) {
            return new Refused(refusal, branchName, branchAddress, day, comeBackAt, ticketLabel, offerWalkIn);
        }

        public Refused forTicket(String label) {
            return new Refused(refusal, branchName, branchAddress, day, comeBackAt, label, offerWalkIn);
        }
    }

    /** Walk-in, step 1: a grid of fields. */
    record ChooseField(List<FieldChoice> fields) implements Screen {
    }

    /** Walk-in, step 2: the purpose. */
    record ChoosePurpose(FieldChoice field, List<Purpose> purposes) implements Screen {
    }

    /**
     * Walk-in, step 3 (optional): scan the citizen ID card for a priority number (aged 75+).
     * {@code lastScanRejected} when the previous scan was not a readable card.
     */
    record ScanCitizenCard(FieldChoice field, Purpose purpose, boolean lastScanRejected) implements Screen {
    }

    /** The ticket could not be printed: ask the citizen to call staff. The check-in stands. */
    record PrinterFault(PrinterStatus status, TicketView ticket) implements Screen {
    }

    /** A field a walk-in can choose, with how many wait for it and how long a number taken now would. */
    record FieldChoice(String code, String nameVi, String nameEn, String everydayVi, String everydayEn, int waiting,
                       WaitEstimate estimate) {

        public static FieldChoice of(ServiceField field, int waiting, WaitEstimate estimate) {
            return new FieldChoice(field.code(), field.nameVi(), field.nameEn(), field.everydayVi(), field.everydayEn(),
                    waiting, estimate);
        }

        public String name(KioskState.Language language) {
            return language == KioskState.Language.EN ? nameEn : nameVi;
        }

        public String everyday(KioskState.Language language) {
            return language == KioskState.Language.EN ? everydayEn : everydayVi;
        }
    }
}
