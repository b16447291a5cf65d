package vn.luot.server.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.DeviceRecord;
import vn.luot.core.devices.DeviceRosters;
import vn.luot.core.devices.EnrolledDevices;
import vn.luot.core.devices.EnrolmentCode;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.JsonHttp;

/**
 * The centre's operator API, behind an operator's bearer token ({@link Operators}); every action is written to
 * the audit log with the operator's name and address:
 * <ul>
 *   <li>{@code POST /v1/operator/enrolment-codes} {@code {"branch","device","role","walk_in_numbers"?}} — a one-time
 *       code for a hub or a hub-less kiosk, shown once;</li>
 *   <li>{@code GET /v1/operator/devices[?branch=]} — every device token (fingerprint and state, never the token):
 *       the centre's own, and those each hub reports of the devices enrolled at it ({@code "reported_by"});</li>
 *   <li>{@code POST /v1/operator/devices/{branch}/{device}/revoke} — revokes all its tokens, refused at once; a
 *       device enrolled at a hub is revoked by that hub at its next report (about a minute), answered 202 with
 *       {@code "pending": true}, and the centre refuses what it sends meanwhile;</li>
 *   <li>{@code GET /v1/operator/audit[?limit=]} — the latest audit entries, newest first.</li>
 * </ul>
 */
