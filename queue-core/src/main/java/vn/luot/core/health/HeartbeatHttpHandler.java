package vn.luot.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceRegistry;
import vn.luot.core.sync.JsonHttp;

/**
 * {@code POST /v1/branches/{b}/heartbeats} {@code {"heartbeats":[{...heartbeat, "age_ms"?}]}}, behind the same device
 * tokens as sync. Who may say what: a kiosk or display reports only its own heartbeat, made now ({@code age_ms} 0);
 * a hub reports its own and relays those of its branch's devices, each with how long it has held it (at most
 * {@link #MAX_AGE}). Everything in a request is judged before anything is kept: one bad heartbeat refuses the
 * request (400, or 403 for another device's), so a device learns at once. Never 500 for anything a client sends.
 */
public final class HeartbeatHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(HeartbeatHttpHandler.class.getName());
    private static final Pattern PATH = Pattern.compile("/v1/branches/([^/]+)/heartbeats/?");
    public static final int MAX_PER_REQUEST = 128;
    public static final Duration MAX_AGE = Duration.ofHours(1);

    private final DeviceRegistry devices;
    private final Set<String> branches;
    private final HeartbeatSink sink;
    private final JsonHttp http;
    private final Clock clock;

    public HeartbeatHttpHandler(DeviceRegistry devices, Set<String> branches, HeartbeatSink sink, JsonHttp http,
                                Clock clock) {
        this.devices = devices;
        this.branches = Set.copyOf(branches);
        this.sink = sink;
        this.http = http;
        this.clock = clock;
    }

    public static boolean serves(String path) {
        return PATH.matcher(path).matches();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (JsonHttp.HttpError e) {
                http.sendError(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "heartbeat request failed: " + exchange.getRequestURI().getPath(), e);
                http.sendError(exchange, new JsonHttp.HttpError(500, "INTERNAL", "Lỗi máy chủ.", "Server error."));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        var m = PATH.matcher(exchange.getRequestURI().getPath());
        if (!m.matches()) {
            throw new JsonHttp.HttpError(404, "NOT_FOUND", "Không tìm thấy.", "Not found.");
        }
        Optional<DeviceIdentity> caller = devices.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (caller.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new JsonHttp.HttpError(401, "UNAUTHORIZED", "Thiết bị chưa được xác thực.",
                    "A valid device bearer token is required.");
        }
        String branch = m.group(1);
        if (!branches.contains(branch)) {
            throw new JsonHttp.HttpError(404, "UNKNOWN_BRANCH", "Không có chi nhánh này.", "Unknown branch.");
        }
        if (!caller.get().branchId().equals(branch)) {
            throw new JsonHttp.HttpError(403, "FORBIDDEN", "Thiết bị không thuộc chi nhánh này.",
                    "This device belongs to another branch.");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new JsonHttp.HttpError(405, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ.", "Use POST.");
        }
        List<SeenHeartbeat> seen = judge(caller.get(), http.readJson(exchange), clock.instant());
        sink.record(seen);
        http.send(exchange, 200, http.mapper().createObjectNode().put("accepted", seen.size()));
    }

    /** The request's heartbeats as this side keeps them, or the refusal of the whole request. */
    static List<SeenHeartbeat> judge(DeviceIdentity caller, JsonNode body, Instant now) {
        JsonNode list = body.get("heartbeats");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_PER_REQUEST) {
            throw new JsonHttp.HttpError(400, "INVALID_HEARTBEAT", "Nhịp tim thiết bị không hợp lệ.",
                    "heartbeats: a list of 1 to " + MAX_PER_REQUEST);
        }
        List<SeenHeartbeat> out = new ArrayList<>();
        for (JsonNode entry : list) {
            Heartbeat h;
            try {
                h = HeartbeatJson.parse(entry);
            } catch (HeartbeatJson.Invalid e) {
                throw new JsonHttp.HttpError(400, "INVALID_HEARTBEAT", "Nhịp tim thiết bị không hợp lệ.", e.getMessage());
            }
            boolean own = h.deviceId().equals(caller.deviceId());
            if (!h.branchId().equals(caller.branchId()) || !own && caller.role() != DeviceIdentity.Role.HUB
                    || !caller.mayPushFor(h.deviceId())) {
                LOG.warning(() -> caller.deviceId() + "@" + caller.branchId() + " (" + caller.role()
                        + ") tried to report the heartbeat of " + h.deviceId() + "@" + h.branchId());
                throw new JsonHttp.HttpError(403, "NOT_YOUR_HEARTBEAT", "Thiết bị chỉ được báo tình trạng của chính nó.",
                        "A device may report only its own heartbeat; a hub also those of its branch.");
            }
            JsonNode ageNode = entry.get("age_ms");
            long age = 0;
            if (ageNode != null && !ageNode.isNull()) {
                if (!ageNode.isIntegralNumber() || ageNode.asLong() < 0 || ageNode.asLong() > MAX_AGE.toMillis()
                        || ageNode.asLong() > 0 && caller.role() != DeviceIdentity.Role.HUB) {
                    throw new JsonHttp.HttpError(400, "INVALID_HEARTBEAT", "Nhịp tim thiết bị không hợp lệ.",
                            "age_ms: 0 to " + MAX_AGE.toMillis() + ", and above 0 only from a hub");
                }
                age = ageNode.asLong();
            }
            out.add(SeenHeartbeat.received(h, now, Duration.ofMillis(age), caller.deviceId()));
        }
        return out;
    }
}
