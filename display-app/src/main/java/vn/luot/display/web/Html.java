package vn.luot.display.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small server-rendered pages for phones and counter PCs: no script, big buttons, Vietnamese first. */
final class Html {

    static final int MAX_FORM_BYTES = 4096;

    private static final String STYLE = """
            body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;background:#0b1f3a;color:#f4f6fa}
            main{max-width:720px;margin:0 auto;padding:16px}
            h1{font-size:1.5em;margin:.4em 0}
            .big{font-size:3em;font-weight:bold;color:#ffd23f;margin:.1em 0}
            .muted{color:#8fb3e8}
            .msg{background:#163d70;border-left:6px solid #ffd23f;padding:12px;margin:12px 0;font-size:1.1em}
            .err{background:#5a1a14;border-left:6px solid #e74c3c;padding:12px;margin:12px 0;font-size:1.1em}
            form{display:inline}
            button,select,input{font-size:1.2em;padding:12px 16px;margin:6px 4px;border-radius:8px;border:0}
            button{background:#ffd23f;color:#0b1f3a;font-weight:bold;cursor:pointer}
            button.secondary{background:#8fb3e8}
            button.danger{background:#f0a35e}
            table{border-collapse:collapse;width:100%}
            td,th{padding:6px 8px;border-bottom:1px solid #163d70;text-align:left}
            """;

    private Html() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A whole page; {@code refreshSeconds} above 0 reloads it (the waiting page on a phone). */
    static String page(String title, String body, int refreshSeconds) {
        return "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + (refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">" : "")
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head><body><main>"
                + body + "</main></body></html>";
    }

    static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "text/html; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Frame-Options", "DENY");
        h.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        // same-origin, not no-referrer: with no-referrer a browser posts "Origin: null", which the staff page refuses.
        h.set("Referrer-Policy", "same-origin");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    /** An application/x-www-form-urlencoded body, bounded: a form here is a few fields. */
    static Map<String, String> form(HttpExchange exchange) throws IOException {
        byte[] body;
        try (var in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            throw new IllegalArgumentException("form too large");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }
}
