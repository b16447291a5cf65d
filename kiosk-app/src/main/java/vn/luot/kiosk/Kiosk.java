package vn.luot.kiosk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import vn.luot.core.domain.Branch;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.sync.Backoff;
import vn.luot.core.sync.ClockTrust;
import vn.luot.core.sync.SyncClient;
import vn.luot.core.sync.SyncLoop;
import vn.luot.core.sync.UpstreamBranches;
import vn.luot.core.sync.UpstreamHttp;
import vn.luot.core.token.TicketTokens;
import vn.luot.core.token.VerificationKeys;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.kiosk.flow.BranchDirectory;
import vn.luot.kiosk.flow.KioskFlow;
import vn.luot.kiosk.scan.QrScanner;
import vn.luot.kiosk.scan.SerialQrScanner;
import vn.luot.printer.EscPosTicketPrinter;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.TicketPrinter;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.transport.PrinterTransport;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * The kiosk's composition root: the one place that turns the config into devices, real or
 * simulated, and wires them to the flow. Nothing below it sniffs the hardware.
 */
public final class Kiosk implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Kiosk.class.getName());

    private final KioskConfig config;
    private final LocalQueue queue;
    private final TicketPrinter printer;
    private final VirtualPrinter virtualPrinter;
    private final VirtualPrinterServer virtualPrinterServer;
    private final SyncLoop sync;
    private final VerificationKeys keys;
    private final UpstreamBranches city;
    private final ScheduledExecutorService background;
    private final ExecutorService worker;
    private final KioskFlow flow;
    private final SyncClient syncClient;
    private final QrScanner serialScanner;
    private final Clock clock;
    private final ClockTrust clockTrust;
    /** This kiosk's heartbeat to its hub (the kiosk listens on no port: its metrics are the hub's /metrics). */
    private final vn.luot.core.health.HeartbeatUplink heartbeats;
    private volatile java.time.LocalDate purgedOn;

    private Kiosk(KioskConfig config, Clock clock) throws IOException {
        this.config = config;
        Path data = Path.of(config.dataDir());
        Files.createDirectories(data);
        Branch branch = config.branchDefinition();
        background = Executors.newScheduledThreadPool(2, daemon("kiosk-background"));
        worker = Executors.newSingleThreadExecutor(daemon("kiosk-worker"));

        OkHttpClient http = UpstreamHttp.client(config.upstream().url(), config.upstream().pins());
        ClockTrust trust = new ClockTrust(clock, Duration.ofMinutes(2));
        this.clockTrust = trust;
        // Day and expiry decisions follow the upstream's clock once seen (a kiosk a day behind refuses
        // yesterday's code); a kiosk with a new or replaced file issues nothing until its upstream has
        // said which sequence numbers it already used.
        Clock decisions = trust.correctedClock();
        this.clock = decisions;
        LocalQueue.Builder queueOptions = LocalQueue.builder().file(data.resolve("queue.db")).deviceId(config.deviceId())
                .branch(branch).clock(decisions).walkInBlock(config.walkInBlock()).clockTrusted(trust::trusted)
                .requireKnownHistory(true);
        if (config.citizenKeyFile() != null && !config.citizenKeyFile().isBlank()) {
            queueOptions.citizenKeyFile(Path.of(config.citizenKeyFile()));
        }
        queue = queueOptions.open();

        PrinterProfile profile = config.printerProfile();
        BundledFonts fonts = BundledFonts.load();
        if (Boolean.TRUE.equals(config.printer().simulated())) {
            Path tickets = Path.of(config.printer().ticketsDir() == null ? config.dataDir() + "/tickets"
                    : config.printer().ticketsDir());
            virtualPrinter = new VirtualPrinter(tickets, profile.paperWidthDots(), fonts);
            virtualPrinterServer = VirtualPrinterServer.startOnLoopback(virtualPrinter, 0);
            printer = EscPosTicketPrinter.builder().profile(profile)
                    .transport(PrinterTransport.tcp("127.0.0.1", virtualPrinterServer.port()))
                    .statusQueries(config.printerStatusQueries())
                    .statusTimeout(Duration.ofSeconds(1)).fonts(fonts).build();
        } else {
            virtualPrinter = null;
            virtualPrinterServer = null;
            printer = EscPosTicketPrinter.builder().profile(profile).transport(config.printerTransport())
                    .statusQueries(config.printerStatusQueries())
                    .statusTimeout(Duration.ofSeconds(1)).fonts(fonts).build();
        }

        city = new UpstreamBranches(data.resolve("branches.json"), config.upstream().url(), http);
        keys = new VerificationKeys(data.resolve("keys.json"), config.upstream().url(), http,
                config.upstream().keySetRootKey());
        SyncClient client = SyncClient.builder().baseUrl(config.upstream().url()).branchId(branch.id())
                .token(token(config)).queue(queue).clock(clock).clockTrust(trust).httpClient(http).build();
        syncClient = client;
        sync = new SyncLoop(client, background, Duration.ofSeconds(3), Backoff.DEFAULT,
                RandomGenerator.of("L64X128MixRandom"), clock);

        if (config.minutesPerCitizen() != null) {
            LOG.warning("minutes_per_citizen in the kiosk config is no longer used: the estimated waits come from the"
                    + " branch's measured service times and its branch file's service_minutes per field");
        }
        flow = KioskFlow.builder().queue(queue).verifier(keys::verifier).refreshKeys(keys::refresh).printer(printer)
                .worker(worker).clock(decisions).branches(() -> BranchDirectory.of(queue.branch(), city.branches()))
                .idleTimeout(Duration.ofSeconds(config.idleTimeoutSeconds() == null ? 30 : config.idleTimeoutSeconds()))
                .statusUrlBase(config.statusUrlBase()).ticketTokens(ticketTokens(config, data))
                .syncNow(sync::syncNow).build();
        sync.addListener(s -> flow.syncStatus(s.online(), s.offlineSince(), s.clock() == ClockTrust.State.TRUSTED));
        vn.luot.core.health.DeviceHealth health = vn.luot.core.health.DeviceHealth.builder(config.deviceId(), branch.id(),
                vn.luot.core.health.Heartbeat.Kind.KIOSK, clock).clockTrust(trust).dataFolder(data)
                .printer(() -> printerState(printer.status())).build();
        sync.addListener(health::syncStatus);
        heartbeats = new vn.luot.core.health.HeartbeatUplink(http, config.upstream().url(), branch.id(), token(config),
                queue.store().codec().mapper(), clock, health::current, null);

        serialScanner = "serial".equals(config.scanner().kind())
                ? new SerialQrScanner(config.scanner().port(), config.scanner().baud() == null ? 9600
                        : config.scanner().baud(), Duration.ofSeconds(2))
                : null;
    }

    /** Opens everything and starts the background work (sync, keys, idle ticks, the serial scanner). */
    public static Kiosk start(KioskConfig config, Clock clock) throws IOException {
        Kiosk kiosk = new Kiosk(config, clock);
        kiosk.background.execute(kiosk.keys::refresh);
        // Finds out at start whether the printer answers status requests, so the first ticket does not wait for it.
        kiosk.background.execute(kiosk.printer::status);
        kiosk.background.scheduleWithFixedDelay(kiosk.keys::refresh, 1, 1, TimeUnit.MINUTES);
        kiosk.background.scheduleWithFixedDelay(kiosk.city::refresh, 0, 10, TimeUnit.MINUTES);
        kiosk.background.scheduleWithFixedDelay(kiosk.flow::tick, 1, 1, TimeUnit.SECONDS);
        if (!kiosk.queue.historyKnown()) {
            // A new or replaced file: learn this kiosk's history before the first citizen, when the upstream answers.
            try {
                kiosk.syncClient.checkHistory();
            } catch (vn.luot.core.sync.SyncException e) {
                java.util.logging.Logger.getLogger(Kiosk.class.getName()).warning(
                        "history not yet known (" + e.getMessage() + "): issuing nothing until the upstream answers");
            }
        }
        kiosk.background.scheduleWithFixedDelay(kiosk::forgetEarlierDaysCitizens, 0, 1, TimeUnit.SECONDS);
        kiosk.sync.start();
        kiosk.heartbeats.start(kiosk.background, vn.luot.core.health.HeartbeatUplink.DEFAULT_INTERVAL);
        if (kiosk.serialScanner != null) {
            kiosk.serialScanner.start(kiosk.flow::scanned);
        }
        return kiosk;
    }

    /**
     * The kiosk is the only device that writes citizen references (the walk-in's CCCD, hashed): it deletes
     * those of earlier days once a day, as soon as its clock is trusted on the new day.
     */
    private void forgetEarlierDaysCitizens() {
        java.time.LocalDate today = vn.luot.core.domain.BranchTime.now(clock).toLocalDate();
        if (today.equals(purgedOn) || !clockTrust.trusted()) {
            return;
        }
        try {
            int purged = queue.purgePersonalData();
            purgedOn = today;
            if (purged > 0) {
                LOG.info("forgot " + purged + " citizen references of days before " + today);
            }
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "citizen reference purge failed", e);
        }
    }

    /** The printer as the heartbeat reports it: the six states the supervisor and the city's operators act on. */
    static vn.luot.core.health.Heartbeat.Printer printerState(PrinterStatus status) {
        return switch (status) {
            case READY -> vn.luot.core.health.Heartbeat.Printer.READY;
            case PAPER_NEAR_END -> vn.luot.core.health.Heartbeat.Printer.PAPER_LOW;
            case PAPER_OUT -> vn.luot.core.health.Heartbeat.Printer.PAPER_OUT;
            case COVER_OPEN -> vn.luot.core.health.Heartbeat.Printer.COVER_OPEN;
            // an error the printer reports stops tickets as surely as a pulled cable
            case OFFLINE, ERROR -> vn.luot.core.health.Heartbeat.Printer.OFFLINE;
            case STATUS_UNSUPPORTED, NOT_QUERIED -> vn.luot.core.health.Heartbeat.Printer.UNSUPPORTED;
        };
    }

    public KioskFlow flow() {
        return flow;
    }

    public KioskConfig config() {
        return config;
    }

    public LocalQueue queue() {
        return queue;
    }

    /**
     * The printer's status, asked now (blocks up to a few status timeouts; not on the UI thread).
     * {@link PrinterStatus#STATUS_UNSUPPORTED} for a printer that never answers, which the
     * supervisor should see: paper out cannot be noticed on it.
     */
    public PrinterStatus printerStatus() {
        return printer.status();
    }

    /** The simulated printer, when the config asks for one (demo, tests). */
    public VirtualPrinter virtualPrinter() {
        return virtualPrinter;
    }

    /** The serial scanner's state; a keyboard-wedge scanner is always {@code CONNECTED} as far as the kiosk knows. */
    public QrScanner.Status scannerStatus() {
        return serialScanner == null ? QrScanner.Status.CONNECTED : serialScanner.status();
    }

    public boolean usesKeyboardScanner() {
        return serialScanner == null;
    }

    private static String token(KioskConfig config) throws IOException {
        String file = config.upstream().tokenFile();
        if (file == null || file.isBlank()) {
            return config.upstream().token();
        }
        Path path = Path.of(file);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
            LOG.warning("device token file " + path + " is readable by others: chmod 600 " + path);
        }
        return Files.readString(path, StandardCharsets.UTF_8).strip();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        sync.close();
        if (serialScanner != null) {
            serialScanner.close();
        }
        background.shutdownNow();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printer.close();
        if (virtualPrinterServer != null) {
            try {
                virtualPrinterServer.close();
            } catch (IOException e) {
                LOG.warning("virtual printer did not close: " + e.getMessage());
            }
        }
        queue.close();
    }

    /** The branch's ticket key: {@code ticket_key_file}, or {@code ticket.key} in the data directory. */
    private static TicketTokens ticketTokens(KioskConfig config, Path data) {
        Path file = config.ticketKeyFile() == null || config.ticketKeyFile().isBlank() ? data.resolve("ticket.key")
                : Path.of(config.ticketKeyFile());
        if (!java.nio.file.Files.exists(file)) {
            // a key of its own still prints and reads back its own tickets; the hub's page needs the branch's
            LOG.warning("no ticket key at " + file + ": made a new one. Copy the hub's data_dir/ticket.key there,"
                    + " or the hub's status page refuses this kiosk's ticket links (hardware-docs/installation.md)");
        }
        return TicketTokens.openOrCreate(file);
    }
}
