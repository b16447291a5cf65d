package vn.luot.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.ServiceField;
import vn.luot.printer.escpos.BundledFonts;

/**
 * Writes a day's report into a folder: {@code index.html} (Vietnamese first, English second, no
 * script, no network), the chart PNGs it shows, and the same figures as CSV files for a spreadsheet.
 */
public final class DayReport {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** Excel opens a UTF-8 CSV with Vietnamese correctly only when it starts with a byte order mark. */
    private static final String BOM = "\uFEFF";

    private final DayCharts charts;

    public DayReport(BundledFonts fonts) {
        this.charts = new DayCharts(fonts);
    }

    /** Writes everything; returns the files written, index.html first. */
    public List<Path> write(DayFigures f, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("index.html"));
        files.add(charts.ticketsPerHour(f, dir.resolve("tickets-per-hour.png")));
        files.add(charts.waitsByField(f, dir.resolve("waits-by-field.png")));
        files.add(charts.serviceByCounter(f, dir.resolve("service-by-counter.png")));
        files.add(charts.outcomes(f, dir.resolve("outcomes-by-field.png")));
        files.add(charts.ratings(f, dir.resolve("ratings-by-counter.png")));
        files.addAll(csv(f, dir));
        Files.writeString(dir.resolve("index.html"), html(f), StandardCharsets.UTF_8);
        return files;
    }

    // ---- CSV -------------------------------------------------------------------------------------

    private static List<Path> csv(DayFigures f, Path dir) throws IOException {
        StringBuilder fields = new StringBuilder(BOM
                + "field,name_vi,tickets,served,called_absent,never_came,forfeited,cancelled,wait_count,wait_median_min,wait_p90_min,wait_max_min\n");
        for (ServiceField field : f.fields()) {
            DayFigures.Outcomes o = f.outcomesByField().get(field.code());
            DayFigures.Stats w = f.waitsByField().get(field.code());
            fields.append(String.join(",", field.code(), quote(field.nameVi()), n(o.tickets()), n(o.served()),
                    n(o.calledNoShow()), n(o.missedCheckIn()), n(o.forfeited()), n(o.cancelled()), n(w.count()),
                    d(w.median()), d(w.p90()), d(w.max()))).append('\n');
        }
        StringBuilder hours = new StringBuilder(BOM + "field,hour,tickets\n");
        f.ticketsPerHour().forEach((field, perHour) -> perHour.forEach((hour, count) ->
                hours.append(field).append(',').append(String.format("%02d:00", hour)).append(',').append(count).append('\n')));
        StringBuilder counters = new StringBuilder(BOM + "counter,served,service_median_min,service_p90_min,called_absent,"
                + "very_satisfied,satisfied,neutral,dissatisfied\n");
        f.byCounter().forEach((counter, c) -> counters.append(String.join(",", n(counter), n(c.served()),
                d(c.service().median()), d(c.service().p90()), n(c.calledNoShow()), n(c.ratings().get(Rating.VERY_SATISFIED)),
                n(c.ratings().get(Rating.SATISFIED)), n(c.ratings().get(Rating.NEUTRAL)),
                n(c.ratings().get(Rating.DISSATISFIED)))).append('\n'));
        StringBuilder longest = new StringBuilder(BOM + "ticket,field,priority,joined,called,counter,wait_min\n");
        for (DayFigures.LongWait w : f.longestWaits()) {
            longest.append(String.join(",", w.label(), w.field(), Boolean.toString(w.priority()), TIME.format(w.joined()),
                    TIME.format(w.called()), n(w.counter()), d(w.minutes()))).append('\n');
        }
        DayFigures.Stats p = f.priorityWaits();
        String priority = BOM + "priority_served,wait_median_min,wait_p90_min,wait_max_min\n"
                + String.join(",", n(p.count()), d(p.median()), d(p.p90()), d(p.max())) + "\n";
        return List.of(
                Files.writeString(dir.resolve("figures-by-field.csv"), fields, StandardCharsets.UTF_8),
                Files.writeString(dir.resolve("tickets-per-hour.csv"), hours, StandardCharsets.UTF_8),
                Files.writeString(dir.resolve("counters.csv"), counters, StandardCharsets.UTF_8),
                Files.writeString(dir.resolve("longest-waits.csv"), longest, StandardCharsets.UTF_8),
                Files.writeString(dir.resolve("priority.csv"), priority, StandardCharsets.UTF_8));
    }

    private static String n(int value) {
        return Integer.toString(value);
    }

    private static String d(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    // ---- HTML ------------------------------------------------------------------------------------

    private static String html(DayFigures f) {
        StringBuilder h = new StringBuilder();
        h.append("""
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Báo cáo ngày %s — %s</title>
                <style>
                body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1040px;color:#1b1b1b}
                h1{font-size:26px;margin:0 0 4px} h2{font-size:20px;margin:32px 0 4px;border-bottom:2px solid #1F4E79}
                .en{color:#666;font-weight:normal;font-size:0.8em}
                .cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
                .card{flex:1 1 150px;background:#F2F6FA;border-radius:8px;padding:12px}
                .card b{display:block;font-size:28px;color:#1F4E79}
                table{border-collapse:collapse;width:100%%;margin-top:8px;font-size:14px}
                th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:right}
                th:first-child,td:first-child{text-align:left}
                img{max-width:100%%;height:auto;border:1px solid #eee}
                footer{margin-top:32px;color:#777;font-size:12px}
                </style></head><body>
                """.formatted(DAY.format(f.day()), esc(f.branchName())));
        h.append("<h1>Báo cáo ngày ").append(DAY.format(f.day())).append(" <span class=en>Daily report</span></h1>\n");
        h.append("<div>").append(esc(f.branchName())).append("</div>\n");
        int rated = f.byCounter().values().stream().mapToInt(DayFigures.CounterFigures::rated).sum();
        long satisfied = f.byCounter().values().stream().mapToLong(c -> c.ratings().get(Rating.VERY_SATISFIED)
                + c.ratings().get(Rating.SATISFIED)).sum();
        h.append("<div class=cards>")
                .append(card(f.totalTickets(), "Lượt xếp hàng", "tickets"))
                .append(card(f.totalServed(), "Đã phục vụ", "served"))
                .append(card(minutes(f.allWaits().median()), "Chờ trung vị (phút)", "median wait, min"))
                .append(card(minutes(f.allWaits().p90()), "90% chờ không quá (phút)", "p90 wait, min"))
                .append(card(f.totalNoShows(), "Vắng mặt", "no-shows"))
                .append(card(rated == 0 ? "–" : Math.round(100.0 * satisfied / rated) + "%", "Hài lòng", "satisfied"))
                .append("</div>\n");

        section(h, "Lượt theo giờ và lĩnh vực", "Tickets per hour and field", "tickets-per-hour.png");
        section(h, "Thời gian chờ theo lĩnh vực", "Waiting time by field", "waits-by-field.png");
        h.append("<table><tr><th>Lĩnh vực <span class=en>field</span></th><th>Lượt</th><th>Đã phục vụ</th>"
                + "<th>Trung vị (phút)</th><th>p90 (phút)</th><th>Lâu nhất (phút)</th></tr>\n");
        for (ServiceField field : f.fields()) {
            DayFigures.Stats w = f.waitsByField().get(field.code());
            DayFigures.Outcomes o = f.outcomesByField().get(field.code());
            h.append("<tr><td>").append(field.code()).append(" — ").append(esc(field.nameVi())).append("</td><td>")
                    .append(o.tickets()).append("</td><td>").append(o.served()).append("</td><td>").append(minutes(w.median()))
                    .append("</td><td>").append(minutes(w.p90())).append("</td><td>").append(minutes(w.max()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        section(h, "Thời gian phục vụ theo quầy", "Service time by counter", "service-by-counter.png");
        section(h, "Vắng mặt và bỏ lượt", "No-shows and forfeits", "outcomes-by-field.png");
        section(h, "Đánh giá mức độ hài lòng theo quầy", "Satisfaction ratings by counter", "ratings-by-counter.png");

        DayFigures.Stats p = f.priorityWaits();
        h.append("<h2>Công dân ưu tiên <span class=en>Priority citizens</span></h2>\n<p>")
                .append(p.count()).append(" lượt ưu tiên được gọi; chờ trung vị ").append(minutes(p.median()))
                .append(" phút, 90% không quá ").append(minutes(p.p90())).append(" phút, lâu nhất ")
                .append(minutes(p.max())).append(" phút. <span class=en>").append(p.count())
                .append(" priority numbers called; median wait ").append(minutes(p.median())).append(" min.</span></p>\n");

        h.append("<h2>Chờ lâu nhất trong ngày <span class=en>Longest waits of the day</span></h2>\n");
        h.append("<table><tr><th>Số <span class=en>ticket</span></th><th>Vào hàng</th><th>Được gọi</th><th>Quầy</th>"
                + "<th>Chờ (phút)</th></tr>\n");
        for (DayFigures.LongWait w : f.longestWaits()) {
            h.append("<tr><td>").append(w.label()).append(w.priority() ? " ★" : "").append("</td><td>")
                    .append(TIME.format(w.joined())).append("</td><td>").append(TIME.format(w.called())).append("</td><td>")
                    .append(w.counter()).append("</td><td>").append(minutes(w.minutes())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<footer>Lượt — số liệu từ nhật ký sự kiện của chi nhánh; không có tên hay số giấy tờ của công dân. "
                + "CSV: figures-by-field.csv, tickets-per-hour.csv, counters.csv, longest-waits.csv, priority.csv. "
                + "<span class=en>Figures from the branch's event log; no citizen names or ID numbers.</span></footer>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, String vi, String en, String image) {
        h.append("<h2>").append(vi).append(" <span class=en>").append(en).append("</span></h2>\n")
                .append("<img src=\"").append(image).append("\" width=\"").append(DayCharts.WIDTH).append("\" height=\"")
                .append(DayCharts.HEIGHT).append("\" alt=\"").append(vi).append("\">\n");
    }

    private static String card(Object value, String vi, String en) {
        return "<div class=card><b>" + value + "</b>" + vi + " <span class=en>" + en + "</span></div>";
    }

    private static String minutes(double value) {
        return Long.toString(Math.round(value));
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
