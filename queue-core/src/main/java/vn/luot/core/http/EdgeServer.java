package vn.luot.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP edge of the hub and of the central server: Jetty in front of the project's
 * {@code com.sun.net.httpserver} handlers (run unchanged through Jetty's HTTP SPI bridge), with what the JDK
 * server lacks against slow clients. A connection that is still sending its headers holds no thread (Jetty
 * parses them without blocking), a connection silent for the idle timeout is closed, a body arriving slower
 * than the minimum data rate is answered 408 and cut off ({@link RateGuardedExchange}), and one client address may hold only a few request threads at a time
 * (more requests from it wait without a thread), so a handful of trickling sockets cannot take the server.
 * Optionally a second connector speaks TLS with a PKCS12 key store.
 *
 * <p>The bridge sets each response header once per name: a handler sends at most one value per header
 * (one {@code Set-Cookie} per response, as the staff page does).
 */
public final class EdgeServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EdgeServer.class.getName());
    private static final String SECURE = "vn.luot.edge.secure";
    /** RFC 9110's IMF-fixdate, e.g. {@code Mon, 23 Nov 2026 01:40:00 GMT}. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);

    /** Whether the request came over TLS (the staff cookie is {@code Secure} then). */
    public static boolean isSecure(HttpExchange exchange) {
        return exchange instanceof HttpsExchange || Boolean.TRUE.equals(exchange.getAttribute(SECURE));
    }

    /**
     * @param maxThreads               the request pool's size
     * @param threadsPerClient         how many of them one remote address may hold at a time
     * @param idleTimeout              a connection silent this long (headers, body or keep-alive) is closed
     * @param minRequestBytesPerSecond a request body slower than this is refused (408) and its thread freed
     */
    public record Limits(int maxThreads, int threadsPerClient, Duration idleTimeout, long minRequestBytesPerSecond) {
        /** A branch hub on a Pi: kiosks, a few staff browsers and the phones in the hall. */
        public static final Limits HUB = new Limits(64, 8, Duration.ofSeconds(20), 256);
        /**
         * The central server: every branch and the city app's gateway, which may all come from few addresses,
         * so one address may hold more threads.
         */
        public static final Limits CENTRE = new Limits(200, 48, Duration.ofSeconds(30), 256);

        public Limits {
            if (maxThreads < 8 || threadsPerClient < 1 || threadsPerClient >= maxThreads) {
                throw new IllegalArgumentException("need 8+ threads and fewer per client than in all: " + maxThreads
                        + "/" + threadsPerClient);
            }
            Objects.requireNonNull(idleTimeout, "idleTimeout");
        }
    }

    /** A TLS connector's key store: a PKCS12 file holding one private key and its certificate. */
    public record Tls(String host, int port, Path keyStore, String password) {
        public Tls {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
        }
    }

    private final Server server;
    private final ServerConnector plain;
    private final ServerConnector secure;

    private EdgeServer(Server server, ServerConnector plain, ServerConnector secure) {
        this.server = server;
        this.plain = plain;
        this.secure = secure;
    }

    /**
     * Binds {@code address} (port 0: any free port), and the TLS connector when {@code tls} is not null, to serve
     * {@code handler} once {@link #start()} is called.
     *
     * @param clock the time every answer's {@code Date} header states: the serving side's own clock (the one its
     *              rules judge by), never the machine's, because the clients below set their clocks by it
     *              ({@code ClockTrust}). A hub whose Pi booted with a wrong time corrects itself from the centre
     *              and must pass that corrected time on, not its raw system clock.
     */
    public static EdgeServer bind(String name, InetSocketAddress address, Tls tls, Limits limits, Clock clock,
                                  HttpHandler handler) throws IOException {
        Objects.requireNonNull(clock, "clock");
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(4, limits.maxThreads()));
        threads.setName(name);
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // Jetty would date answers by the system clock; the handler below dates them by the injected one.
        config.setSendDateHeader(false);
        config.setIdleTimeout(limits.idleTimeout().toMillis());
        config.setRequestHeaderSize(8 * 1024);

        ServerConnector plain = connector(server, limits, new HttpConnectionFactory(config));
        plain.setHost(address.getHostString());
        plain.setPort(address.getPort());
        server.addConnector(plain);
        ServerConnector secure = null;
        if (tls != null) {
            if (!Files.isReadable(tls.keyStore())) {
                throw new IOException("TLS key store " + tls.keyStore() + " is missing or unreadable");
            }
            HttpConfiguration secureConfig = new HttpConfiguration(config);
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            // kiosks and staff reach the hub by its LAN address, which a self-signed certificate cannot name
            customizer.setSniHostCheck(false);
            secureConfig.addCustomizer(customizer);
            SslContextFactory.Server keys = new SslContextFactory.Server();
            keys.setKeyStorePath(tls.keyStore().toString());
            keys.setKeyStoreType("PKCS12");
            keys.setKeyStorePassword(tls.password());
            HttpConnectionFactory http = new HttpConnectionFactory(secureConfig);
            secure = connector(server, limits, new SslConnectionFactory(keys, http.getProtocol()), http);
            secure.setHost(tls.host());
            secure.setPort(tls.port());
            server.addConnector(secure);
        }

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        ThreadLimitHandler perClient = new ThreadLimitHandler(contexts, null, false);
        perClient.setThreadLimit(limits.threadsPerClient());
        server.setHandler(perClient);
        JettyHttpServer bridge = new JettyHttpServer(server, true);
        bridge.bind(address, 0);
        bridge.createContext("/", exchange -> {
            if (exchange instanceof HttpsExchange) {
                exchange.setAttribute(SECURE, Boolean.TRUE);
            }
            exchange.getResponseHeaders().set("Date", HTTP_DATE.format(clock.instant()));
            try {
                handler.handle(new RateGuardedExchange(exchange, limits.minRequestBytesPerSecond()));
            } catch (RateGuardedExchange.BodyTooSlowException e) {
                LOG.info(() -> "cut off a slow client " + exchange.getRemoteAddress().getAddress().getHostAddress()
                        + ": " + e.getMessage());
            } catch (IOException e) {
                // the client went away or fell silent past the idle timeout: nobody is left to answer
                LOG.fine(() -> "client I/O failed: " + e);
            }
        });
        try {
            plain.open();
            if (secure != null) {
                secure.open();
            }
        } catch (IOException e) {
            stopQuietly(server);
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return new EdgeServer(server, plain, secure);
    }

    /** Starts answering requests on the bound ports. */
    public EdgeServer start() throws IOException {
        try {
            server.start();
            return this;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
        }
    }

    private static ServerConnector connector(Server server, Limits limits,
                                             org.eclipse.jetty.server.ConnectionFactory... factories) {
        ServerConnector c = new ServerConnector(server, factories);
        c.setIdleTimeout(limits.idleTimeout().toMillis());
        c.setAcceptQueueSize(128);
        return c;
    }

    /** The plain HTTP port (the bound one when 0 was asked). */
    public int port() {
        return plain.getLocalPort();
    }

    /** The TLS port, or -1 without TLS. */
    public int tlsPort() {
        return secure == null ? -1 : secure.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing is left to do about a connector that would not close
        }
    }
}
