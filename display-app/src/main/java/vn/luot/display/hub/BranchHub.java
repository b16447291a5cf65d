package vn.luot.display.hub;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.HeartbeatHttpHandler;
import vn.luot.core.health.HeartbeatUplink;
import vn.luot.core.health.SeenHeartbeat;
import vn.luot.core.http.EdgeServer;
import vn.luot.core.metrics.MetricsAccess;
import vn.luot.core.metrics.MetricsHttpHandler;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.sync.Backoff;
import vn.luot.core.sync.ClockTrust;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.EnrolledDevices;
import vn.luot.core.devices.EnrolmentHttpHandler;
import vn.luot.core.sync.DeviceRegistry;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.JsonHttp;
import vn.luot.core.sync.SyncClient;
import vn.luot.core.sync.SyncHttpHandler;
import vn.luot.core.sync.SyncLoop;
import vn.luot.core.sync.SyncServer;
import vn.luot.core.sync.UpstreamBranches;
import vn.luot.core.sync.UpstreamHttp;
import vn.luot.core.token.VerificationKeys;

/**
 * The branch hub: the upstream of the branch's kiosks (queue-core's sync server over the display device's own
 * queue), and itself a relaying client of the central booking server, so the branch keeps checking in and
 * calling with the WAN down. One HTTP port on the LAN carries the sync endpoints, the staff page
 * ({@code /staff}), the public waiting page ({@code /t/}), the devices' heartbeats and {@code /metrics}
 * ({@link HubHeartbeats}: relayed with the hub's own to the centre's fleet page).
 *
 * <p>Thread policy: HTTP requests run on the hub's pool; the relay on its own scheduler. {@code afterPush} is
 * called on an HTTP thread after each kiosk push has been stored; it must not block.
 */
