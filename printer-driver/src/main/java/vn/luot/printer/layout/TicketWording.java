package vn.luot.printer.layout;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import vn.luot.printer.TicketSlip;

/** The sentences on a ticket, in Vietnamese, from the ticket's values. */
public final class TicketWording {

    public static final String PRIORITY_MARKER = "SỐ ƯU TIÊN";
    /** Under the QR, which links to the ticket's status page: what scanning it gives, Vietnamese first. */
    public static final String QR_CAPTION_VI = "Quét mã để xem bao giờ đến lượt bạn";
    public static final String QR_CAPTION_EN = "Scan to see when it is your turn";
    private static final DateTimeFormatter ISSUED = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private TicketWording() {
    }

    /** "Quầy 3, 5", or empty when the kiosk did not say which counters serve the ticket. */
    public static String counters(TicketSlip slip) {
        if (slip.counters().isEmpty()) {
            return "";
        }
        return "Quầy " + slip.counters().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    public static String issued(TicketSlip slip) {
        return ISSUED.format(slip.issuedAt());
    }

    /**
     * Every text line of the ticket in print order, before wrapping; what the virtual printer's
     * decoded text must read (the QR is not text and is not listed).
     */
    public static List<String> lines(TicketSlip slip) {
        List<String> lines = new ArrayList<>();
        lines.add(slip.branchName());
        lines.add(slip.fieldName());
        lines.add(slip.purpose());
        if (slip.englishSubtitle() != null && !slip.englishSubtitle().isBlank()) {
            lines.add(slip.englishSubtitle());
        }
        lines.add(slip.label());
        if (slip.priority()) {
            lines.add(PRIORITY_MARKER);
        }
        if (!counters(slip).isEmpty()) {
            lines.add(counters(slip));
        }
        lines.addAll(slip.waitLines());
        lines.add(issued(slip));
        if (!slip.qrText().isEmpty()) {
            lines.add(QR_CAPTION_VI);
            lines.add(QR_CAPTION_EN);
        }
        lines.addAll(slip.footerLines());
        return lines;
    }
}
