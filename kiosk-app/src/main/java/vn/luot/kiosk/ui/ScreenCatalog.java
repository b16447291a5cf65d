package vn.luot.kiosk.ui;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.wait.QueueLoad;
import vn.luot.core.wait.WaitEstimate;
import vn.luot.core.wait.WaitEstimator;
import vn.luot.kiosk.flow.KioskState;
import vn.luot.kiosk.flow.Refusal;
import vn.luot.kiosk.flow.Screen;
import vn.luot.kiosk.flow.TicketView;
import vn.luot.printer.PrinterStatus;

/** One sample of every screen, for {@code --screenshots} and for review. */
public final class ScreenCatalog {

    private static final LocalDateTime MORNING = LocalDateTime.of(2026, 11, 23, 9, 36);
    private static final LocalDateTime LUNCH = LocalDateTime.of(2026, 11, 23, 12, 20);
    /** Some lines can no longer be served today, some may run past closing. */
    private static final LocalDateTime LATE = LocalDateTime.of(2026, 11, 23, 16, 25);
    private static final Map<String, Integer> LINES = Map.of("HT", 5, "CT", 2, "DD", 3, "XD", 3, "KD", 8, "CTR", 4,
            "LD", 0);

    private ScreenCatalog() {
    }

    public static Map<String, Screen> screens() {
        Map<String, Screen> out = new LinkedHashMap<>();
        TicketView regular = new TicketView("HT-012", "2026-11-23/HT/12", "HT", "Hộ tịch", "Civil status",
                Purpose.SUBMIT, false, List.of(1, 2, 10), 4, wait("HT", 4, MORNING), "");
        TicketView priority = new TicketView("CT-007", "2026-11-23/CT/7", "CT", "Chứng thực", "Certification",
                Purpose.COLLECT, true, List.of(2, 3, 10), 0, wait("CT", 0, MORNING), "");
        TicketView lunch = new TicketView("DD-014", "2026-11-23/DD/14", "DD", "Đất đai", "Land",
                Purpose.SUBMIT, false, List.of(4, 5), 3, wait("DD", 3, LUNCH), "");
        out.put("home", new Screen.Home());
        out.put("working", new Screen.Working());
        out.put("ticket", new Screen.TicketIssued(regular, false));
        out.put("ticket-priority-reprint", new Screen.TicketIssued(priority, true));
        out.put("ticket-lunch-break", new Screen.TicketIssued(lunch, false));
        for (Refusal r : Refusal.values()) {
            out.put("refused-" + r.name().toLowerCase().replace('_', '-'), sample(r));
        }
        List<Screen.FieldChoice> fields = fieldChoices(MORNING);
        out.put("walkin-field", new Screen.ChooseField(fields));
        out.put("walkin-field-lunch-break", new Screen.ChooseField(fieldChoices(LUNCH)));
        out.put("walkin-field-late", new Screen.ChooseField(fieldChoices(LATE)));
        out.put("walkin-purpose-lunch-break", new Screen.ChoosePurpose(fieldChoices(LUNCH).get(2), List.of(Purpose.values())));
        out.put("walkin-purpose-late", new Screen.ChoosePurpose(fieldChoices(LATE).get(2), List.of(Purpose.values())));
        out.put("walkin-purpose", new Screen.ChoosePurpose(fields.get(2), List.of(Purpose.values())));
        out.put("walkin-cccd", new Screen.ScanCitizenCard(fields.get(2), Purpose.SUBMIT, false));
        out.put("walkin-cccd-rejected", new Screen.ScanCitizenCard(fields.get(2), Purpose.SUBMIT, true));
        out.put("printer-paper-out", new Screen.PrinterFault(PrinterStatus.PAPER_OUT, regular));
        out.put("printer-cover-open", new Screen.PrinterFault(PrinterStatus.COVER_OPEN, regular));
        out.put("printer-offline", new Screen.PrinterFault(PrinterStatus.OFFLINE, regular));
        return out;
    }

    /** The tiles at {@code now}, with lines of the sample lengths, each estimated as the running flow does. */
    private static List<Screen.FieldChoice> fieldChoices(LocalDateTime now) {
        List<Screen.FieldChoice> fields = new ArrayList<>();
        QueueLoad load = new QueueLoad(LINES, Set.of(), List.of());
        for (ServiceField f : DemoBranch.fields()) {
            int waiting = load.waiting(f.code());
            fields.add(Screen.FieldChoice.of(f, waiting,
                    WaitEstimator.estimate(DemoBranch.create(), load, f.code(), waiting, now)));
        }
        return fields;
    }

    /** The wait the running kiosk would say, from the same estimate, on a queue with {@link #LINES} waiting. */
    private static WaitEstimate wait(String field, int ahead, LocalDateTime now) {
        return WaitEstimator.estimate(DemoBranch.create(), new QueueLoad(LINES, Set.of(), List.of()), field, ahead, now);
    }

    /** Each refusal as the running flow builds it (walk-ins open), with the details its screen names. */
    private static Screen.Refused sample(Refusal r) {
        Screen.Refused plain = Screen.Refused.of(r, true);
        return switch (r) {
            case OTHER_BRANCH -> plain.withBranch("Chi nhánh số 8 (Cầu Giấy)", "Số 36 Cầu Giấy, phường Cầu Giấy, Hà Nội");
            case FUTURE_DAY, PAST_DAY -> plain.on(LocalDate.of(2026, 11, 25), null);
            case TOO_EARLY, MOVED_LATER -> plain.on(LocalDate.of(2026, 11, 23), LocalTime.of(r == Refusal.TOO_EARLY ? 10 : 13, 30));
            case NOT_SERVED_TODAY -> plain.on(null, LocalTime.of(17, 0));
            case REPRINT_USED, REACTIVATION_USED, UNKNOWN_TICKET, TICKET_OF_ANOTHER_DAY -> plain.forTicket("HT-012");
            default -> plain;
        };
    }

    /** The states drawn for each screen: online, in the given language; home also offline with paper low. */
    public static KioskState state(Screen screen, KioskState.Language language, boolean offline) {
        return new KioskState(screen, language, !offline, offline ? LocalTime.of(9, 12) : null, offline, true);
    }
}
