package vn.luot.display.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.Ticket;
import vn.luot.core.http.EdgeServer;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.calls.CallDesk;

/**
 * The staff page at {@code /staff}, for counters without buttons: the same operations as the buttons plus
 * TRANSFER and PAUSE, and the supervisor's morning-to-afternoon shift move. Each counter signs in with its
 * PIN (hashed in the config); every later form carries the session's CSRF token, and a request without it is
 * refused with 403 whatever cookie it brings; the sign-in form carries its own token too. Wrong PINs are
 * limited per client address and per counter ({@link SignInThrottle}); the pages are templates that escape
 * every value ({@link Pages}).
 * Every operation answers with what happened, in Vietnamese: a press never silently does nothing.
 */
public final class StaffPage implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(StaffPage.class.getName());
    static final String COOKIE = "luot_staff";
    static final String LOGIN_COOKIE = "luot_signin";
    static final int SUPERVISOR = 0;

    private final CallDesk desk;
    private final LocalQueue queue;
    private final Branch branch;
    private final Map<Integer, String> counterPins;
    private final String supervisorPin;
    private final StaffSessions sessions;
    private final SignInThrottle throttle;
    private final java.util.function.IntFunction<Optional<vn.luot.display.board.BoardStatus>> boardStatus;
    private final SupervisorTools tools;
    private final DeskActions actions;
    private final MorningMove morningMove;
    private final HelpRequestsView helpRequests;

    /** Actions only the supervisor may take; a counter's session asking for one is refused (403) and audited. */
    private static final java.util.Set<String> SUPERVISOR_ACTIONS = java.util.Set.of("move-morning", "device-code",
            "device-revoke");

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
        this(desk, queue, counterPins, supervisorPin, sessions, clock, boardStatus,
                SupervisorTools.none(queue.branch(), clock));
    }

    /** @param tools the supervisor's device list and the audit log every action is written to */
    public StaffPage(CallDesk desk, LocalQueue queue, Map<Integer, String> counterPins, String supervisorPin,
                     StaffSessions sessions, Clock clock,
                     java.util.function.IntFunction<Optional<vn.luot.display.board.BoardStatus>> boardStatus,
                     SupervisorTools tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.boardStatus = Objects.requireNonNull(boardStatus, "boardStatus");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.actions = new DeskActions(desk, queue);
        this.morningMove = new MorningMove(desk, queue);
        this.queue = Objects.requireNonNull(queue, "queue");
        this.branch = queue.branch();
        this.counterPins = Map.copyOf(counterPins);
        this.supervisorPin = supervisorPin;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.throttle = new SignInThrottle(Objects.requireNonNull(clock, "clock"));
        this.helpRequests = new HelpRequestsView(queue, clock);
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
                        sendLoginPage(exchange, 200, null);
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
                } else if (method.equals("GET") && path.equals("/staff/audit")) {
                    audit(exchange);
                } else if (method.equals("POST") && (path.equals("/staff/action") || path.equals("/staff/logout"))) {
                    act(exchange, path.endsWith("logout"));
                } else {
                    Html.send(exchange, 404, Pages.notice("Không tìm thấy", "Không tìm thấy trang", null, null,
                            "Page not found.", "/staff", "Trang nhân viên"));
                }
            } catch (IllegalArgumentException e) {
                Html.send(exchange, 400, Pages.notice("Yêu cầu không hợp lệ", null,
                        "Yêu cầu không hợp lệ: " + e.getMessage(), null, null, "/staff", "Quay lại"));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "staff page failed: " + method + " " + path, e);
                Html.send(exchange, 500, Pages.notice("Lỗi", null, "Lỗi hệ thống, thao tác chưa được thực hiện. "
                        + "Vui lòng thử lại hoặc dùng nút bấm tại quầy.", null, null, null, null));
            }
        }
    }

    private Optional<StaffSessions.Session> session(HttpExchange exchange) {
        return sessions.find(Html.cookie(exchange, COOKIE));
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> form = Html.form(exchange);
        String expected = Html.cookie(exchange, LOGIN_COOKIE);
        if (expected == null || !StaffSessions.tokensMatch(expected, form.get("csrf")) || !sameOrigin(exchange)) {
            LOG.warning(() -> "staff page: refused a sign-in without the sign-in form's token from "
                    + client(exchange));
            Html.send(exchange, 403, refused("/staff"));
            return;
        }
        String who = form.getOrDefault("counter", "");
        String pin = form.getOrDefault("pin", "");
        int counter;
        try {
            counter = who.equals("supervisor") ? SUPERVISOR : Integer.parseInt(who);
        } catch (NumberFormatException e) {
            sendLoginPage(exchange, 400, "Hãy chọn quầy. / Choose a counter.");
            return;
        }
        String hash = counter == SUPERVISOR ? supervisorPin : counterPins.get(counter);
        if (hash == null) {
            sendLoginPage(exchange, 403, counter == SUPERVISOR
                    ? "Chưa cấu hình mã PIN giám sát. / No supervisor PIN is configured."
                    : "Quầy " + counter + " chưa được cấu hình mã PIN. / This counter has no PIN configured.");
            return;
        }
        String client = client(exchange);
        SignInThrottle.Attempt[] attempt = new SignInThrottle.Attempt[1];
        Optional<Duration> wait = throttle.take(client, counter, attempt);
        if (wait.isPresent()) {
            long seconds = wait.get().toSeconds() + 1;
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            sendLoginPage(exchange, 429, "Nhập sai mã PIN quá nhiều lần. Vui lòng thử lại sau " + seconds
                    + " giây. / Too many wrong PINs; try again in " + seconds + " s.");
            return;
        }
        String tried = counter == SUPERVISOR ? "supervisor" : "counter " + counter;
        if (!PinHash.matches(pin, hash)) {
            tools.record(tried, counter == SUPERVISOR ? "supervisor" : "clerk", "staff.sign-in-failed", "", client);
            LOG.warning(() -> "staff page: wrong PIN for " + (counter == SUPERVISOR ? "supervisor" : "counter " + counter)
                    + " from " + client + " (" + throttle.failures(client) + " from there)");
            sendLoginPage(exchange, 401, "Mã PIN không đúng. Vui lòng thử lại. / Wrong PIN, please try again.");
            return;
        }
        throttle.succeeded(attempt[0]);
        StaffSessions.Session s = sessions.open(counter, counter == SUPERVISOR);
        exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, COOKIE, s.id(), 43200));
        LOG.info(() -> "staff page: " + s.who() + " signed in");
        tools.record(s.who(), role(s), "staff.sign-in", "", client);
        Html.redirect(exchange, "/staff/desk");
    }

    private static String client(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    /** HttpOnly and SameSite=Strict always; {@code Secure} when the page came over TLS. */
    private static String cookie(HttpExchange exchange, String name, String value, int maxAgeSeconds) {
        return name + "=" + value + "; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSeconds
                + (EdgeServer.isSecure(exchange) ? "; Secure" : "");
    }

    private static String refused(String back) {
        return Pages.notice("Yêu cầu bị từ chối", null, "Yêu cầu bị từ chối: thiếu mã bảo vệ của trang. Vui lòng mở "
                + "lại trang nhân viên và thao tác từ đó.", null, "Request refused: it did not come from the staff page.",
                back, "Trang nhân viên");
    }

    private void act(HttpExchange exchange, boolean logout) throws IOException {
        Map<String, String> form = Html.form(exchange);
        Optional<StaffSessions.Session> found = session(exchange);
        if (found.isEmpty()) {
            sendLoginPage(exchange, 401, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại. / Please sign in again.");
            return;
        }
        StaffSessions.Session s = found.get();
        if (!StaffSessions.csrfMatches(s, form.get("csrf")) || !sameOrigin(exchange)) {
            LOG.warning(() -> "staff page: refused a request without this session's token (" + s.who() + ")");
            Html.send(exchange, 403, refused("/staff/desk"));
            return;
        }
        if (logout) {
            tools.record(s.who(), role(s), "staff.sign-out", "", client(exchange));
            sessions.close(s);
            exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, COOKIE, "", 0));
            Html.redirect(exchange, "/staff");
            return;
        }
        String action = form.getOrDefault("action", "");
        if (SUPERVISOR_ACTIONS.contains(action) && !s.supervisor()) {
            deny(exchange, s, action);
            return;
        }
        String message = perform(s, form);
        tools.record(s.who(), role(s), SupervisorTools.auditAction(action),
                SupervisorTools.auditDetail(s, action, form), client(exchange));
        sessions.flash(s, message);
        Html.redirect(exchange, "/staff/desk");
    }

    private static String role(StaffSessions.Session s) {
        return s.supervisor() ? "supervisor" : "clerk";
    }

    /** A counter's session asking for the supervisor's page or action: refused, logged and audited. */
    private void deny(HttpExchange exchange, StaffSessions.Session s, String action) throws IOException {
        LOG.warning(() -> "staff page: " + s.who() + " asked for the supervisor's " + action + " from " + client(exchange));
        tools.record(s.who(), role(s), "staff.denied", action, client(exchange));
        Html.send(exchange, 403, Pages.notice("Không có quyền", null, SupervisorTools.text("denied"), null, null,
                "/staff/desk", "Quay lại"));
    }

    private void audit(HttpExchange exchange) throws IOException {
        Optional<StaffSessions.Session> found = session(exchange);
        if (found.isEmpty()) {
            Html.redirect(exchange, "/staff");
            return;
        }
        if (!found.get().supervisor()) {
            deny(exchange, found.get(), "audit");
            return;
        }
        Map<String, Object> scope = Pages.scope(SupervisorTools.text("audit.heading") + " — Lượt", 0);
        scope.put("t", SupervisorTools.texts());
        List<Map<String, Object>> rows = tools.auditRows(500);
        scope.put("rows", rows.isEmpty() ? null : rows);
        Html.send(exchange, 200, Pages.render("audit", scope));
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
            if (action.equals("device-code")) {
                return tools.issueCode(s.who(), form);
            }
            if (action.equals("device-revoke")) {
                return tools.revoke(s.who(), form);
            }
            if (!action.equals("move-morning")) {
                throw new IllegalArgumentException("unknown supervisor action '" + action + "'");
            }
            return morningMove.act(form);
        }
        return actions.perform(s.counter(), form);
    }

    // ---- pages ------------------------------------------------------------------------------------------

    /**
     * The sign-in form, with a fresh token in the form and in a short-lived cookie (a page elsewhere cannot read
     * the cookie to forge the form, so it cannot sign a browser in to an attacker's session).
     */
    private void sendLoginPage(HttpExchange exchange, int status, String error) throws IOException {
        String token = sessions.newToken();
        exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, LOGIN_COOKIE, token, 3600));
        Map<String, Object> scope = Pages.scope("Trang nhân viên — Lượt", 0);
        scope.put("branchName", branch.name());
        scope.put("error", error);
        scope.put("loginCsrf", token);
        scope.put("counters", branch.counters().stream().map(Counter::number).filter(counterPins::containsKey).toList());
        scope.put("supervisor", supervisorPin != null ? Boolean.TRUE : null);
        Html.send(exchange, status, Pages.render("login", scope));
    }

    private String deskPage(StaffSessions.Session s) {
        String heading = s.supervisor() ? "Giám sát" : "Quầy " + s.counter();
        Map<String, Object> scope = Pages.scope(heading + " — Lượt", 0);
        scope.put("heading", heading);
        scope.put("csrf", s.csrf());
        scope.put("flash", sessions.takeFlash(s).orElse(null));
        scope.put("helpRequests", helpRequests.scope());
        if (s.supervisor()) {
            scope.put("supervisorView", supervisorView());
            scope.put("t", SupervisorTools.texts());
            scope.put("devices", tools.devicesView());
            scope.put("auditLink", tools.hasAudit() ? Boolean.TRUE : null);
        } else {
            scope.put("desk", counterView(s.counter()));
        }
        scope.put("logout", button("", "Đăng xuất", "secondary", "/staff/logout", "logout"));
        return Pages.render("desk", scope);
    }

    private Map<String, Object> counterView(int counter) {
        Counter c = branch.counter(counter).orElseThrow();
        boolean paused = queue.isPaused(counter);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("current", queue.currentAt(counter).map(Ticket::label).orElse("—"));
        view.put("ticketLabel", actions.currentTicket(counter));
        view.put("pendingConfirm", actions.awaitingConfirmation(counter).map(StaffPage::confirmButton).orElse(null));
        view.put("paused", paused ? Boolean.TRUE : null);
        view.put("fields", c.fieldCodes().stream().sorted().map(code -> Map.of("code", code,
                "name", branch.field(code).map(ServiceField::nameVi).orElse(code),
                "waiting", queue.waitingCount(code))).toList());
        view.put("buttons", List.of(
                button("next", "Gọi số tiếp theo", "", "/staff/action", "next"),
                button("recall", "Gọi lại", "secondary", "/staff/action", "recall"),
                button("finish", SupervisorTools.text("desk.finish.button"), "secondary", "/staff/action", "finish"),
                button("no-show", "Vắng mặt", "danger", "/staff/action", "no-show"),
                paused ? button("resume", "Tiếp tục", "secondary", "/staff/action", "resume")
                        : button("pause", "Tạm dừng", "secondary", "/staff/action", "pause")));
        // No field is chosen for the clerk, and the ticket's own field is not offered: both freed counters for nothing.
        Optional<String> ownField = queue.currentAt(counter).map(Ticket::servingField);
        view.put("transferPlaceholder", SupervisorTools.text("desk.transfer.placeholder"));
        view.put("transferTo", branch.fields().stream().filter(f -> ownField.map(own -> !own.equals(f.code())).orElse(true))
                .map(f -> Map.of("code", f.code(), "name", f.nameVi())).toList());
        return view;
    }

    private Map<String, Object> supervisorView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("counters", branch.counters().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("counter", c.number());
            row.put("serving", queue.currentAt(c.number()).map(Ticket::label).orElse("—"));
            row.put("paused", queue.isPaused(c.number()) ? Boolean.TRUE : null);
            row.put("board", boardStatus.apply(c.number()).map(StaffPage::boardText).orElse("—"));
            return row;
        }).toList());
        view.put("moveConfirm", morningMove.awaitingConfirmation().map(count -> {
            Map<String, Object> b = button("move-morning", SupervisorTools.text("move.button"), "danger",
                    "/staff/action", "move-morning-confirm");
            b.put("confirm", "yes");
            b.put("expected", count);
            return b;
        }).orElse(null));
        view.put("moveMorning", button("move-morning", "Chuyển lịch ca sáng sang ca chiều", "secondary", "/staff/action",
                "move-morning"));
        return view;
    }

    /** The "Xác nhận" form for an action held back: it names the same ticket (and field) and says yes. */
    private static Map<String, Object> confirmButton(DeskActions.Pending pending) {
        boolean next = pending.action().equals("next");
        Map<String, Object> b = button(pending.action(), SupervisorTools.text(next ? "desk.confirmNext.button"
                : "desk.transfer.button"), "danger", "/staff/action", next ? "confirm-next" : "confirm-transfer");
        b.put("confirm", "yes");
        b.put("transferField", pending.field());
        return b;
    }

    /** A one-button form; the template adds the session's CSRF token. */
    private static Map<String, Object> button(String action, String text, String cls, String target, String id) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("action", action.isEmpty() ? null : action);
        b.put("text", text);
        b.put("cls", cls.isEmpty() ? null : cls);
        b.put("target", target);
        b.put("id", id);
        return b;
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
