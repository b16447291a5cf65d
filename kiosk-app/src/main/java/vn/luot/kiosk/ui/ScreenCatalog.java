package vn.luot.kiosk.ui;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.kiosk.flow.KioskState;
import vn.luot.kiosk.flow.Refusal;
import vn.luot.kiosk.flow.Screen;
import vn.luot.kiosk.flow.TicketView;
import vn.luot.printer.PrinterStatus;

/** One sample of every screen, for {@code --screenshots} and for review. */
public final class ScreenCatalog {

    private ScreenCatalog() {
    }

    public static Map<String, Screen> screens() {
        Map<String, Screen> out = new LinkedHashMap<>();
        TicketView regular = new TicketView("HT-012", "2026-11-23/HT/12", "HT", "Hộ tịch", "Civil status",
                Purpose.SUBMIT, false, List.of(1, 2, 10), 4, 8, "");
        TicketView priority = new TicketView("CT-007", "2026-11-23/CT/7", "CT", "Chứng thực", "Certification",
                Purpose.COLLECT, true, List.of(2, 3, 10), 0, 0, "");
        out.put("home", new Screen.Home());
        out.put("working", new Screen.Working());
        out.put("ticket", new Screen.TicketIssued(regular, false));
        out.put("ticket-priority-reprint", new Screen.TicketIssued(priority, true));
        for (Refusal r : Refusal.values()) {
            out.put("refused-" + r.name().toLowerCase().replace('_', '-'), sample(r));
        }
        List<Screen.FieldChoice> fields = new ArrayList<>();
        int waiting = 3;
        for (ServiceField f : DemoBranch.fields()) {
            fields.add(Screen.FieldChoice.of(f, waiting));
            waiting = (waiting * 7) % 13;
        }
        out.put("walkin-field", new Screen.ChooseField(fields));
        out.put("walkin-purpose", new Screen.ChoosePurpose(fields.get(2), List.of(Purpose.values())));
        out.put("walkin-cccd", new Screen.ScanCitizenCard(fields.get(2), Purpose.SUBMIT, false));
        out.put("walkin-cccd-rejected", new Screen.ScanCitizenCard(fields.get(2), Purpose.SUBMIT, true));
        out.put("printer-paper-out", new Screen.PrinterFault(PrinterStatus.PAPER_OUT, regular));
        out.put("printer-cover-open", new Screen.PrinterFault(PrinterStatus.COVER_OPEN, regular));
        out.put("printer-offline", new Screen.PrinterFault(PrinterStatus.OFFLINE, regular));
        return out;
    }

    /** Each refusal as the running flow builds it (walk-ins open), with the details its screen names. */
    private static Screen.Refused sample(Refusal r) {
        Screen.Refused plain = Screen.Refused.of(r, true);
        return switch (r) {
            case OTHER_BRANCH -> plain.withBranch("Chi nhánh số 8 (Cầu Giấy)", "Số 36 Cầu Giấy, phường Cầu Giấy, Hà Nội");
            case FUTURE_DAY, PAST_DAY -> plain.on(LocalDate.of(2026, 11, 25), null);
            case TOO_EARLY, MOVED_LATER -> plain.on(LocalDate.of(2026, 11, 23), LocalTime.of(r == Refusal.TOO_EARLY ? 10 : 13, 30));
            case REPRINT_USED, REACTIVATION_USED, UNKNOWN_TICKET, TICKET_OF_ANOTHER_DAY -> plain.forTicket("HT-012");
            default -> plain;
        };
    }

    /** The states drawn for each screen: online, in the given language; home also offline with paper low. */
    public static KioskState state(Screen screen, KioskState.Language language, boolean offline) {
        return new KioskState(screen, language, !offline, offline ? LocalTime.of(9, 12) : null, offline, true);
    }
}
