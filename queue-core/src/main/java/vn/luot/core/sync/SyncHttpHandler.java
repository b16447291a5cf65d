package vn.luot.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts {@link SyncServer}s on HTTP at {@code /v1/branches/{b}/snapshot|changes|events}, behind
 * per-device bearer tokens. Never answers 500 for anything a client sends; an unexpected failure is
 * logged with the request line (never the token) and answered 500 without detail.
 */
public final class SyncHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(SyncHttpHandler.class.getName());

    private final Map<String, SyncServer> branches;
    private final DeviceRegistry tokens;
    private final JsonHttp http;

    public SyncHttpHandler(Map<String, SyncServer> branches, DeviceRegistry tokens, JsonHttp http) {
        this.branches = Map.copyOf(branches);
        this.tokens = tokens;
        this.http = http;
    }

    /** Whether this handler serves the path (the booking API shares the /v1/branches prefix). */
    public static boolean serves(String path) {
        return path.matches("/v1/branches/[^/]+/(snapshot|changes|events)/?");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (JsonHttp.HttpError e) {
                http.sendError(exchange, e);
            } catch (SyncServer.BadRequestException e) {
                http.sendError(exchange, new JsonHttp.HttpError(e.status(), e.code(), "Yêu cầu đồng bộ không hợp lệ.",
                        e.getMessage()));
            } catch (SyncServer.CursorGoneException e) {
                http.sendError(exchange, new JsonHttp.HttpError(410, "CURSOR_GONE",
                        "Con trỏ đồng bộ đã cũ; hãy tải lại ảnh chụp.", e.getMessage() + "; take a snapshot"));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "sync request failed: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath(), e);
                http.sendError(exchange, new JsonHttp.HttpError(500, "INTERNAL", "Lỗi máy chủ.", "Server error."));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        // ["", "v1", "branches", b, op]
        if (parts.length != 5) {
            throw new JsonHttp.HttpError(404, "NOT_FOUND", "Không tìm thấy.", "Not found.");
        }
        String branchId = parts[3];
        String op = parts[4];
        Optional<DeviceIdentity> device = tokens.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (device.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new JsonHttp.HttpError(401, "UNAUTHORIZED", "Thiết bị chưa được xác thực.",
                    "A valid device bearer token is required.");
        }
        SyncServer server = branches.get(branchId);
        if (server == null) {
            throw new JsonHttp.HttpError(404, "UNKNOWN_BRANCH", "Không có chi nhánh này.", "Unknown branch " + branchId);
        }
        if (!device.get().branchId().equals(branchId)) {
            throw new JsonHttp.HttpError(403, "FORBIDDEN", "Thiết bị không thuộc chi nhánh này.",
                    "This device belongs to another branch.");
        }
        String method = exchange.getRequestMethod();
        Map<String, String> query = JsonHttp.query(exchange);
        switch (op) {
            case "snapshot" -> {
                requireMethod(method, "GET");
                LocalDate day = parseDate(query.get("date"));
                String tag = server.snapshotTag(day);
                exchange.getResponseHeaders().set("ETag", tag);
                if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                http.send(exchange, 200, server.snapshot(day));
            }
            case "changes" -> {
                requireMethod(method, "GET");
                int limit = parseLimit(query.getOrDefault("limit", "500"));
                http.send(exchange, 200, server.changes(query.get("since"), limit));
            }
            case "events" -> {
                requireMethod(method, "POST");
                JsonNode body = http.readJson(exchange);
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                http.send(exchange, 200, server.push(device.get(), key, body));
            }
            default -> throw new JsonHttp.HttpError(404, "NOT_FOUND", "Không tìm thấy.", "Not found.");
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new JsonHttp.HttpError(405, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ.",
                    "Use " + expected + ".");
        }
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw new JsonHttp.HttpError(400, "INVALID_DATE", "Ngày không hợp lệ (YYYY-MM-DD).",
                    "date must be YYYY-MM-DD");
        }
    }

    private static int parseLimit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new JsonHttp.HttpError(400, "INVALID_LIMIT", "Giới hạn không hợp lệ.", "limit must be a number");
        }
    }
}
