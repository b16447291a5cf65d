package vn.luot.display.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
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
import vn.luot.core.token.TicketTokens;
import vn.luot.core.wait.WaitEstimate;
import vn.luot.core.wait.WaitEstimator;
import vn.luot.core.wait.WaitWording;
import vn.luot.display.tv.TvBoardModel;

/**
 * The public, read-only "your turn" page for phones on the branch Wi-Fi, at {@code /t/} (the current calls)
 * and {@code /t/HT-012} (where that number is: the kiosk prints this address as a QR on every ticket). It
 * shows numbers and counts only; a number tells nothing about who holds it. GET only: it changes nothing.
 */
public final class WaitingPage implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(WaitingPage.class.getName());
    /** Vietnamese is the base bundle; no fallback to the machine's locale, which would make it English. */
    private static final ResourceBundle.Control BUNDLES =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ResourceBundle VI = ResourceBundle.getBundle("vn.luot.display.web.ticket", Locale.ROOT, BUNDLES);
    private static final ResourceBundle EN = ResourceBundle.getBundle("vn.luot.display.web.ticket", Locale.ENGLISH, BUNDLES);
    private static final Pattern LABEL = Pattern.compile("([A-Z]{1,4})-?(\\d{1,4})");

    private final LocalQueue queue;
    private final TvBoardModel board;
    private final Branch branch;
    private final Clock clock;
    private final TicketTokens tokens;

    /** Without the branch's ticket key: tickets are looked up by their number only. */
    public WaitingPage(LocalQueue queue, TvBoardModel board, Clock clock) {
        this(queue, board, clock, null);
    }

    /** @param tokens the branch's ticket key, which signed the token in every ticket's QR link; null for none */
    public WaitingPage(LocalQueue queue, TvBoardModel board, Clock clock, TicketTokens tokens) {
        this.queue = queue;
        this.board = board;
        this.branch = queue.branch();
        this.clock = clock;
        this.tokens = tokens;
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
        if (!m.matches() && tokens != null) {
            return tokenPage(asked);
        }
        Optional<Ticket> ticket = Optional.empty();
        String label = asked;
        if (m.matches() && Integer.parseInt(m.group(2)) > 0) {
            TicketId id = new TicketId(BranchTime.now(clock).toLocalDate(), m.group(1), Integer.parseInt(m.group(2)));
            label = id.label();
            ticket = queue.ticket(id);
        }
        return ticketPage(label, ticket, null);
    }

    /** {@code /t/<token>}, the link in every ticket's QR: the ticket it names, if this branch signed it for today. */
    private String tokenPage(String asked) {
        TicketTokens.Verification verdict = tokens.verify(asked, clock.instant());
        if (verdict instanceof TicketTokens.Verification.Valid valid && valid.token().branchId().equals(branch.id())) {
            TicketId id = valid.token().ticket();
            if (id.day().equals(BranchTime.now(clock).toLocalDate())) {
                return ticketPage(id.label(), queue.ticket(id), null);
            }
            return ticketPage(id.label(), Optional.empty(), "expired");
        }
        boolean expired = verdict instanceof TicketTokens.Verification.Invalid invalid
                && invalid.reason() == TicketTokens.Reason.EXPIRED;
        return ticketPage("—", Optional.empty(), expired ? "expired" : "invalid");
    }

    private String ticketPage(String label, Optional<Ticket> ticket, String refusal) {
        Map<String, Object> scope = Pages.scope("Số " + label, 15);
        scope.put("label", label);
        if (refusal != null) {
            scope.put("refused", Map.of("vi", VI.getString(refusal), "en", EN.getString(refusal)));
        } else if (ticket.isEmpty()) {
            scope.put("notFound", Boolean.TRUE);
        } else {
            Ticket t = ticket.get();
            scope.put("status", status(t));
            if (t.status() == TicketStatus.CALLED) {
                scope.put("turn", turn(t.counter()));
            }
            if (t.status() == TicketStatus.CHECKED_IN || t.status() == TicketStatus.CALLED) {
                scope.put("order", Map.of("vi", VI.getString("order"), "en", EN.getString("order")));
            }
        }
        scope.put("callsVi", VI.getString("calls"));
        scope.put("callsEn", EN.getString("calls"));
        calls(board.state(), scope);
        return Pages.render("ticket", scope);
    }

    /** "ĐẾN LƯỢT BẠN — Mời bạn đến quầy N", large on yellow above everything else, English under it. */
    private static Map<String, Object> turn(int counter) {
        return Map.of("titleVi", VI.getString("turn.title"), "goVi", MessageFormat.format(VI.getString("turn.go"), counter),
                "titleEn", EN.getString("turn.title"), "goEn", MessageFormat.format(EN.getString("turn.go"), counter));
    }

    /** The ticket's status for the template: a count ahead, the counter it is called to, or a sentence. */
    private Map<String, Object> status(Ticket t) {
        if (t.status() == TicketStatus.CHECKED_IN) {
            int ahead = queue.ahead(t.id()).orElse(0);
            WaitEstimate wait = WaitEstimator.estimate(branch, queue.load(), t.servingField(), ahead,
                    BranchTime.now(clock));
            Map<String, Object> status = new java.util.HashMap<>();
            if (ahead == 0) {
                status.put("text", "Bạn là người tiếp theo. Vui lòng có mặt gần quầy.");
            } else {
                status.put("ahead", Map.of("count", ahead, "waitVi", WaitWording.wait(wait, WaitWording.VI),
                        "lineEn", WaitWording.line(wait, WaitWording.EN)));
            }
            // what changes the wait (the lunch break now, closing before the citizen's turn), English under each
            List<Map<String, String>> notes = new ArrayList<>();
            List<String> en = WaitWording.notes(wait, WaitWording.EN);
            List<String> vi = WaitWording.notes(wait, WaitWording.VI);
            for (int i = 0; i < vi.size(); i++) {
                notes.add(Map.of("vi", vi.get(i), "en", en.get(i)));
            }
            status.put("notes", notes);
            return status;
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