public final class BranchHub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BranchHub.class.getName());

    private final EdgeServer http;
    private final EdgeServer.Tls tls;
    private final ScheduledExecutorService relayThread;
    private final SyncLoop relay;
    private final SyncClient upstream;
    private final VerificationKeys keys;
    private final UpstreamBranches branches;
    private final RosterReport roster;
    private final SyncServer sync;
    private final LocalQueue queue;
    private final HubHeartbeats health;
    private final HeartbeatUplink heartbeatUplink;
    private final Duration heartbeatEvery;

    private BranchHub(Builder b) throws IOException {
        // The branch's kiosks judge time by the hub's answers, and the hub by the centre's: one clock for the branch,
        // the one the hub judges pushes by and dates its answers with.
        Clock branchClock = b.clockTrust.correctedClock();
        this.health = new HubHeartbeats(b.ownHeartbeat, branchClock);
        this.heartbeatEvery = b.heartbeatEvery;
        SyncServer server = new SyncServer(b.queue, branchClock, b.kioskTokens);
        this.sync = server;
        this.queue = b.queue;
        JsonHttp json = new JsonHttp(b.queue.store().codec().mapper());
        SyncHttpHandler sync = new SyncHttpHandler(Map.of(server.branchId(), server), b.kioskTokens, json);
        HttpHandler enrolment = b.enrolledDevices == null ? null
                : new EnrolmentHttpHandler(b.enrolledDevices, json, b.audit, b.clock);
        Runnable afterPush = b.afterPush;
        HttpHandler heartbeatsIn = health.receiver(b.kioskTokens, server.branchId(), json);
        HttpHandler metrics = health.metrics(b.metricsAccess);
        HttpHandler staff = b.staffPage;
        HttpHandler waiting = b.waitingPage;
        this.tls = b.tls;
        HttpHandler routes = exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (SyncHttpHandler.serves(path)) {
                boolean push = exchange.getRequestMethod().equals("POST");
                sync.handle(exchange);
                if (push) {
                    afterPush.run();
                }
            } else if (HeartbeatHttpHandler.serves(path)) {
                heartbeatsIn.handle(exchange);
            } else if (MetricsHttpHandler.serves(path)) {
                metrics.handle(exchange);
            } else if (enrolment != null && EnrolmentHttpHandler.serves(path)) {
                enrolment.handle(exchange);
            } else if (path.equals("/v1/keys") && exchange.getRequestMethod().equals("GET")) {
                serveRelayed(exchange, relayedKeys());
            } else if (path.equals("/v1/branches") && exchange.getRequestMethod().equals("GET")) {
                serveRelayed(exchange, relayedBranches());
            } else if (staff != null && (path.equals("/staff") || path.startsWith("/staff/"))) {
                staff.handle(exchange);
            } else if (waiting != null && (path.equals("/t") || path.startsWith("/t/"))) {
                waiting.handle(exchange);
            } else {
                try (exchange) {
                    exchange.getResponseHeaders().set("Location", waiting != null ? "/t/" : "/staff");
                    exchange.sendResponseHeaders(path.equals("/") ? 303 : 404, -1);
                }
            }
        };
        this.http = EdgeServer.bind("hub-http", new InetSocketAddress(b.bindAddress, b.port), tls,
                EdgeServer.Limits.HUB, branchClock, routes);
        if (b.upstreamUrl != null) {
            this.relayThread = Executors.newSingleThreadScheduledExecutor(daemon("hub-relay"));
            OkHttpClient client = UpstreamHttp.client(b.upstreamUrl, b.upstreamPins);
            SyncClient upstream = SyncClient.builder().baseUrl(b.upstreamUrl).branchId(b.queue.branch().id())
                    .token(b.upstreamToken).queue(b.queue).clock(b.clock).clockTrust(b.clockTrust)
                    .httpClient(client).relay(true).build();
            this.upstream = upstream;
            this.relay = new SyncLoop(upstream, relayThread, b.relayInterval, Backoff.DEFAULT,
                    RandomGenerator.of("L64X128MixRandom"), b.clock);
            if (b.upstreamStatus != null) {
                relay.addListener(b.upstreamStatus);
            }
            this.branches = b.keysCache == null ? null : new UpstreamBranches(
                    b.keysCache.resolveSibling("branches.json"), b.upstreamUrl, client);
            this.keys = b.keysCache == null ? null : new VerificationKeys(b.keysCache, b.upstreamUrl, client,
                    b.keySetRoot);
            this.roster = b.enrolledDevices == null ? null : new RosterReport(b.enrolledDevices, b.audit,
                    b.queue.branch().id(), b.upstreamUrl, b.upstreamToken, client, b.clock);
            this.heartbeatUplink = health.uplink(client, b.upstreamUrl, b.queue.branch().id(), b.upstreamToken, json);
        } else {
            this.roster = null;
            this.heartbeatUplink = null;
            this.relayThread = null;
            this.upstream = null;
            this.relay = null;
            this.keys = null;
            this.branches = null;
        }
    }

    private boolean queueHistoryKnown() {
        return queue.historyKnown();
    }

    public static Builder builder(LocalQueue queue, Clock clock) {
        return new Builder(queue, clock);
    }

    public BranchHub start() {
        try {
            http.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (upstream != null && !queueHistoryKnown()) {
            // A hub with a new or replaced file calls nobody until the centre says which seqs it used: ask now,
            // so the first press after start does not wait for the relay's first round.
            try {
                upstream.checkHistory();
            } catch (vn.luot.core.sync.SyncException e) {
                LOG.warning("history not yet known (" + e.getMessage() + "): the relay keeps asking");
            }
        }
        if (relay != null) {
            relay.start();
        }
        if (keys != null) {
            // every minute: a hub that booted with the WAN down gets keys soon after it returns (a cheap GET)
            relayThread.scheduleWithFixedDelay(keys::refresh, 0, 1, TimeUnit.MINUTES);
            // the city's branch list, for the kiosks' "this booking is for branch X, at address Y"
            relayThread.scheduleWithFixedDelay(branches::refresh, 0, 10, TimeUnit.MINUTES);
        }
        if (roster != null) {
            // every minute: an operator's revocation at the centre takes effect here within about a minute
            relayThread.scheduleWithFixedDelay(roster::reportQuietly, 0, 1, TimeUnit.MINUTES);
        }
        if (heartbeatUplink != null) {
            heartbeatUplink.start(relayThread, heartbeatEvery);
        }
        LOG.info(() -> "branch hub on port " + port() + (tls == null ? "" : ", TLS on port " + tlsPort())
                + (relay == null ? ", no upstream" : ", relaying upstream"));
        return this;
    }

    private String relayedKeys() {
        return keys == null ? null : keys.json();
    }

    private String relayedBranches() {
        return branches == null ? null : branches.json();
    }

    /**
     * What the hub relays from upstream and keeps (the booking-code keys, the city's branch list), so the branch's
     * kiosks verify codes and name other branches with the WAN down; 503 before the first copy.
     */
    private static void serveRelayed(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (json == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** The branch's devices as their heartbeats say, the hub's own first (issue 19 §3: one heartbeat, two views). */
    public java.util.List<SeenHeartbeat> heartbeats() {
        return health.all();
    }

    /** What the hub refused at its sync boundary (counts and the latest), for the supervisor. */
    public SyncServer.Refusals syncRefusals() {
        return sync.refusals();
    }

    /** {@link #syncRefusals()} as the JSON the supervisor's page reads. */
    public com.fasterxml.jackson.databind.node.ObjectNode syncRefusalsJson() {
        return sync.refusalsJson();
    }

    public int port() {
        return http.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The TLS port, or -1 when the hub was built without a key store. */
    public int tlsPort() {
        return http.tlsPort();
    }

    /** The TLS address on loopback (tests, the demo), or null without TLS. */
    public String tlsUrl() {
        return tls == null ? null : "https://127.0.0.1:" + tlsPort();
    }

    /** Pushes and pulls upstream now (after a call, so the app hears of it at once). */
    /** Reports the devices enrolled here to the centre now, and applies its revocations (tests, the bench). */
    public java.util.List<String> reportDevicesNow() {
        return roster == null ? java.util.List.of() : roster.report();
    }

    public void syncNow() {
        if (relay != null) {
            relay.syncNow();
        }
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
            relayThread.shutdownNow();
        }
        http.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Options; the queue and clock are required, the rest optional. */
    public static final class Builder {
        private final LocalQueue queue;
        private final Clock clock;
        private String bindAddress = "0.0.0.0";
        private int port = 8080;
        private DeviceRegistry kioskTokens = DeviceTokens.none();
        private EnrolledDevices enrolledDevices;
        private AuditLog audit;
        private HttpHandler staffPage;
        private HttpHandler waitingPage;
        private Runnable afterPush = () -> { };
        private String upstreamUrl;
        private String upstreamToken;
        private ClockTrust clockTrust;
        private Duration relayInterval = Duration.ofSeconds(3);
        private Consumer<SyncLoop.Status> upstreamStatus;
        private java.nio.file.Path keysCache;
        private java.security.PublicKey keySetRoot;
        private java.util.List<String> upstreamPins = java.util.List.of();
        private EdgeServer.Tls tls;
        private java.util.function.Supplier<Heartbeat> ownHeartbeat;
        private Duration heartbeatEvery = HeartbeatUplink.DEFAULT_INTERVAL;
        private MetricsAccess metricsAccess = MetricsAccess.localNetwork();

        private Builder(LocalQueue queue, Clock clock) {
            this.queue = Objects.requireNonNull(queue, "queue");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.clockTrust = new ClockTrust(clock, Duration.ofMinutes(2));
        }

        public Builder bind(String address, int port) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            this.port = port;
            return this;
        }

        /** The tokens of the branch's kiosks (and other devices) allowed to push here. */
        public Builder kioskTokens(DeviceTokens tokens) {
            this.kioskTokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * The branch's devices from the hub's registry (config tokens pre-enrolled), which also serves
         * {@code /v1/devices/enrol} and {@code /v1/devices/rotate}; enrolments and rotations go to {@code audit}.
         */
        public Builder devices(EnrolledDevices devices, AuditLog audit) {
            this.enrolledDevices = Objects.requireNonNull(devices, "devices");
            this.kioskTokens = devices;
            this.audit = audit;
            return this;
        }

        public Builder staffPage(HttpHandler handler) {
            this.staffPage = handler;
            return this;
        }

        public Builder waitingPage(HttpHandler handler) {
            this.waitingPage = handler;
            return this;
        }

        public Builder afterPush(Runnable afterPush) {
            this.afterPush = Objects.requireNonNull(afterPush, "afterPush");
            return this;
        }

        /** Certificate pins of the (https) upstream; none by default. */
        public Builder upstreamPins(java.util.List<String> pins) {
            this.upstreamPins = pins == null ? java.util.List.of() : java.util.List.copyOf(pins);
            return this;
        }

        /** Where the booking-code keys pulled from upstream are kept, to serve at {@code /v1/keys} offline too. */
        public Builder keysCache(java.nio.file.Path file) {
            this.keysCache = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The pinned root key the upstream's key set must be signed by; null takes any (with a warning). */
        public Builder keySetRoot(java.security.PublicKey root) {
            this.keySetRoot = root;
            return this;
        }

        /** The central server to relay to; without one the hub is the branch's top (an offline branch). */
        public Builder upstream(String url, String token, Duration interval, Consumer<SyncLoop.Status> status) {
            this.upstreamUrl = Objects.requireNonNull(url, "url");
            this.upstreamToken = Objects.requireNonNull(token, "token");
            this.relayInterval = Objects.requireNonNull(interval, "interval");
            this.upstreamStatus = status;
            return this;
        }

        /**
         * Also serve TLS on {@code port} with the hub's PKCS12 key store (see {@link HubCertificate}); kiosks
         * pin its certificate, and the staff cookie is {@code Secure} there.
         */
        public Builder tls(int port, java.nio.file.Path keyStore, String password) {
            this.tls = new EdgeServer.Tls(bindAddress, port, keyStore, password);
            return this;
        }

        /** This device's heartbeat, reported upstream every {@code every} with the kiosks'. */
        public Builder heartbeat(java.util.function.Supplier<Heartbeat> own, Duration every) {
            this.ownHeartbeat = Objects.requireNonNull(own, "own");
            this.heartbeatEvery = Objects.requireNonNull(every, "every");
            return this;
        }

        /** Who may read {@code /metrics}; the local network by default. */
        public Builder metricsAccess(MetricsAccess access) {
            this.metricsAccess = Objects.requireNonNull(access, "access");
            return this;
        }

        public Builder clockTrust(ClockTrust trust) {
            this.clockTrust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        public BranchHub build() throws IOException {
            return new BranchHub(this);
        }
    }
}
