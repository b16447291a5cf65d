package vn.luot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Ticket;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.http.EdgeServer;
import vn.luot.core.rules.CheckInWindow;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.EnrolledDevices;
import vn.luot.core.devices.DeviceRosters;
import vn.luot.core.devices.EnrolmentHttpHandler;
import vn.luot.core.devices.ReportedDevices;
import vn.luot.core.devices.RosterHttpHandler;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.JsonHttp;
import vn.luot.core.sync.SyncHttpHandler;
import vn.luot.core.sync.SyncServer;
import vn.luot.core.health.HeartbeatHttpHandler;
import vn.luot.core.metrics.HeartbeatMetrics;
import vn.luot.core.metrics.MetricsAccess;
import vn.luot.core.metrics.MetricsHttpHandler;
import vn.luot.server.booking.BookingApi;
import vn.luot.server.booking.BookingStore;
import vn.luot.server.identity.CitizenAccess;
import vn.luot.server.identity.DemoIdentityProvider;
import vn.luot.server.fleet.FleetPage;
import vn.luot.server.fleet.FleetStore;
import vn.luot.server.notify.Notifier;
import vn.luot.server.operator.OperatorApi;
import vn.luot.server.operator.Operators;

/**
 * The reference central booking server: the city app's booking API and the branches' sync endpoints
 * on one port, bookings in the config's store (a SQLite file by default, or PostgreSQL) and each branch's
 * central queue log in a SQLite file beside {@code --db}.
 */
