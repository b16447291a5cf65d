package vn.luot.server.fleet;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.domain.Branch;
import vn.luot.core.http.EdgeServer;
import vn.luot.core.http.RateLimiter;
import vn.luot.core.sync.JsonHttp;
import vn.luot.server.operator.Operators;

/**
 * The city's fleet page for the centre's operators, at {@code /fleet}: every branch, every device, alerts first
 * ({@link FleetView}); {@code /fleet/device?branch=&device=} a device's short history. Operators sign in with the
 * same personal token as the operator API ({@link Operators}), into a session cookie (HttpOnly, SameSite=Strict,
 * {@code Secure} over TLS or behind a proxy that says {@code X-Forwarded-Proto: https}); the sign-in and sign-out
 * forms carry a CSRF token, wrong tokens are throttled per address and every sign-in goes to the audit log. Pages
 * are Mustache templates that escape every value, device-provided or not. No script.
 */
public final class FleetPage implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(FleetPage.class.getName());
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("vn/luot/server/fleet/pages");
    private static final String COOKIE = "luot_fleet";
    private static final String LOGIN_COOKIE = "luot_fleet_login";
    private static final int MAX_FORM_BYTES = 2048;

    private final FleetStore fleet;
    private final List<Branch> branches;
    private final Supplier<List<FleetView.Known>> known;
    private final Operators operators;
    private final AuditLog audit;
    private final Clock clock;
    private final OperatorSessions sessions;
    private final RateLimiter signIns;

    /** @param known the devices enrolled at the centre, shown even before their first heartbeat */
    public FleetPage(FleetStore fleet, List<Branch> branches, Supplier<List<Known>> known, Operators operators,
                     AuditLog audit, Clock clock) {
        this.fleet = fleet;
        this.branches = List.copyOf(branches);
        this.known = () -> known.get().stream().map(k -> new FleetView.Known(k.branch(), k.device(), k.role())).toList();
        this.operators = operators;
        this.audit = audit;
        this.clock = clock;
        this.sessions = new OperatorSessions(clock, Duration.ofHours(8));
        this.signIns = new RateLimiter(5, 10_000, clock);
    }

    /** A device the centre has enrolled: its branch, id and role's name. */
    public record Known(String branch, String device, String role) {
    }

    public static boolean serves(String path) {
        return path.equals("/fleet") || path.startsWith("/fleet/");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "fleet page failed: " + exchange.getRequestURI().getPath(), e);
                send(exchange, 500, "<!DOCTYPE html><p>Lỗi máy chủ. / Server error.</p>");
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/fleet/login") && method.equals("POST")) {
            login(exchange);
            return;
        }
        Optional<OperatorSessions.Session> session = sessions.find(cookie(exchange, COOKIE));
        if (session.isEmpty()) {
            if (method.equals("GET")) {
                loginPage(exchange, 200, null);
            } else {
                send(exchange, 403, notice(FleetView.VI.getString("refused")));
            }
            return;
        }
        OperatorSessions.Session s = session.get();
        if (path.equals("/fleet/logout") && method.equals("POST")) {
            Map<String, String> form = form(exchange);
            if (!OperatorSessions.matches(s.csrf(), form.get("csrf")) || !sameOrigin(exchange)) {
                send(exchange, 403, notice(FleetView.VI.getString("refused")));
                return;
            }
            sessions.close(s);
            exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, COOKIE, "", 0));
            redirect(exchange, "/fleet");
        } else if ((path.equals("/fleet") || path.equals("/fleet/")) && method.equals("GET")) {
            Map<String, Object> scope = FleetView.page(branches, fleet.latest(), known.get(), clock.instant());
            scope.put("operator", s.operator());
            scope.put("csrf", s.csrf());
            send(exchange, 200, render("fleet", scope));
        } else if (path.equals("/fleet/device") && method.equals("GET")) {
            Map<String, String> q = JsonHttp.query(exchange);
            String branch = q.getOrDefault("branch", "");
            String device = q.getOrDefault("device", "");
            String name = branches.stream().filter(b -> b.id().equals(branch)).map(Branch::name).findFirst().orElse(null);
            if (name == null || device.length() > 32) {
                send(exchange, 404, notice("Không tìm thấy. / Not found."));
                return;
            }
            send(exchange, 200, render("history", FleetView.history(name, device, fleet.history(branch, device))));
        } else {
            send(exchange, 404, notice("Không tìm thấy. / Not found."));
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (!OperatorSessions.matches(cookie(exchange, LOGIN_COOKIE), form.get("csrf")) || !sameOrigin(exchange)) {
            LOG.warning(() -> "fleet page: refused a sign-in without the sign-in form's token from " + remote);
            send(exchange, 403, notice(FleetView.VI.getString("refused")));
            return;
        }
        // Every attempt counts (5 a minute per address), and a throttled one is not even checked.
        Duration wait = signIns.take(remote);
        if (!wait.isZero()) {
            long seconds = wait.toSeconds() + 1;
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            loginPage(exchange, 429, MessageFormat.format(FleetView.VI.getString("login_throttled"), seconds)
                    + " / " + MessageFormat.format(FleetView.EN.getString("login_throttled"), seconds));
            return;
        }
        Optional<String> operator = operators.authenticate("Bearer " + form.getOrDefault("token", "").strip());
        if (operator.isEmpty()) {
            audit.append("?", "operator", "fleet.sign-in-failed", "", remote);
            LOG.warning(() -> "fleet page: a wrong operator token from " + remote);
            loginPage(exchange, 401, FleetView.VI.getString("login_wrong") + " / " + FleetView.EN.getString("login_wrong"));
            return;
        }
        OperatorSessions.Session s = sessions.open(operator.get());
        audit.append(operator.get(), "operator", "fleet.sign-in", "", remote);
        exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, COOKIE, s.id(), 8 * 3600));
        exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, LOGIN_COOKIE, "", 0));
        redirect(exchange, "/fleet");
    }

    private void loginPage(HttpExchange exchange, int status, String error) throws IOException {
        String csrf = sessions.token();
        exchange.getResponseHeaders().add("Set-Cookie", cookie(exchange, LOGIN_COOKIE, csrf, 900));
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("vi", FleetView.texts(FleetView.VI));
        scope.put("en", FleetView.texts(FleetView.EN));
        scope.put("loginCsrf", csrf);
        scope.put("error", error);
        send(exchange, status, render("login", scope));
    }

    private static String notice(String text) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("vi", FleetView.texts(FleetView.VI));
        scope.put("text", text);
        return render("notice", scope);
    }

    static String render(String template, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        TEMPLATES.compile(template + ".mustache").execute(out, scope);
        return out.toString();
    }

    private static boolean secure(HttpExchange exchange) {
        return EdgeServer.isSecure(exchange)
                || "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    }

    private static String cookie(HttpExchange exchange, String name, String value, int maxAgeSeconds) {
        return name + "=" + value + "; Path=/fleet; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSeconds
                + (secure(exchange) ? "; Secure" : "");
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /** A browser sends Origin on a POST; when it does, it must be this host (a second check behind the token). */
    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin == null || host == null || origin.equals("http://" + host) || origin.equals("https://" + host);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        byte[] body;
        try (var in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.length > MAX_FORM_BYTES) {
            return fields;
        }
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return new LinkedHashMap<>();
                }
            }
        }
        return fields;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "text/html; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Frame-Options", "DENY");
        h.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        h.set("Referrer-Policy", "same-origin");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
