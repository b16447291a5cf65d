package vn.luot.core.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * An exchange whose request body must keep up a minimum data rate (after a short grace period): Jetty's core
 * server enforces its own minimum only in the servlet layers, and a body trickled one byte per second would
 * otherwise hold a request thread for as long as the client likes. When the body falls behind, the client is
 * answered 408 at once, the connection closed, and the handler's read fails with {@link BodyTooSlowException},
 * which the handlers let pass like any I/O failure of the client.
 */
final class RateGuardedExchange extends HttpExchange {

    /** The request body arrived slower than the edge's minimum data rate; the client was answered 408. */
    static final class BodyTooSlowException extends IOException {
        BodyTooSlowException(long bytes, long millis) {
            super("request body too slow: " + bytes + " bytes in " + millis + " ms");
        }
    }

    private static final long GRACE_NANOS = 2_000_000_000L;

    private final HttpExchange delegate;
    private final long bytesPerSecond;
    private final long started = System.nanoTime();
    private InputStream body;
    private boolean answered;

    RateGuardedExchange(HttpExchange delegate, long bytesPerSecond) {
        this.delegate = delegate;
        this.bytesPerSecond = bytesPerSecond;
        this.body = new Guarded(delegate.getRequestBody());
    }

    private final class Guarded extends FilterInputStream {
        private long read;

        Guarded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            check();
            int n = super.read(buf, off, len);
            read += Math.max(n, 0);
            check();
            return n;
        }

        private void check() throws IOException {
            long elapsed = System.nanoTime() - started;
            if (bytesPerSecond <= 0 || elapsed <= GRACE_NANOS) {
                return;
            }
            long due = bytesPerSecond * ((elapsed - GRACE_NANOS) / 1_000_000L) / 1000L;
            if (read < due) {
                if (!answered) {
                    answered = true;
                    delegate.getResponseHeaders().set("Connection", "close");
                    delegate.sendResponseHeaders(408, -1);
                }
                throw new BodyTooSlowException(read, elapsed / 1_000_000L);
            }
        }
    }

    @Override
    public void sendResponseHeaders(int status, long length) throws IOException {
        if (answered) {
            throw new IOException("the client was already answered 408 for a body too slow");
        }
        delegate.sendResponseHeaders(status, length);
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            body = in;
        }
        if (out != null) {
            delegate.setStreams(delegate.getRequestBody(), out);
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return delegate.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return delegate.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return delegate.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return delegate.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return delegate.getHttpContext();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public OutputStream getResponseBody() {
        return delegate.getResponseBody();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return delegate.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return delegate.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return delegate.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return delegate.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        delegate.setAttribute(name, value);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return delegate.getPrincipal();
    }
}