public final class OperatorApi implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(OperatorApi.class.getName());
    private static final String PREFIX = "/v1/operator/";

    private final EnrolledDevices devices;
    private final DeviceRosters rosters;
    private final Operators operators;
    private final AuditLog audit;
    private final Set<String> branches;
    private final JsonHttp http;
    private final Clock clock;

    public OperatorApi(EnrolledDevices devices, DeviceRosters rosters, Operators operators, AuditLog audit,
                       Set<String> branches, JsonHttp http, Clock clock) {
        this.devices = devices;
        this.rosters = rosters;
        this.operators = operators;
        this.audit = audit;
        this.branches = Set.copyOf(branches);
        this.http = http;
        this.clock = clock;
    }

    public static boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (JsonHttp.HttpError e) {
                http.sendError(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "operator request failed: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath(), e);
                http.sendError(exchange, new JsonHttp.HttpError(500, "INTERNAL", "Lỗi máy chủ.", "Server error."));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String operator = operators.authenticate(exchange.getRequestHeaders().getFirst("Authorization")).orElse(null);
        String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (operator == null) {
            LOG.warning(() -> "operator API: refused a request without a valid operator token from " + remote);
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new JsonHttp.HttpError(401, "UNAUTHORIZED", "Cần mã của người vận hành.", "An operator token is required.");
        }
        String method = exchange.getRequestMethod();
        String[] parts = exchange.getRequestURI().getPath().substring(PREFIX.length()).split("/");
        if (parts.length == 1 && parts[0].equals("enrolment-codes") && method.equals("POST")) {
            issueCode(exchange, operator, remote);
        } else if (parts.length == 1 && parts[0].equals("devices") && method.equals("GET")) {
            list(exchange, JsonHttp.query(exchange).get("branch"));
        } else if (parts.length == 4 && parts[0].equals("devices") && parts[3].equals("revoke") && method.equals("POST")) {
            revoke(exchange, operator, remote, parts[1], parts[2]);
        } else if (parts.length == 1 && parts[0].equals("audit") && method.equals("GET")) {
            audit(exchange);
        } else {
            throw new JsonHttp.HttpError(404, "NOT_FOUND", "Không tìm thấy.", "Not found.");
        }
    }

    private void revoke(HttpExchange exchange, String operator, String remote, String branch, String device)
            throws IOException {
        int revoked = devices.revoke(branch, device, operator);
        ObjectNode out = http.mapper().createObjectNode();
        if (revoked > 0) {
            audit.append(operator, "operator", "device.revoke", device + "@" + branch + " (" + revoked + ")", remote);
            out.put("revoked", revoked);
            http.send(exchange, 200, out);
        } else if (rosters.requestRevocation(branch, device, operator)) {
            audit.append(operator, "operator", "device.revoke", device + "@" + branch + " (at its hub)", remote);
            out.put("revoked", 0);
            out.put("pending", true);
            out.put("message", "Thiết bị được đăng ký tại máy chủ chi nhánh: sẽ bị thu hồi ở lần báo cáo tới (khoảng"
                    + " một phút); trong lúc đó máy chủ trung tâm từ chối dữ liệu của nó.");
            http.send(exchange, 202, out);
        } else {
            audit.append(operator, "operator", "device.revoke", device + "@" + branch + " (0)", remote);
            throw new JsonHttp.HttpError(404, "UNKNOWN_DEVICE", "Không có thiết bị đang hoạt động với mã này.",
                    "No device with a live token by that id.");
        }
    }

    private void issueCode(HttpExchange exchange, String operator, String remote) throws IOException {
        JsonNode body = http.readJson(exchange);
        DeviceIdentity device = requestedDevice(body);
        EnrolmentCode code = devices.issueCode(device, operator);
        audit.append(operator, "operator", "device.code", device.deviceId() + "@" + device.branchId()
                + " " + device.role(), remote);
        ObjectNode out = http.mapper().createObjectNode();
        out.put("code", code.code());
        out.put("expires", code.expires().toString());
        out.put("device", device.deviceId());
        out.put("branch", device.branchId());
        out.put("role", device.role().name());
        http.send(exchange, 201, out);
    }

    /** The device a code is asked for: an existing branch, a plain id, a role, and for a kiosk an optional block. */
    private DeviceIdentity requestedDevice(JsonNode body) {
        String branch = text(body, "branch");
        String id = text(body, "device");
        if (!branches.contains(branch)) {
            throw new JsonHttp.HttpError(400, "UNKNOWN_BRANCH", "Không có chi nhánh này.", "Unknown branch " + branch);
        }
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}") || id.equals("central")) {
            throw new JsonHttp.HttpError(400, "INVALID_DEVICE", "Mã thiết bị chỉ gồm chữ thường, số và dấu gạch ngang.",
                    "device is 1-32 of a-z, 0-9 and '-', and not 'central'");
        }
        DeviceIdentity.Role role;
        try {
            role = DeviceIdentity.Role.valueOf(text(body, "role"));
        } catch (IllegalArgumentException e) {
            throw new JsonHttp.HttpError(400, "INVALID_ROLE", "Vai trò phải là KIOSK, DISPLAY hoặc HUB.",
                    "role is KIOSK, DISPLAY or HUB");
        }
        DeviceIdentity device = new DeviceIdentity(id, branch, role);
        JsonNode block = body.get("walk_in_numbers");
        if (block != null && block.isTextual() && !block.asText().isBlank()) {
            try {
                device = device.withWalkInBlock(NumberBlock.parse(block.asText()));
            } catch (IllegalArgumentException e) {
                throw new JsonHttp.HttpError(400, "INVALID_BLOCK", "Dải số không hợp lệ (ví dụ 500-699).",
                        "walk_in_numbers is FIRST-LAST, e.g. 500-699");
            }
        }
        return device;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }

    private void list(HttpExchange exchange, String branch) throws IOException {
        Instant now = clock.instant();
        ArrayNode rows = http.mapper().createArrayNode();
        for (DeviceRecord r : devices.list(branch)) {
            ObjectNode row = rows.addObject();
            row.put("device", r.device().deviceId());
            row.put("branch", r.device().branchId());
            row.put("role", r.device().role().name());
            row.put("source", r.source());
            row.put("fingerprint", r.fingerprint());
            row.put("state", r.state(now).name());
            row.put("issued", r.issued().toString());
            row.put("valid_until", r.validUntil() == null ? null : r.validUntil().toString());
            row.put("revoked", r.revoked() == null ? null : r.revoked().toString());
            row.put("revoked_by", r.revokedBy());
        }
        for (DeviceRosters.Reported r : rosters.list(branch)) {
            ObjectNode row = rows.addObject();
            row.put("device", r.device());
            row.put("branch", r.branch());
            row.put("role", r.role());
            row.put("source", r.source());
            row.put("fingerprint", r.fingerprint());
            row.put("state", r.state());
            row.put("reported_by", r.reportedBy());
            row.put("reported", r.reportedAt().toString());
            row.put("revocation_pending", r.revocationPending());
        }
        http.send(exchange, 200, http.mapper().createObjectNode().set("devices", rows));
    }

    private void audit(HttpExchange exchange) throws IOException {
        Map<String, String> query = JsonHttp.query(exchange);
        int limit;
        try {
            limit = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("limit", "100"))));
        } catch (NumberFormatException e) {
            throw new JsonHttp.HttpError(400, "INVALID_LIMIT", "Giới hạn không hợp lệ.", "limit must be a number");
        }
        ArrayNode rows = http.mapper().createArrayNode();
        for (AuditLog.Entry e : audit.latest(limit)) {
            ObjectNode row = rows.addObject();
            row.put("id", e.id());
            row.put("at", e.at().toString());
            row.put("actor", e.actor());
            row.put("role", e.role());
            row.put("action", e.action());
            row.put("detail", e.detail());
            row.put("from", e.remote());
        }
        http.send(exchange, 200, http.mapper().createObjectNode().set("entries", rows));
    }
}
