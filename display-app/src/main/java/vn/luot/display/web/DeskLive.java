package vn.luot.display.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps an open staff page current: {@code GET /staff/live} is a server-sent event stream that says {@code change}
 * whenever the branch's state changed (a call from a button, a kiosk's new ticket, another counter's transfer), and
 * the page's script ({@code /staff/live.js}) then fetches the page again and swaps it in, unless the clerk is in the
 * middle of a form. A comment every {@link #KEEPALIVE} keeps the connection inside the hub's idle deadline; a stream
 * ends after {@link #LIFETIME} (or when its session does) and the browser reconnects by itself. Without scripts the
 * page reloads itself every {@link #FALLBACK_SECONDS} seconds instead.
 *
 * <p>Each stream holds one of the hub's request threads while it is open: one per signed-in page, a dozen at a branch.
 */
final class DeskLive {

    static final Duration KEEPALIVE = Duration.ofSeconds(10);
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int FALLBACK_SECONDS = 20;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final byte[] SCRIPT = script();

    private DeskLive() {
    }

    /**
     * Streams until the client leaves, the stream's lifetime ends or {@code stillSignedIn} turns false.
     *
     * @param version changes whenever what a staff page shows may have changed (the queue's event count and more)
     */
    static void stream(HttpExchange exchange, LongSupplier version, java.util.function.BooleanSupplier stillSignedIn)
            throws IOException {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        long started = System.nanoTime();
        long lastWrite = started;
        try (OutputStream out = exchange.getResponseBody()) {
            long seen = version.getAsLong();
            write(out, "retry: 2000\nevent: hello\ndata: " + seen + "\n\n");
            while (System.nanoTime() - started < LIFETIME.toNanos() && stillSignedIn.getAsBoolean()) {
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long now = version.getAsLong();
                if (now != seen) {
                    seen = now;
                    write(out, "event: change\ndata: " + now + "\n\n");
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= KEEPALIVE.toNanos()) {
                    write(out, ": keepalive\n\n");
                    lastWrite = System.nanoTime();
                }
            }
        } catch (IOException gone) {
            // The page was closed or reloaded: nothing to do.
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The page's script, served from the hub itself (the pages allow scripts from 'self' only). */
    static void sendScript(HttpExchange exchange) throws IOException {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "text/javascript; charset=utf-8");
        h.set("Cache-Control", "no-cache");
        h.set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(200, SCRIPT.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(SCRIPT);
        }
    }

    private static byte[] script() {
        try (InputStream in = DeskLive.class.getResourceAsStream("pages/live.js")) {
            if (in == null) {
                throw new IllegalStateException("pages/live.js is part of the display's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
