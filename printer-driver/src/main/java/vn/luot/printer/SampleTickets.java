package vn.luot.printer;

import java.time.LocalDateTime;
import java.util.List;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.profile.VietnameseStrategy;

/** Sample tickets for the tests and for {@code ./luot printer --preview}; fixed values, so layouts are byte-stable. */
public final class SampleTickets {

    public static final String FOOTER = "Vui lòng chờ gọi số. Xin cảm ơn!";

    private SampleTickets() {
    }

    /** A built-in profile by id; "epson-tm-t20+cp1258" is that profile with Windows-1258 text chosen in the config. */
    public static PrinterProfile profile(String spec) {
        String[] parts = spec.split("\\+");
        PrinterProfile base = PrinterProfiles.builtIn(parts[0]);
        return parts.length == 1 ? base : base.withVietnamese(VietnameseStrategy.parse(parts[1]));
    }

    public static TicketSlip regular() {
        return new TicketSlip("Chi nhánh số 1 – Hoàn Kiếm", "HT", "Hộ tịch", "Nộp hồ sơ", "HT-012", false,
                List.of(3, 5), List.of("Còn 4 người trước bạn — khoảng 15–25 phút"), LocalDateTime.of(2026, 11, 23, 9, 36),
                "http://luot-hub.local:8090/t/AQVoay0wMQnWAkhUAAxKq3g0Uy1eR0nQpFZw", List.of(FOOTER), "Civil status - Submit dossier");
    }

    public static TicketSlip priority() {
        return new TicketSlip("Chi nhánh số 1 – Hoàn Kiếm", "DD", "Đất đai", "Nhận kết quả", "DD-007", true,
                List.of(7), List.of("Bạn là người tiếp theo",
                        "Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00."), LocalDateTime.of(2026, 11, 23, 12, 35),
                "http://luot-hub.local:8090/t/AQVoay0wMQnWAkREAAfTzVq2f1wE9b8rXhKo", List.of(FOOTER), null);
    }

    public static TicketSlip longBranchName() {
        return new TicketSlip(
                "Trung tâm Phục vụ hành chính công thành phố Hà Nội – Chi nhánh số 12 huyện Thường Tín (điểm phục vụ cộng đồng xã Nhị Khê)",
                "LD", "Lao động – Thương binh và Xã hội", "Tư vấn / hướng dẫn thủ tục hành chính", "LD-1024", false,
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                List.of("Còn 37 người trước bạn — khoảng 25–40 phút",
                        "Có thể không kịp phục vụ trong hôm nay: các quầy làm việc đến 17:00."), LocalDateTime.of(2026, 1, 2, 16, 59),
                "http://luot-hub.local:8090/t/AQVoay0wMQnUAkxEBAAb6uG3mQpLk0aT2cVe", List.of(FOOTER, "Ứng dụng iHanoi: tra cứu lượt chờ"), null);
    }
}
