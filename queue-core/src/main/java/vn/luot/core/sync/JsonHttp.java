package vn.luot.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-over-HTTP conventions shared by the booking API and the sync endpoints: bounded request
 * bodies, UTF-8 JSON answers, and errors as {@code {error, message_vi, message_en}}.
 */
public final class JsonHttp {

    public static final int MAX_BODY_BYTES = 1 << 20;

    private final ObjectMapper json;

    public JsonHttp(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper mapper() {
        return json;
    }

    /** An HTTP error with the protocol's code and a message in both languages. */
    public static final class HttpError extends RuntimeException {
        private final int status;
        private final String code;
        private final String messageVi;

        public HttpError(int status, String code, String messageVi, String messageEn) {
            super(messageEn);
            this.status = status;
            this.code = code;
            this.messageVi = messageVi;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public String messageVi() {
            return messageVi;
        }
    }

    /** Reads the body as JSON; oversize is 413 and anything but a JSON object or array is 400. */
    public JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new HttpError(400, "INVALID_JSON", "Nội dung yêu cầu không phải JSON hợp lệ.",
                        "The request body is not a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpError(400, "INVALID_JSON", "Nội dung yêu cầu không phải JSON hợp lệ.",
                    "The request body is not valid JSON.");
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                // Read (a bounded amount of) the rest, so the client gets the 413 instead of a reset.
                long drained = 0;
                byte[] sink = new byte[64 * 1024];
                int n;
                while (drained < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
                    drained += n;
                }
                throw tooLarge();
            }
            return body;
        }
    }

    private static final long DRAIN_LIMIT = 16L << 20;

    private static HttpError tooLarge() {
        return new HttpError(413, "BODY_TOO_LARGE", "Yêu cầu quá lớn.",
                "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    public void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, json.writeValueAsBytes(body));
    }

    public void send(HttpExchange exchange, int status, String jsonText) throws IOException {
        send(exchange, status, jsonText.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public void sendError(HttpExchange exchange, HttpError error) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("error", error.code());
        body.put("message_vi", error.messageVi());
        body.put("message_en", error.getMessage());
        send(exchange, error.status(), body);
    }

    public static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }
}
