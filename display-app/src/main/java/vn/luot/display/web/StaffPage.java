package vn.luot.display.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.Ticket;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.calls.CallDesk;

/**
 * The staff page at {@code /staff}, for counters without buttons: the same operations as the buttons plus
 * TRANSFER and PAUSE, and the supervisor's morning-to-afternoon shift move. Each counter signs in with its
 * PIN (hashed in the config); every later form carries the session's CSRF token, and a request without it is
 * refused with 403 whatever cookie it brings. Five wrong PINs lock that counter's sign-in for a minute.
 * Every operation answers with what happened, in Vietnamese: a press never silently does nothing.
 */
public final class StaffPage implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(StaffPage.class.getName());
    static final String COOKIE = "luot_staff";
    static final int SUPERVISOR = 0;
    private static final int MAX_FAILURES = 5;
    private static final Duration LOCKOUT = Duration.ofMinutes(1);

    private final CallDesk desk;
    private final LocalQueue queue;
    private final Branch branch;
    private final Map<Integer, String> counterPins;
    private final String supervisorPin;
    private final StaffSessions sessions;
    private final Clock clock;
    private final Map<Integer, Failures> failures = new ConcurrentHashMap<>();
    private final java.util.function.IntFunction<Optional<vn.luot.display.board.BoardStatus>> boardStatus;

    private record Failures(int count, Instant lockedUntil) {
    }

    /**
     * @param counterPins   PIN hash per counter number; a counter without one cannot sign in
     * @param supervisorPin PIN hash of the supervisor, or null for none
     */
    public StaffPage(CallDesk desk, LocalQueue queue, Map<Integer, String> counterPins, String supervisorPin,
                     StaffSessions sessions, Clock clock) {
        this(desk, queue, counterPins, supervisorPin, sessions, clock, counter -> Optional.empty());
    }

    /** @param boardStatus each counter's LED board status, empty for a counter without a board */
    public StaffPage(CallDesk desk, LocalQueue queue, Map<Integer, String> counterPins, String supervisorPin,
                     StaffSessions sessions, Clock clock,
                     java.util.function.IntFunction<Optional<vn.luot.display.board.BoardStatus>> boardStatus) {
        this.boardStatus = Objects.requireNonNull(boardStatus, "boardStatus");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.branch = queue.branch();
        this.counterPins = Map.copyOf(counterPins);
        this.supervisorPin = supervisorPin;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                if (method.equals("GET") && (path.equals("/staff") || path.equals("/staff/"))) {
                    Optional<StaffSessions.Session> s = session(exchange);
                    if (s.isPresent()) {
                        Html.redirect(exchange, "/staff/desk");
                    } else {
                        Html.send(exchange, 200, loginPage(null));
                    }
                } else if (method.equals("POST") && path.equals("/staff/login")) {
                    login(exchange);
                } else if (method.equals("GET") && path.equals("/staff/desk")) {
                    Optional<StaffSessions.Session> s = session(exchange);
                    if (s.isEmpty()) {
                        Html.redirect(exchange, "/staff");
                    } else {
                        Html.send(exchange, 200, deskPage(s.get()));
                    }
                } else if (method.equals("POST") && (path.equals("/staff/action") || path.equals("/staff/logout"))) {
                    act(exchange, path.endsWith("logout"));
                } else {
                    Html.send(exchange, 404, Html.page("Không tìm thấy", "<h1>Không tìm thấy trang</h1>"
                            + "<p class=\"muted\">Page not found.</p><p><a href=\"/staff\">Trang nhân viên</a></p>", 0));
                }
            } catch (IllegalArgumentException e) {
                Html.send(exchange, 400, Html.page("Yêu cầu không hợp lệ", "<div class=\"err\">Yêu cầu không hợp lệ: "
                        + Html.escape(e.getMessage()) + "</div><p><a href=\"/staff\">Quay lại</a></p>", 0));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "staff page failed: " + method + " " + path, e);
                Html.send(exchange, 500, Html.page("Lỗi", "<div class=\"err\">Lỗi hệ thống, thao tác chưa được thực hiện. "
                        + "Vui lòng thử lại hoặc dùng nút bấm tại quầy.</div>", 0));
            }
        }
    }

    private Optional<StaffSessions.Session> session(HttpExchange exchange) {
        return sessions.find(Html.cookie(exchange, COOKIE));
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> form = Html.form(exchange);
        String who = form.getOrDefault("counter", "");
        String pin = form.getOrDefault("pin", "");
        int counter;
        try {
            counter = who.equals("supervisor") ? SUPERVISOR : Integer.parseInt(who);
        } catch (NumberFormatException e) {
            Html.send(exchange, 400, loginPage("Hãy chọn quầy. / Choose a counter."));
            return;
        }
        String hash = counter == SUPERVISOR ? supervisorPin : counterPins.get(counter);
        if (hash == null) {
            Html.send(exchange, 403, loginPage(counter == SUPERVISOR
                    ? "Chưa cấu hình mã PIN giám sát. / No supervisor PIN is configured."
                    : "Quầy " + counter + " chưa được cấu hình mã PIN. / This counter has no PIN configured."));
            return;
        }
        Instant now = clock.instant();
        Failures f = failures.get(counter);
        if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
            long seconds = Duration.between(now, f.lockedUntil()).toSeconds() + 1;
            Html.send(exchange, 429, loginPage("Nhập sai mã PIN quá nhiều lần. Vui lòng thử lại sau " + seconds
                    + " giây. / Too many wrong PINs; try again in " + seconds + " s."));
            return;
        }
        if (!PinHash.matches(pin, hash)) {
            int count = f == null || f.lockedUntil() != null ? 1 : f.count() + 1;
            failures.put(counter, new Failures(count, count >= MAX_FAILURES ? now.plus(LOCKOUT) : null));
            LOG.warning(() -> "staff page: wrong PIN for " + (counter == SUPERVISOR ? "supervisor" : "counter " + counter)
                    + " from " + exchange.getRemoteAddress().getAddress().getHostAddress() + " (" + count + " in a row)");
            Html.send(exchange, 401, loginPage("Mã PIN không đúng. Vui lòng thử lại. / Wrong PIN, please try again."));
            return;
        }
        failures.remove(counter);
        StaffSessions.Session s = sessions.open(counter, counter == SUPERVISOR);
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + s.id()
                + "; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=43200");
        LOG.info(() -> "staff page: " + s.who() + " signed in");
        Html.redirect(exchange, "/staff/desk");
    }

    private void act(HttpExchange exchange, boolean logout) throws IOException {
        Map<String, String> form = Html.form(exchange);
        Optional<StaffSessions.Session> found = session(exchange);
        if (found.isEmpty()) {
            Html.send(exchange, 401, loginPage("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại. / Please sign in again."));
            return;
        }
        StaffSessions.Session s = found.get();
        if (!StaffSessions.csrfMatches(s, form.get("csrf")) || !sameOrigin(exchange)) {
            LOG.warning(() -> "staff page: refused a request without this session's token (" + s.who() + ")");
            Html.send(exchange, 403, Html.page("Yêu cầu bị từ chối", "<div class=\"err\">Yêu cầu bị từ chối: thiếu mã "
                    + "bảo vệ của trang. Vui lòng mở lại trang nhân viên và thao tác từ đó.</div>"
                    + "<p class=\"muted\">Request refused: it did not come from the staff page.</p>"
                    + "<p><a href=\"/staff/desk\">Trang nhân viên</a></p>", 0));
            return;
        }
        if (logout) {
            sessions.close(s);
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=0");
            Html.redirect(exchange, "/staff");
            return;
        }
        sessions.flash(s, perform(s, form));
        Html.redirect(exchange, "/staff/desk");
    }

    /** A browser sends Origin on a POST; when it does, it must be this host (a second check behind the token). */
    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin == null || host == null || origin.equals("http://" + host) || origin.equals("https://" + host);
    }

    private String perform(StaffSessions.Session s, Map<String, String> form) {
        String action = form.getOrDefault("action", "");
        if (s.supervisor()) {
            if (!action.equals("move-morning")) {
                throw new IllegalArgumentException("unknown supervisor action '" + action + "'");
            }
            int moved = desk.moveMorningToAfternoon().size();
            return moved == 0 ? "Không còn lịch hẹn ca sáng nào cần chuyển."
                    : "Đã chuyển lịch hẹn ca sáng sang ca chiều (" + moved + " thay đổi). Công dân sẽ nhận được thông báo.";
        }
        int counter = s.counter();
        LocalQueue.CounterResult r = switch (action) {
            case "next" -> desk.next(counter);
            case "recall" -> desk.recall(counter);
            case "no-show" -> desk.noShow(counter);
            case "pause" -> desk.pause(counter);
            case "resume" -> desk.resume(counter);
            case "transfer" -> desk.transfer(counter, form.getOrDefault("field", ""));
            case "rate" -> desk.rate(counter, rating(form.getOrDefault("rating", "")));
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        };
        LOG.info(() -> "staff page: counter " + counter + " " + action + ": " + r.outcome());
        return message(r, form.getOrDefault("field", ""));
    }

    private static Rating rating(String value) {
        try {
            return Rating.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown rating '" + value + "'");
        }
    }

    private String message(LocalQueue.CounterResult r, String field) {
        String label = r.called().map(Ticket::label).orElse("");
        String finished = r.decision().finished() == null ? "" : r.decision().finished().label();
        return switch (r.outcome()) {
            case CALLED -> "Đã gọi số " + label + " đến quầy " + r.decision().counter() + ".";
            case RECALLED -> "Đã gọi lại số " + label + ".";
            case TRANSFERRED -> "Đã chuyển số " + finished + " sang lĩnh vực "
                    + branch.field(field).map(ServiceField::nameVi).orElse(field) + ".";
            case PAUSED -> "Quầy đã tạm dừng. Bấm \"Tiếp tục\" để nhận số trở lại.";
            case RESUMED -> "Quầy đã mở lại.";
            case RATED -> "Đã ghi nhận đánh giá cho số " + finished + ".";
            case NOBODY_WAITING -> "Không còn ai đang chờ" + (finished.isEmpty() ? "" : "; số " + finished
                    + " đã được phục vụ xong") + ".";
            case NO_CURRENT_TICKET -> "Quầy chưa có số nào đang phục vụ.";
            case COUNTER_PAUSED -> "Quầy đang tạm dừng: bấm \"Tiếp tục\" trước khi gọi số.";
            case UNKNOWN_COUNTER -> "Quầy này không có trong cấu hình của chi nhánh.";
            case UNKNOWN_FIELD -> "Lĩnh vực không hợp lệ hoặc không có quầy nào phục vụ.";
        };
    }

    // ---- pages ------------------------------------------------------------------------------------------

    private String loginPage(String error) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Trang nhân viên</h1><p class=\"muted\">Staff page — ").append(Html.escape(branch.name()))
                .append("</p>");
        if (error != null) {
            b.append("<div class=\"err\" id=\"error\">").append(Html.escape(error)).append("</div>");
        }
        b.append("<form method=\"post\" action=\"/staff/login\"><p><label>Quầy / Counter<br><select name=\"counter\" id=\"counter\">");
        for (Counter c : branch.counters()) {
            if (counterPins.containsKey(c.number())) {
                b.append("<option value=\"").append(c.number()).append("\">Quầy ").append(c.number()).append("</option>");
            }
        }
        if (supervisorPin != null) {
            b.append("<option value=\"supervisor\">Giám sát / Supervisor</option>");
        }
        b.append("</select></label></p><p><label>Mã PIN<br><input type=\"password\" name=\"pin\" id=\"pin\" "
                + "inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"8\"></label></p>"
                + "<p><button type=\"submit\" id=\"login\">Đăng nhập</button></p></form>");
        return Html.page("Trang nhân viên — Lượt", b.toString(), 0);
    }

    private String deskPage(StaffSessions.Session s) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(s.supervisor() ? "Giám sát" : "Quầy " + s.counter()).append("</h1>");
        sessions.takeFlash(s).ifPresent(m -> b.append("<div class=\"msg\" id=\"message\">").append(Html.escape(m))
                .append("</div>"));
        if (s.supervisor()) {
            supervisorBody(s, b);
        } else {
            counterBody(s, b);
        }
        b.append("<p>").append(button(s, "", "Đăng xuất", "secondary", "/staff/logout", "logout")).append("</p>");
        return Html.page((s.supervisor() ? "Giám sát" : "Quầy " + s.counter()) + " — Lượt", b.toString(), 0);
    }

    private void counterBody(StaffSessions.Session s, StringBuilder b) {
        int counter = s.counter();
        Counter c = branch.counter(counter).orElseThrow();
        Optional<Ticket> current = queue.currentAt(counter);
        boolean paused = queue.isPaused(counter);
        b.append("<p class=\"muted\">Đang phục vụ / Now serving</p><p class=\"big\" id=\"current\">")
                .append(current.map(Ticket::label).orElse("—")).append("</p>");
        if (paused) {
            b.append("<p id=\"paused\">Quầy đang tạm dừng.</p>");
        }
        b.append("<table><tr><th>Lĩnh vực</th><th>Đang chờ</th></tr>");
        for (String code : c.fieldCodes().stream().sorted().toList()) {
            b.append("<tr><td>").append(Html.escape(branch.field(code).map(ServiceField::nameVi).orElse(code)))
                    .append("</td><td id=\"waiting-").append(code).append("\">").append(queue.waitingCount(code))
                    .append("</td></tr>");
        }
        b.append("</table><p>")
                .append(button(s, "next", "Gọi số tiếp theo", "", "/staff/action", "next"))
                .append(button(s, "recall", "Gọi lại", "secondary", "/staff/action", "recall"))
                .append(button(s, "no-show", "Vắng mặt", "danger", "/staff/action", "no-show"))
                .append(paused ? button(s, "resume", "Tiếp tục", "secondary", "/staff/action", "resume")
                        : button(s, "pause", "Tạm dừng", "secondary", "/staff/action", "pause"))
                .append("</p>");
        b.append("<form method=\"post\" action=\"/staff/action\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(s.csrf()).append("\"><input type=\"hidden\" name=\"action\" value=\"transfer\">"
                        + "<select name=\"field\" id=\"transfer-field\">");
        for (ServiceField f : branch.fields()) {
            b.append("<option value=\"").append(f.code()).append("\">").append(Html.escape(f.code() + " — " + f.nameVi()))
                    .append("</option>");
        }
        b.append("</select><button type=\"submit\" class=\"secondary\" id=\"transfer\">Chuyển lĩnh vực</button></form>");
        b.append("<h2>Đánh giá của công dân</h2><p>");
        for (Rating r : Rating.values()) {
            b.append("<form method=\"post\" action=\"/staff/action\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(s.csrf()).append("\"><input type=\"hidden\" name=\"action\" value=\"rate\">"
                            + "<input type=\"hidden\" name=\"rating\" value=\"").append(r.name()).append("\">"
                            + "<button type=\"submit\" class=\"secondary\" id=\"rate-").append(r.name()).append("\">")
                    .append(Html.escape(r.nameVi())).append("</button></form>");
        }
        b.append("</p>");
    }

    private void supervisorBody(StaffSessions.Session s, StringBuilder b) {
        b.append("<table><tr><th>Quầy</th><th>Đang phục vụ</th><th></th><th>Bảng LED</th></tr>");
        for (Counter c : branch.counters()) {
            b.append("<tr><td>Quầy ").append(c.number()).append("</td><td>")
                    .append(queue.currentAt(c.number()).map(Ticket::label).orElse("—")).append("</td><td>")
                    .append(queue.isPaused(c.number()) ? "Tạm dừng" : "").append("</td><td class=\"board\">")
                    .append(boardStatus.apply(c.number()).map(StaffPage::boardText).orElse("—")).append("</td></tr>");
        }
        b.append("</table><h2>Chuyển ca</h2><p class=\"muted\">Mọi lịch hẹn ca sáng hôm nay chưa được phục vụ sẽ chuyển "
                + "sang ca chiều; công dân nhận thông báo trên ứng dụng.</p><p>")
                .append(button(s, "move-morning", "Chuyển lịch ca sáng sang ca chiều", "danger", "/staff/action",
                        "move-morning"))
                .append("</p>");
    }

    private static String button(StaffSessions.Session s, String action, String text, String cls, String target,
                                 String id) {
        return "<form method=\"post\" action=\"" + target + "\"><input type=\"hidden\" name=\"csrf\" value=\""
                + s.csrf() + "\">" + (action.isEmpty() ? "" : "<input type=\"hidden\" name=\"action\" value=\""
                + action + "\">") + "<button type=\"submit\"" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"")
                + " id=\"" + id + "\">" + Html.escape(text) + "</button></form>";
    }

    /** A board's status for the supervisor, Vietnamese first; OFFLINE and the others as the log names them. */
    static String boardText(vn.luot.display.board.BoardStatus status) {
        return switch (status) {
            case ONLINE -> "Hoạt động (ONLINE)";
            case UNKNOWN -> "Chưa liên lạc (UNKNOWN)";
            case NOT_ANSWERING -> "Không trả lời: kiểm tra địa chỉ, nguồn, dây A/B (NOT_ANSWERING)";
            case WRONG_CONTENT -> "Sai loại bảng: kiểm tra profile (WRONG_CONTENT)";
            case OFFLINE -> "Mất bộ chuyển đổi RS-485 (OFFLINE)";
        };
    }

    /** The counters that can sign in, for the startup log. */
    public List<Integer> countersWithPin() {
        return counterPins.keySet().stream().sorted().toList();
    }
}
