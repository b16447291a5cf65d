package vn.luot.core.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceRegistry;
import vn.luot.core.sync.JsonHttp;

/**
 * The centre's {@code POST /v1/devices/roster}: a hub, with its own token, reports the devices enrolled at it
 * ({@code {"devices":[{"device","role","source","fingerprint","state"}]}}) and is answered the ones an operator
 * revoked from the centre ({@code {"revoke":["kiosk-3"]}}). Only a hub may report, only for its own branch, and
 * every entry is checked (a plain device id, a known role, source and state, an 8-digit fingerprint, at most
 * {@value #MAX_DEVICES} entries): anything else is refused whole with 400, so a hostile report stores nothing.
 */
public final class RosterHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(RosterHttpHandler.class.getName());
    public static final String PATH = "/v1/devices/roster";
    static final int MAX_DEVICES = 500;
    private static final Set<String> SOURCES = Set.of("config", "enrolled");
    private static final Set<String> STATES = Set.of("ACTIVE", "GRACE", "EXPIRED", "REVOKED");

    private final DeviceRegistry devices;
    private final DeviceRosters rosters;
    private final JsonHttp http;

    public RosterHttpHandler(DeviceRegistry devices, DeviceRosters rosters, JsonHttp http) {
        this.devices = devices;
        this.rosters = rosters;
        this.http = http;
    }

    public static boolean serves(String path) {
        return path.equals(PATH);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                report(exchange);
            } catch (JsonHttp.HttpError e) {
                http.sendError(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "device roster report failed", e);
                http.sendError(exchange, new JsonHttp.HttpError(500, "INTERNAL", "Lỗi máy chủ.", "Server error."));
            }
        }
    }

    private void report(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new JsonHttp.HttpError(405, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ.", "Use POST.");
        }
        Optional<DeviceIdentity> hub = devices.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (hub.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new JsonHttp.HttpError(401, "UNAUTHORIZED", "Thiết bị chưa được xác thực.",
                    "A valid device bearer token is required.");
        }
        if (hub.get().role() != DeviceIdentity.Role.HUB) {
            LOG.warning(() -> "roster: refused a report from " + hub.get().deviceId() + " (" + hub.get().role() + ")");
            throw new JsonHttp.HttpError(403, "ROLE_NOT_ALLOWED", "Chỉ máy chủ chi nhánh được báo danh sách thiết bị.",
                    "Only a branch hub reports its devices.");
        }
        List<DeviceRosters.Entry> entries = entries(http.readJson(exchange));
        List<String> revoke = rosters.report(hub.get().branchId(), hub.get().deviceId(), entries);
        ObjectNode out = http.mapper().createObjectNode();
        ArrayNode list = out.putArray("revoke");
        revoke.forEach(list::add);
        http.send(exchange, 200, out);
    }

    private static List<DeviceRosters.Entry> entries(JsonNode body) {
        JsonNode devices = body.get("devices");
        if (devices == null || !devices.isArray() || devices.size() > MAX_DEVICES) {
            throw invalid("devices is an array of at most " + MAX_DEVICES + " entries");
        }
        List<DeviceRosters.Entry> out = new ArrayList<>();
        for (JsonNode d : devices) {
            String id = text(d, "device");
            String role = text(d, "role");
            String source = text(d, "source");
            String fingerprint = text(d, "fingerprint");
            String state = text(d, "state");
            if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
                throw invalid("device is 1-32 of a-z, 0-9 and '-'");
            }
            try {
                DeviceIdentity.Role.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw invalid("role is KIOSK, DISPLAY or HUB");
            }
            if (!SOURCES.contains(source) || !STATES.contains(state) || !fingerprint.matches("[0-9a-f]{8}")) {
                throw invalid("source is config|enrolled, state ACTIVE|GRACE|EXPIRED|REVOKED, fingerprint 8 hex digits");
            }
            String walkIn = text(d, "walk_in");
            if (!walkIn.isEmpty()) {
                try {
                    vn.luot.core.store.NumberBlock.parse(walkIn);
                } catch (IllegalArgumentException e) {
                    throw invalid("walk_in is FIRST-LAST, e.g. 900-999");
                }
            }
            out.add(new DeviceRosters.Entry(id, role, source, fingerprint, state, walkIn.isEmpty() ? null : walkIn));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }

    private static JsonHttp.HttpError invalid(String why) {
        return new JsonHttp.HttpError(400, "INVALID_ROSTER", "Danh sách thiết bị không hợp lệ.", why);
    }
}
