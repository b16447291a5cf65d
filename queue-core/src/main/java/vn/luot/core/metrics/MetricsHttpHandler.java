package vn.luot.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /metrics}: a program's registry in Prometheus' text format (0.0.4), for whom {@link MetricsAccess}
 * allows (403 for anyone else). Each program owns its registry: nothing here is static.
 */
public final class MetricsHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(MetricsHttpHandler.class.getName());
    public static final String PATH = "/metrics";

    private final PrometheusRegistry registry;
    private final MetricsAccess access;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsHttpHandler(PrometheusRegistry registry, MetricsAccess access) {
        this.registry = registry;
        this.access = access;
    }

    public static boolean serves(String path) {
        return path.equals(PATH);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!access.allows(exchange.getRemoteAddress().getAddress(), exchange.getRequestHeaders())) {
                LOG.fine(() -> "metrics refused to " + exchange.getRemoteAddress());
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try {
                writer.write(body, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "metrics scrape failed", e);
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }
}
