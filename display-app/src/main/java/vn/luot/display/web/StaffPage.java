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
 * TRANSFER and PAUSE, the supervisor's morning-to-afternoon shift move, devices and staff accounts. Each person
 * signs in with their own account ({@link StaffSignIn}); every later form carries the session's CSRF token, and
 * a request without it is refused with 403 whatever cookie it brings; the sign-in form carries its own token
 * too. A temporary PIN must be changed before anything else. The pages are templates that escape every value
 * ({@link Pages}).
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
    private final StaffSessions sessions;
    private final StaffSignIn signIn;
    private final AccountAdmin accounts;
    private final java.util.function.IntFunction<Optional<vn.luot.display.board.BoardStatus>> boardStatus;
    private final SupervisorTools tools;
    private final DeskActions actions;
    private final MorningMove morningMove;
    private final DeskViews views;
    private final BranchWatch watch;

    /** Actions only the supervisor may take; a counter's session asking for one is refused (403) and audited. */
    private static final java.util.Set<String> SUPERVISOR_ACTIONS = java.util.Set.of("move-morning", "device-code",
            "device-revoke", "account-create", "account-reset", "account-disable", "account-enable", "alert-ack");

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
        this(desk, queue, counterPins, supervisorPin, null, sessions, clock, boardStatus, tools);
    }

    /**
     * @param counterPins   the config's shared PIN hash per counter (older configs), until personal clerk accounts exist
     * @param supervisorPin the config's shared supervisor PIN hash, or null; until a personal supervisor account exists
     * @param staff         the branch's personal staff accounts, or null for shared PINs only
     */
    public StaffPage(CallDesk desk, LocalQueue queue, Map<Integer, String> counterPins, String supervisorPin,
                     vn.luot.core.staff.StaffAccounts staff, StaffSessions sessions, Clock clock,
                     java.util.function.IntFunction<Optional<vn.luot.display.board.BoardStatus>> boardStatus,
                     SupervisorTools tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.boardStatus = Objects.requireNonNull(boardStatus, "boardStatus");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.actions = new DeskActions(desk, queue);
        this.morningMove = new MorningMove(desk, queue);
        this.queue = Objects.requireNonNull(queue, "queue");
        this.branch = queue.branch();
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.signIn = new StaffSignIn(staff, branch, counterPins, supervisorPin, sessions, tools,
                Objects.requireNonNull(clock, "clock"));
        this.accounts = new AccountAdmin(staff, sessions);
        this.views = new DeskViews(queue, actions, morningMove, boardStatus, clock);
        this.watch = tools.watch(queue);
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
                    } else if (s.get().pinChangeDue()) {
                        Html.redirect(exchange, "/staff/pin");
                    } else {
                        Html.send(exchange, 200, deskPage(s.get(), "1".equals(exchange.getRequestHeaders()
                                .getFirst(LIVE_HEADER))));
                    }
                } else if (method.equals("GET") && path.equals("/staff/live")) {
                    Optional<StaffSessions.Session> s = session(exchange);
                    if (s.isEmpty()) {
                        exchange.sendResponseHeaders(401, -1);
                    } else {
                        String id = s.get().id();
                        DeskLive.stream(exchange, this::liveVersion, () -> sessions.find(id).isPresent());
                    }
                } else if (method.equals("GET") && path.equals("/staff/live.js")) {
                    DeskLive.sendScript(exchange);
                } else if (path.equals("/staff/pin") && (method.equals("GET") || method.equals("POST"))) {
                    pin(exchange, method.equals("POST"));
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

    /** Changes whenever a staff page may show something new: any event in the queue, any LED board's status. */
    private long liveVersion() {
        long v = queue.eventCount() * 31 + watch.alerts().hashCode();
        for (Counter c : branch.counters()) {
            v = v * 31 + boardStatus.apply(c.number()).map(Enum::ordinal).orElse(-1);
        }
        return v;
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
        StaffSignIn.Outcome outcome = signIn.signIn(form, client(exchange));
        if (outcome instanceof StaffSignIn.Outcome.Refused no) {
            if (no.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(no.retryAfter().toSeconds()));
            }
            sendLoginPage(exchange, no.status(), no.message());
            return;
        }
        StaffSessions.Session s = ((StaffSignIn.Outcome.SignedIn) outcome).session();
        exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, COOKIE, s.id(), 43200));
        Html.redirect(exchange, s.pinChangeDue() ? "/staff/pin" : "/staff/desk");
    }

    /** Everyone's own PIN: the form, and its answer; a temporary PIN leaves no other page open. */
    private void pin(HttpExchange exchange, boolean post) throws IOException {
        Map<String, String> form = post ? Html.form(exchange) : Map.of();
        Optional<StaffSessions.Session> found = session(exchange);
        if (found.isEmpty()) {
            Html.redirect(exchange, "/staff");
            return;
        }
        StaffSessions.Session s = found.get();
        String message = null;
        if (post) {
            if (!StaffSessions.csrfMatches(s, form.get("csrf")) || !sameOrigin(exchange)) {
                Html.send(exchange, 403, refused("/staff/pin"));
                return;
            }
            AccountAdmin.PinChange change = accounts.changePin(s, form);
            if (change.done()) {
                tools.record(s.who(), s.role(), "staff.pin-change", "", client(exchange));
                sessions.flash(sessions.pinChanged(s), change.message());
                Html.redirect(exchange, "/staff/desk");
                return;
            }
            message = change.message();
        }
        Map<String, Object> scope = Pages.scope(SupervisorTools.text("pin.heading") + " — Lượt", 0);
        scope.put("t", SupervisorTools.texts());
        scope.put("csrf", s.csrf());
        scope.put("who", s.who());
        scope.put("due", s.pinChangeDue() ? Boolean.TRUE : null);
        scope.put("error", message);
        scope.put("logout", DeskViews.button("", "Đăng xuất", "secondary", "/staff/logout", "logout"));
        Html.send(exchange, message == null ? 200 : 400, Pages.render("pin", scope));
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
            tools.record(s.who(), s.role(), "staff.sign-out", "", client(exchange));
            sessions.close(s);
            exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, COOKIE, "", 0));
            Html.redirect(exchange, "/staff");
            return;
        }
        if (s.pinChangeDue()) {
            sessions.flash(s, SupervisorTools.text("pin.required"));
            Html.redirect(exchange, "/staff/pin");
            return;
        }
        String action = form.getOrDefault("action", "");
        if (SUPERVISOR_ACTIONS.contains(action) && !s.supervisor()) {
            deny(exchange, s, action);
            return;
        }
        String message = perform(s, form);
        tools.record(s.who(), s.role(), SupervisorTools.auditAction(action),
                SupervisorTools.auditDetail(s, action, form), client(exchange));
        sessions.flash(s, message);
        Html.redirect(exchange, "/staff/desk");
    }

    /** A counter's session asking for the supervisor's page or action: refused, logged and audited. */
    private void deny(HttpExchange exchange, StaffSessions.Session s, String action) throws IOException {
        LOG.warning(() -> "staff page: " + s.who() + " asked for the supervisor's " + action + " from " + client(exchange));
        tools.record(s.who(), s.role(), "staff.denied", action, client(exchange));
        Html.send(exchange, 403, Pages.notice("Không có quyền", null, SupervisorTools.text("denied"), null, null,
                "/staff/desk", "Quay lại"));
    }

    private void audit(HttpExchange exchange) throws IOException {
        Optional<StaffSessions.Session> found = session(exchange);
        if (found.isEmpty()) {
            Html.redirect(exchange, "/staff");
            return;
        }
        if (!found.get().supervisor() || found.get().pinChangeDue()) {
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
            if (action.startsWith("account-")) {
                return accounts.act(s, form);
            }
            if (action.equals("alert-ack")) {
                return SupervisorTools.text(watch.acknowledge(form.getOrDefault("alert", ""), s.who())
                        ? "watch.acknowledged" : "watch.gone");
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
        scope.put("counters", signIn.counters());
        scope.put("supervisor", signIn.hasAccounts() || signIn.sharedSupervisorPinActive() ? Boolean.TRUE : null);
        scope.put("accounts", signIn.hasAccounts() ? Boolean.TRUE : null);
        scope.put("shared", signIn.sharedCounterPinsActive() || signIn.sharedSupervisorPinActive() ? Boolean.TRUE : null);
        Html.send(exchange, status, Pages.render("login", scope));
    }

    /** Sent by the page's live refresh (live.js), whose fetch must leave the session's message for the browser. */
    static final String LIVE_HEADER = "X-Luot-Live";

    private String deskPage(StaffSessions.Session s, boolean liveRefresh) {
        String heading = s.supervisor() ? "Giám sát" : "Quầy " + s.counter();
        Map<String, Object> scope = Pages.scope(heading + " — Lượt", 0);
        scope.put("liveFallback", DeskLive.FALLBACK_SECONDS);
        scope.put("heading", heading);
        scope.put("csrf", s.csrf());
        scope.put("flash", (liveRefresh ? sessions.peekFlash(s) : sessions.takeFlash(s)).orElse(null));
        List<Map<String, Object>> alerts = watch.alertRows(s.supervisor());
        scope.put("alerts", alerts.isEmpty() ? null : alerts);
        if (s.supervisor()) {
            scope.put("supervisorView", views.supervisorView(watch));
            scope.put("devices", tools.devicesView());
            scope.put("staffAccounts", accounts.view(s, signIn.sharedCounterPinsActive(),
                    signIn.sharedSupervisorPinActive()));
            scope.put("auditLink", tools.hasAudit() ? Boolean.TRUE : null);
        } else {
            scope.put("desk", views.counterView(s.counter()));
        }
        scope.put("pinLink", s.login() != null ? Boolean.TRUE : null);
        scope.put("signedIn", s.login() == null ? null : SupervisorTools.text("desk.signedIn", s.login()));
        scope.put("t", SupervisorTools.texts());
        scope.put("logout", DeskViews.button("", "Đăng xuất", "secondary", "/staff/logout", "logout"));
        return Pages.render("desk", scope);
    }

    /** The counters that can sign in, for the startup log. */
    public List<Integer> countersWithPin() {
        return signIn.counters();
    }
}
