package vn.luot.display.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.tv.TvBoardModel;

/**
 * The public, read-only "your turn" page for phones on the branch Wi-Fi, at {@code /t/} (the current calls)
 * and {@code /t/HT-012} (where that number is: the kiosk prints this address as a QR on every ticket). It
 * shows numbers and counts only; a number tells nothing about who holds it. GET only: it changes nothing.
 */
public final class WaitingPage implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(WaitingPage.class.getName());
    private static final Pattern LABEL = Pattern.compile("([A-Z]{1,4})-?(\\d{1,4})");

    private final LocalQueue queue;
    private final TvBoardModel board;
    private final Branch branch;
    private final Clock clock;

    public WaitingPage(LocalQueue queue, TvBoardModel board, Clock clock) {
        this.queue = queue;
        this.board = board;
        this.branch = queue.branch();
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    Html.send(exchange, 405, Html.page("Không hỗ trợ", "<p>Trang này chỉ để xem.</p>", 0));
                    return;
                }
                String path = exchange.getRequestURI().getPath();
                String rest = path.length() > 3 ? path.substring(3) : "";
                String q = exchange.getRequestURI().getRawQuery();
                if (rest.isEmpty() && q != null && q.startsWith("so=")) {
                    rest = URLDecoder.decode(q.substring(3), StandardCharsets.UTF_8);
                }
                Html.send(exchange, 200, rest.isBlank() ? overview() : ticketPage(rest.strip()));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "waiting page failed", e);
                Html.send(exchange, 500, Html.page("Lỗi", "<p>Không thể hiển thị lúc này. Vui lòng xem màn hình tại sảnh.</p>", 0));
            }
        }
    }

    private String overview() {
        TvBoardModel.State s = board.state();
        StringBuilder b = new StringBuilder("<h1>").append(Html.escape(branch.name())).append("</h1>");
        b.append(calls(s));
        b.append("<form method=\"get\" action=\"/t/\"><p><label>Số của bạn / Your number<br>"
                + "<input name=\"so\" id=\"so\" placeholder=\"HT-012\" maxlength=\"9\"></label>"
                + "<button type=\"submit\" id=\"look\">Xem lượt</button></p></form>");
        return Html.page("Lượt — " + branch.name(), b.toString(), 15);
    }

    private String calls(TvBoardModel.State s) {
        StringBuilder b = new StringBuilder();
        if (s.latest() != null) {
            b.append("<div class=\"msg\" id=\"latest\">Mời số <b>").append(s.latest().label()).append("</b> đến quầy <b>")
                    .append(s.latest().counter()).append("</b></div>");
        }
        b.append("<table id=\"counters\"><tr><th>Quầy</th><th>Đang phục vụ</th></tr>");
        for (TvBoardModel.CounterRow c : s.counters()) {
            b.append("<tr><td>Quầy ").append(c.counter()).append("</td><td>")
                    .append(c.paused() ? "Tạm dừng" : c.serving().isEmpty() ? "—" : c.serving()).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private String ticketPage(String asked) {
        Matcher m = LABEL.matcher(asked.toUpperCase(Locale.ROOT));
        Optional<Ticket> ticket = Optional.empty();
        String label = asked;
        if (m.matches() && Integer.parseInt(m.group(2)) > 0) {
            TicketId id = new TicketId(BranchTime.now(clock).toLocalDate(), m.group(1), Integer.parseInt(m.group(2)));
            label = id.label();
            ticket = queue.ticket(id);
        }
        StringBuilder b = new StringBuilder("<h1>Số ").append(Html.escape(label)).append("</h1>");
        if (ticket.isEmpty()) {
            b.append("<div class=\"err\" id=\"status\">Không tìm thấy số này trong hôm nay. Hãy kiểm tra lại số trên phiếu."
                    + "</div><p class=\"muted\">This number is not in today's queue.</p>");
        } else {
            b.append("<div class=\"msg\" id=\"status\">").append(status(ticket.get())).append("</div>");
        }
        b.append(calls(board.state()));
        b.append("<p><a href=\"/t/\">Xem các số đang gọi</a></p>");
        return Html.page("Số " + label, b.toString(), 15);
    }

    private String status(Ticket t) {
        return switch (t.status()) {
            case CHECKED_IN -> {
                int ahead = queue.ahead(t.id()).orElse(0);
                long open = branch.countersServing(t.servingField()).stream()
                        .filter(c -> !queue.isPaused(c.number())).count();
                yield ahead == 0 ? "Bạn là người tiếp theo. Vui lòng có mặt gần quầy."
                        : "Còn <b id=\"ahead\">" + ahead + "</b> số trước bạn, dự kiến khoảng "
                        + board.estimate(ahead, open) + " phút.";
            }
            case CALLED -> "Mời bạn đến <b>quầy " + t.counter() + "</b>.";
            case SERVED -> "Số này đã được phục vụ. Cảm ơn bạn!";
            case BOOKED, MOVED -> "Lịch hẹn chưa được xác nhận tại ki-ốt. Vui lòng quét mã QR tại ki-ốt.";
            case CALLED_NO_SHOW -> "Số này đã được gọi nhưng bạn vắng mặt. Vui lòng quét lại phiếu tại ki-ốt.";
            case NO_SHOW -> "Lịch hẹn đã bị hủy do không đến đúng giờ.";
            case CANCELLED -> "Lịch hẹn đã bị hủy.";
            case FORFEITED -> "Số này đã bỏ lượt.";
        };
    }
}
