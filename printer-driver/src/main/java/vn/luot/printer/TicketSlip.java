package vn.luot.printer;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Everything printed on one ticket, already decided by the kiosk. The printer side never
 * looks anything up and never reads a clock: the issue time travels in the value.
 *
 * <p>Personal data has no field here on purpose: a ticket carries a number, never a name or
 * an ID number.
 *
 * @param branchName     e.g. "Chi nhánh Hoàn Kiếm"
 * @param fieldCode      e.g. "HT"
 * @param fieldName      Vietnamese field name, e.g. "Hộ tịch"
 * @param purpose        Vietnamese purpose, e.g. "Nộp hồ sơ"
 * @param label          the queue number as shown on the boards, e.g. "HT-012"
 * @param priority       true for a <i>số ưu tiên</i>
 * @param counters       counters that serve this ticket, e.g. [3, 5]; may be empty
 * @param waitLines      the wait as the kiosk words it, Vietnamese: "Còn 4 người trước bạn — khoảng 15–25 phút",
 *                       then what the citizen must know before waiting ("Đang nghỉ trưa. Các quầy làm việc lại
 *                       lúc 13:00."); may be empty
 * @param issuedAt       local date and time of issue (Asia/Ho_Chi_Minh)
 * @param qrText         booking token or status link encoded in the QR; empty for none
 * @param footerLines    short closing lines, Vietnamese first
 * @param englishSubtitle optional English second line under field and purpose; null for none
 */
public record TicketSlip(
        String branchName,
        String fieldCode,
        String fieldName,
        String purpose,
        String label,
        boolean priority,
        List<Integer> counters,
        List<String> waitLines,
        LocalDateTime issuedAt,
        String qrText,
        List<String> footerLines,
        String englishSubtitle) {

    public TicketSlip {
        Objects.requireNonNull(branchName, "branchName");
        Objects.requireNonNull(fieldCode, "fieldCode");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (label.isBlank()) {
            throw new IllegalArgumentException("a ticket needs a number");
        }
        waitLines = List.copyOf(waitLines == null ? List.of() : waitLines);
        counters = List.copyOf(counters == null ? List.of() : counters);
        footerLines = List.copyOf(footerLines == null ? List.of() : footerLines);
        qrText = qrText == null ? "" : qrText;
    }
}
