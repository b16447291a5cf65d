package vn.luot.core.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.http.RateLimiter;
import vn.luot.core.sync.JsonHttp;

/**
 * The device's side of enrolment, on the hub and on the centre: {@code POST /v1/devices/enrol} exchanges a
 * one-time code ({@code {"code": "…"}}) for a device token, and {@code POST /v1/devices/rotate}, with the
 * current token as bearer, answers a new one (the old keeps working for {@link EnrolledDevices#ROTATION_GRACE}).
 * A token appears only in these answers, never in a log. Codes cannot be guessed by trying: every enrolment
 * attempt costs the asking address one of {@link #ATTEMPTS_PER_ADDRESS} a minute and the whole endpoint one of
 * {@link #ATTEMPTS_IN_ALL} (an address on the branch Wi-Fi is easy to change); beyond that the answer is 429
 * with Retry-After, and every refusal, a wrong code or a refused attempt, is in the audit log.
 */
public final class EnrolmentHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(EnrolmentHttpHandler.class.getName());
    public static final String ENROL = "/v1/devices/enrol";
    public static final String ROTATE = "/v1/devices/rotate";

    /** Enrolment attempts a minute one address may make (an installer mistypes a code now and then). */
    public static final int ATTEMPTS_PER_ADDRESS = 5;
    /** Enrolment attempts a minute from every address together. */
    public static final int ATTEMPTS_IN_ALL = 30;
    // The actor of an attempt that named no device: a wrong code, or one refused before it was read.
    private static final String NOBODY = "-";

    private final EnrolledDevices devices;
    private final JsonHttp http;
    private final AuditLog audit;
    private final RateLimiter perAddress;
    private final RateLimiter inAll;

    /** @param audit where enrolments, rotations and refused attempts are recorded, or null */
    public EnrolmentHttpHandler(EnrolledDevices devices, JsonHttp http, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.http = http;
        this.audit = audit;
        this.perAddress = new RateLimiter(ATTEMPTS_PER_ADDRESS, 10_000, clock);
        this.inAll = new RateLimiter(ATTEMPTS_IN_ALL, 1, clock);
    }

    private void record(HttpExchange exchange, String deviceId, String action, String detail) {
        if (audit != null) {
            audit.append(deviceId, "device", action, detail, exchange.getRemoteAddress().getAddress().getHostAddress());
        }
    }

    public static boolean serves(String path) {
        return path.equals(ENROL) || path.equals(ROTATE);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                if (!exchange.getRequestMethod().equals("POST")) {
                    throw new JsonHttp.HttpError(405, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ.", "Use POST.");
                }
                if (exchange.getRequestURI().getPath().equals(ENROL)) {
                    enrol(exchange);
                } else {
                    rotate(exchange);
                }
            } catch (JsonHttp.HttpError e) {
                http.sendError(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "device enrolment request failed: " + exchange.getRequestURI().getPath(), e);
                http.sendError(exchange, new JsonHttp.HttpError(500, "INTERNAL", "Lỗi máy chủ.", "Server error."));
            }
        }
    }

    private void enrol(HttpExchange exchange) throws IOException {
        String address = exchange.getRemoteAddress().getAddress().getHostAddress();
        Duration wait = perAddress.take(address);
        if (wait.isZero()) {
            wait = inAll.take("");
        }
        if (!wait.isZero()) {
            record(exchange, NOBODY, "device.enrol", "RATE_LIMITED");
            exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            throw new JsonHttp.HttpError(429, "RATE_LIMITED",
                    "Đã thử quá nhiều mã. Vui lòng đợi một phút rồi thử lại.",
                    "Too many enrolment attempts; wait a minute and try again.");
        }
        JsonNode body = http.readJson(exchange);
        JsonNode code = body.get("code");
        if (code == null || !code.isTextual()) {
            throw new JsonHttp.HttpError(400, "CODE_MISSING", "Thiếu mã đăng ký thiết bị.", "code is required");
        }
        EnrolledDevices.Enrolment e = devices.enrol(code.asText());
        record(exchange, e.device() != null ? e.device().deviceId() : NOBODY, "device.enrol", e.outcome().name());
        switch (e.outcome()) {
            case ENROLLED -> {
                ObjectNode out = http.mapper().createObjectNode();
                out.put("token", e.token());
                out.put("device", e.device().deviceId());
                out.put("branch", e.device().branchId());
                out.put("role", e.device().role().name());
                if (e.device().walkInBlock() != null) {
                    out.put("walk_in_numbers", e.device().walkInBlock().first() + "-" + e.device().walkInBlock().last());
                }
                http.send(exchange, 200, out);
            }
            case UNKNOWN_CODE -> throw new JsonHttp.HttpError(403, "UNKNOWN_CODE",
                    "Mã đăng ký không đúng. Kiểm tra lại hoặc xin mã mới.", "Unknown enrolment code.");
            case CODE_USED -> throw new JsonHttp.HttpError(403, "CODE_USED",
                    "Mã đăng ký này đã được dùng. Hãy xin mã mới.", "This enrolment code was already used.");
            case CODE_EXPIRED -> throw new JsonHttp.HttpError(403, "CODE_EXPIRED",
                    "Mã đăng ký đã hết hạn. Hãy xin mã mới.", "This enrolment code has expired.");
        }
    }

    private void rotate(HttpExchange exchange) throws IOException {
        Optional<EnrolledDevices.Rotation> r = devices.rotate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (r.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new JsonHttp.HttpError(401, "UNAUTHORIZED", "Thiết bị chưa được xác thực.",
                    "A valid device bearer token is required.");
        }
        record(exchange, r.get().device().deviceId(), "device.rotate", "");
        ObjectNode out = http.mapper().createObjectNode();
        out.put("token", r.get().token());
        out.put("old_valid_until", r.get().oldValidUntil().toString());
        http.send(exchange, 200, out);
    }
}