public final class BookingServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BookingServer.class.getName());

    private final BookingStore bookings;
    private final Map<String, BookingApi.BranchRuntime> branches = new LinkedHashMap<>();
    private final List<Notifier> notifiers = new ArrayList<>();
    private final EdgeServer http;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final java.time.Duration housekeepingEvery;
    private final BookingApi api;
    private final Map<String, SyncServer> syncServers;
    private final EnrolledDevices devices;
    private final DeviceRosters rosters;
    private final AuditLog audit;
    private final FleetStore fleet;

    private BookingServer(Builder b) throws IOException {
        this.clock = b.clock;
        this.housekeepingEvery = b.housekeepingEvery;
        Path folder = b.database.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String stem = b.database.getFileName().toString().replaceFirst("\\.db$", "");
        this.bookings = b.config.storeOrDefault().open(b.database);
        Map<String, SyncServer> syncs = new LinkedHashMap<>();
        // The config's (and the demo's) tokens are pre-enrolled: valid until rotated or revoked here.
        this.devices = EnrolledDevices.open(folder.resolve(stem + ".devices.db"), clock,
                b.config.tokens().withAll(b.extraTokens));
        this.audit = AuditLog.open(folder.resolve(stem + ".audit.db"), clock);
        // What each hub reports of the devices enrolled at it, and the operator's revocations waiting for them.
        this.rosters = DeviceRosters.open(folder.resolve(stem + ".rosters.db"), clock);
        ReportedDevices known = new ReportedDevices(devices, rosters);
        for (Branch branch : b.config.toBranches()) {
            LocalQueue queue = LocalQueue.builder()
                    .file(folder.resolve(stem + ".queue-" + branch.id() + ".db"))
                    .deviceId("central")
                    .branch(branch)
                    .clock(clock)
                    // The branch hub sweeps no-shows when the branch's check-in window closes; the centre only
                    // after a further grace period, so a check-in still on its way from an offline branch wins.
                    .checkInWindow(new CheckInWindow(branch.times().checkInOpensBefore(),
                            branch.times().checkInGrace().plus(b.noShowGrace)))
                    .open();
            branches.put(branch.id(), new BookingApi.BranchRuntime(branch, queue, b.config.capacityFor(branch.id())));
            syncs.put(branch.id(), new SyncServer(queue, clock, known));
            notifiers.add(new Notifier(bookings, branch, queue, clock));
        }
        this.syncServers = Map.copyOf(syncs);
        reconcile();
        JsonHttp json = new JsonHttp(branches.values().iterator().next().queue().store().codec().mapper());
        SyncHttpHandler sync = new SyncHttpHandler(syncs, devices, json);
        EnrolmentHttpHandler enrolment = new EnrolmentHttpHandler(devices, json, audit, clock);
        Operators operators = b.config.operatorTokens().withAll(b.extraOperators);
        RosterHttpHandler roster = new RosterHttpHandler(devices, rosters, json);
        OperatorApi operator = new OperatorApi(devices, rosters, operators, audit, branches.keySet(), json, clock);
        // The fleet: every device's heartbeat (through its hub), the operators' page and the scrapes' gauges.
        this.fleet = FleetStore.open(folder.resolve(stem + ".fleet.db"), json.mapper());
        HeartbeatHttpHandler heartbeats = new HeartbeatHttpHandler(devices, branches.keySet(), fleet, json, clock);
        FleetPage fleetPage = new FleetPage(fleet, b.config.toBranches(), this::knownDevices, operators, audit, clock);
        io.prometheus.metrics.model.registry.PrometheusRegistry registry =
                new io.prometheus.metrics.model.registry.PrometheusRegistry();
        registry.register(new HeartbeatMetrics(fleet::latest, clock));
        MetricsHttpHandler metrics = new MetricsHttpHandler(registry, MetricsAccess.token(b.config.metricsTokenSha256()));
        CitizenAccess access = b.config.citizenAccess(b.citizenAccess);
        this.api = new BookingApi(branches, bookings, b.codes, b.config.bookedNumbersUpToOrDefault(), clock, json,
                b.demoIdentity ? access.withDemo(DemoIdentityProvider.beside(b.database, clock)) : access);
        EdgeServer.Limits limits = EdgeServer.Limits.CENTRE;
        limits = new EdgeServer.Limits(Math.max(b.httpThreads, 8), Math.min(limits.threadsPerClient(),
                Math.max(b.httpThreads, 8) - 1), limits.idleTimeout(), limits.minRequestBytesPerSecond());
        this.http = EdgeServer.bind("luot-server-http", new InetSocketAddress(b.bindAddress, b.port), null, limits, clock,
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    if (SyncHttpHandler.serves(path)) {
                        sync.handle(exchange);
                    } else if (EnrolmentHttpHandler.serves(path)) {
                        enrolment.handle(exchange);
                    } else if (RosterHttpHandler.serves(path)) {
                        roster.handle(exchange);
                    } else if (OperatorApi.serves(path)) {
                        operator.handle(exchange);
                    } else if (HeartbeatHttpHandler.serves(path)) {
                        heartbeats.handle(exchange);
                    } else if (FleetPage.serves(path)) {
                        fleetPage.handle(exchange);
                    } else if (MetricsHttpHandler.serves(path)) {
                        metrics.handle(exchange);
                    } else {
                        api.handle(exchange);
                    }
                });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "luot-server-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Every device with a live token: the centre's own, and those its hubs report as enrolled at them. */
    private List<FleetPage.Known> knownDevices() {
        java.time.Instant now = clock.instant();
        java.util.stream.Stream<FleetPage.Known> own = devices.list(null).stream()
                .filter(r -> r.state(now) == vn.luot.core.devices.DeviceRecord.State.ACTIVE
                        || r.state(now) == vn.luot.core.devices.DeviceRecord.State.GRACE)
                .map(r -> new FleetPage.Known(r.device().branchId(), r.device().deviceId(), r.device().role().name()));
        java.util.stream.Stream<FleetPage.Known> reported = rosters.list(null).stream()
                .filter(DeviceRosters.Reported::live).map(r -> new FleetPage.Known(r.branch(), r.device(), r.role()));
        return java.util.stream.Stream.concat(own, reported).distinct().toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Bookings are stored before their event is appended to the branch log (two files); after a crash
     * between the two, the missing events are appended here at start.
     */
    private void reconcile() {
        LocalDate today = BranchTime.now(clock).toLocalDate();
        for (BookingApi.BranchRuntime rt : branches.values()) {
            List<QueueEvent> missing = new ArrayList<>();
            for (BookingStore.Stored s : bookings.from(rt.branch().id(), today)) {
                var b = s.booking();
                Optional<Ticket> ticket = rt.queue().ticket(b.ticketId());
                if (ticket.isEmpty()) {
                    missing.add(new QueueEvent.BookingRecorded(b.ticketId(), b.id(), b.purpose(), b.slot(), b.priority()));
                }
                if (s.cancelled() != null && ticket.map(t -> t.status().isAwaitingCheckIn()).orElse(true)) {
                    missing.add(new QueueEvent.BookingCancelled(b.ticketId(), "FORFEITED".equals(s.cancelled())));
                }
            }
            if (!missing.isEmpty()) {
                LOG.info("branch " + rt.branch().id() + ": appended " + missing.size() + " booking events after a restart");
                rt.queue().recordDecided(missing);
            }
        }
    }

    public BookingServer start() {
        try {
            http.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the booking server", e);
        }
        if (!housekeepingEvery.isZero()) {
            scheduler.scheduleWithFixedDelay(this::housekeeping, 0, housekeepingEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Notifications due, and bookings whose check-in window closed long enough ago. */
    public void housekeeping() {
        try {
            api.housekeeping();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "citizen retention round failed", e);
        }
        for (BookingApi.BranchRuntime rt : branches.values()) {
            try {
                rt.queue().sweepMissedCheckIns();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "no-show sweep failed for " + rt.branch().id(), e);
            }
        }
        for (Notifier n : notifiers) {
            try {
                n.runOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "notification round failed", e);
            }
        }
    }

    /** What the centre refused at a branch's sync boundary (counts and the latest). */
    public SyncServer.Refusals syncRefusals(String branchId) {
        return syncServers.get(branchId).refusals();
    }

    public int port() {
        return http.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The devices the centre accepts: enrolled, rotated, revoked ({@code NAME.devices.db}). */
    public EnrolledDevices devices() {
        return devices;
    }

    /** Every operator action and device enrolment ({@code NAME.audit.db}). */
    public AuditLog audit() {
        return audit;
    }

    /** Every device's latest heartbeat and short history ({@code NAME.fleet.db}). */
    public FleetStore fleet() {
        return fleet;
    }

    public BookingStore bookings() {
        return bookings;
    }

    public LocalQueue queue(String branchId) {
        return branches.get(branchId).queue();
    }

    public Clock clock() {
        return clock;
    }

    public LocalDateTime now() {
        return BranchTime.now(clock);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.close();
        branches.values().forEach(rt -> rt.queue().close());
        bookings.close();
        devices.close();
        rosters.close();
        audit.close();
        fleet.close();
    }

    /** Options of the server; config, data folder and codes are required. */
    public static final class Builder {
        private ServerConfig config;
        private Path database;
        private Clock clock = Clock.system(BranchTime.ZONE);
        private BookingApi.BookingCodes codes;
        private DeviceTokens extraTokens = DeviceTokens.none();
        private Operators extraOperators = Operators.none();
        private String bindAddress = "0.0.0.0";
        private int port = -1;
        private int httpThreads = EdgeServer.Limits.CENTRE.maxThreads();
        private java.time.Duration noShowGrace = java.time.Duration.ofMinutes(30);
        private java.time.Duration housekeepingEvery = java.time.Duration.ofSeconds(1);
        private CitizenAccess citizenAccess = CitizenAccess.none();
        private boolean demoIdentity;

        private Builder() {
        }

        public Builder config(ServerConfig config) {
            this.config = config;
            return this;
        }

        /**
         * The bookings database file (created if missing); each branch's queue log lives beside it as
         * {@code NAME.queue-BRANCH.db}.
         */
        public Builder database(Path file) {
            this.database = file;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder codes(BookingApi.BookingCodes codes) {
            this.codes = codes;
            return this;
        }

        /** Devices accepted on top of the config's (the demo's well-known tokens). */
        public Builder extraTokens(DeviceTokens tokens) {
            this.extraTokens = tokens;
            return this;
        }

        /** Operators accepted on top of the config's (the demo's well-known operator). */
        public Builder extraOperators(Operators operators) {
            this.extraOperators = operators;
            return this;
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** 0 for any free port; default the config's. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How long after a slot's end the centre itself marks a booking not checked in as a no-show. */
        public Builder noShowGrace(java.time.Duration grace) {
            this.noShowGrace = grace;
            return this;
        }

        /** How often notifications and the no-show sweep run; zero to run them only by {@link #housekeeping()}. */
        public Builder housekeepingEvery(java.time.Duration interval) {
            this.housekeepingEvery = interval;
            return this;
        }

        /** Identity providers, rate limits and retention on top of the config's. */
        public Builder citizenAccess(CitizenAccess access) {
            this.citizenAccess = access;
            return this;
        }

        /** Runs the demo identity provider ({@code POST /v1/demo/credentials}); never in production. */
        public Builder demoIdentityProvider(boolean run) {
            this.demoIdentity = run;
            return this;
        }

        public Builder httpThreads(int threads) {
            this.httpThreads = threads;
            return this;
        }

        public BookingServer build() {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(codes, "codes");
            if (port < 0) {
                port = config.portOrDefault();
            }
            BookingApi.requireClockCodesCanCarry(clock);
            try {
                return new BookingServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the booking server on port " + port, e);
            }
        }
    }
}
