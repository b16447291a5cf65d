package vn.luot.display.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TicketStatus;
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
                    Html.send(exchange, 405, Pages.notice("Không hỗ trợ", null, null, "Trang này chỉ để xem.",
                            "This page is read-only.", null, null));
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
                Html.send(exchange, 500, Pages.notice("Lỗi", null, null,
                        "Không thể hiển thị lúc này. Vui lòng xem màn hình tại sảnh.", null, null, null));
            }
        }
    }

    private String overview() {
        Map<String, Object> scope = Pages.scope("Lượt — " + branch.name(), 15);
        scope.put("branchName", branch.name());
        calls(board.state(), scope);
        return Pages.render("waiting", scope);
    }

    private static void calls(TvBoardModel.State s, Map<String, Object> scope) {
        if (s.latest() != null) {
            scope.put("latest", Map.of("label", s.latest().label(), "counter", s.latest().counter()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TvBoardModel.CounterRow c : s.counters()) {
            rows.add(Map.of("counter", c.counter(),
                    "shown", c.paused() ? "Tạm dừng" : c.serving().isEmpty() ? "—" : c.serving()));
        }
        scope.put("counters", rows);
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
        Map<String, Object> scope = Pages.scope("Số " + label, 15);
        scope.put("label", label);
        if (ticket.isEmpty()) {
            scope.put("notFound", Boolean.TRUE);
        } else {
            scope.put("status", status(ticket.get()));
        }
        calls(board.state(), scope);
        return Pages.render("ticket", scope);
    }

    /** The ticket's status for the template: a count ahead, the counter it is called to, or a sentence. */
    private Map<String, Object> status(Ticket t) {
        if (t.status() == TicketStatus.CHECKED_IN) {
            int ahead = queue.ahead(t.id()).orElse(0);
            if (ahead == 0) {
                return Map.of("text", "Bạn là người tiếp theo. Vui lòng có mặt gần quầy.");
            }
            long open = branch.countersServing(t.servingField()).stream()
                    .filter(c -> !queue.isPaused(c.number())).count();
            return Map.of("ahead", Map.of("count", ahead, "minutes", board.estimate(ahead, open)));
        }
        if (t.status() == TicketStatus.CALLED) {
            return Map.of("calledTo", Map.of("counter", t.counter()));
        }
        return Map.of("text", sentence(t));
    }

    private static String sentence(Ticket t) {
        return switch (t.status()) {
            case CHECKED_IN, CALLED -> throw new IllegalStateException("told with numbers, not a sentence");
            case SERVED -> "Số này đã được phục vụ. Cảm ơn bạn!";
            case BOOKED, MOVED -> "Lịch hẹn chưa được xác nhận tại ki-ốt. Vui lòng quét mã QR tại ki-ốt.";
            case CALLED_NO_SHOW -> "Số này đã được gọi nhưng bạn vắng mặt. Vui lòng quét lại phiếu tại ki-ốt.";
            case NO_SHOW -> "Lịch hẹn đã bị hủy do không đến đúng giờ.";
            case CANCELLED -> "Lịch hẹn đã bị hủy.";
            case FORFEITED -> "Số này đã bỏ lượt.";
        };
    }
}
