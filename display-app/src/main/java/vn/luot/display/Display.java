package vn.luot.display;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.config.BranchConfig;
import vn.luot.core.config.ConfigException;
import vn.luot.core.domain.Branch;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.token.TicketTokens;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.ClockTrust;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.EnrolledDevices;
import vn.luot.core.staff.StaffAccounts;
import vn.luot.display.board.BusCounterBoard;
import vn.luot.display.board.CounterBoard;
import vn.luot.display.buttons.GpioButtons;
import vn.luot.display.buttons.PinMap;
import vn.luot.display.buttons.SimulatedButtons;
import vn.luot.display.calls.CallDesk;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.hub.BranchHub;
import vn.luot.display.hub.HubCertificate;
import vn.luot.display.protocol.BoardProtocol;
import vn.luot.display.protocol.LuotFrameProtocol;
import vn.luot.display.protocol.ModbusLedProtocol;
import vn.luot.display.protocol.BoardProfile;
import vn.luot.display.simulator.SimulatedBoards;
import vn.luot.core.sim.SocatPair;
import vn.luot.display.transport.SerialBus;
import vn.luot.display.transport.SerialLine;
import vn.luot.display.tv.TvBoardModel;
import vn.luot.display.voice.AlsaSink;
import vn.luot.display.voice.Announcer;
import vn.luot.display.voice.CallWording;
import vn.luot.display.voice.AudioSink;
import vn.luot.display.voice.ClipLibrary;
import vn.luot.display.voice.Espeak;
import vn.luot.display.voice.SpeakerSink;
import vn.luot.display.voice.WavFileSink;
import vn.luot.display.web.StaffPage;
import vn.luot.display.web.SupervisorTools;
import vn.luot.display.web.StaffSessions;
import vn.luot.display.web.WaitingPage;

/**
 * The display device's composition root: the one place that turns the config into devices, real or
 * simulated, and wires buttons and the staff page through the call desk to the LED boards, the TV board's
 * view model and the voice, with the branch hub around them. Nothing below it sniffs the hardware. A missing
 * LED bus adapter is logged naming its key and the boards are OFFLINE; everything else runs and the bus picks
 * the adapter up when it is plugged in.
 */
public final class Display implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Display.class.getName());

    private final DisplayConfig config;
    private final Clock clock;
    private final LocalQueue queue;
    private final TvBoardModel board;
    private final Announcer announcer;
    private final CallDesk desk;
    private final GpioButtons buttons;
    private final SocatPair ptys;
    private final SimulatedBoards simulatedBoards;
    private final SerialBus bus;
    private final Map<Integer, CounterBoard> counterBoards;
    private final BranchHub hub;
    private final ScheduledExecutorService ticks;
    /** Re-showing the current numbers blocks on the bus: its own thread, one run pending at most. */
    private final ScheduledExecutorService boardResync = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "display-board-resync");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean resyncPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final java.util.ArrayDeque<String> busLog = new java.util.ArrayDeque<>();
    private volatile vn.luot.core.sync.SyncLoop.Status upstreamStatus;

    private Display(DisplayConfig config, Clock clock, Optional<AudioSink> audioOverride) throws IOException {
        this.config = config;
        this.clock = clock;
        Path data = Path.of(config.dataDir());
        Files.createDirectories(data);
        Branch branch = branch(config);
        ClockTrust trust = new ClockTrust(clock, Duration.ofMinutes(2));
        // A hub below the centre with a new or replaced file calls nobody until the centre has said which
        // sequence numbers it already used (the relay asks on its first contact).
        boolean belowCentre = config.upstream() != null && config.upstream().url() != null
                && !config.upstream().url().isBlank();
        queue = LocalQueue.builder().file(data.resolve("queue.db")).deviceId(config.deviceId()).branch(branch)
                // Its events are stamped on the centre's time once seen: the centre refuses HLCs beyond 5 minutes ahead.
                .clock(trust.correctedClock()).clockTrusted(trust::trusted).requireKnownHistory(belowCentre).open();
        closeLast.add(queue);
        if (config.minutesPerCitizen() != null) {
            LOG.warning("minutes_per_citizen in the display config is no longer used: the estimated waits come from the"
                    + " branch's measured service times and its branch file's service_minutes per field");
        }
        board = new TvBoardModel(queue, clock, config.ticker());

        AudioSink sink = audioOverride.orElseGet(() -> switch (config.voice().output()) {
            case "wav" -> WavFileSink.numberedIn(Path.of(config.voice().wavDir()));
            case "speaker" -> config.voice().alsaDevice().<AudioSink>map(dev -> AlsaSink.aplay(dev, config.voice().leadSilence()))
                    .orElseGet(() -> new SpeakerSink(config.voice().leadSilence()));
            default -> audio -> AudioSink.PlayResult.NO_DEVICE;
        });
        announcer = new Announcer(ClipLibrary.shipped(),
                Boolean.FALSE.equals(config.voice().espeak()) ? Optional.empty() : Optional.of(Espeak.northern()), sink,
                config.voice().repeatCount());

        // LED boards: a real RS-485 adapter (or a serial-device server over TCP), or simulated boards on the far
        // end of a socat pty pair, or of a loopback TCP port where socat is missing.
        DisplayConfig.Boards b = config.boards();
        List<DisplayConfig.Board> boardList = b.board() == null ? List.of() : b.board();
        BoardProfile.Line line = b.line();
        SerialLine.Settings settings = SerialLine.Settings.of(line.baud(), line.parity(), line.stopBits());
        String port = b.port();
        if (Boolean.TRUE.equals(b.simulated())) {
            SocatPair pair = null;
            java.net.ServerSocket loopback = null;
            try {
                pair = SocatPair.start(data.resolve("adapter"), data.resolve("bus"));
            } catch (IllegalStateException e) {
                loopback = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                LOG.warning("simulated LED boards on a loopback TCP port, not a pty pair: " + e.getMessage());
            }
            ptys = pair;
            SimulatedBoards.Builder sim = SimulatedBoards.builder(pair != null ? pair.peer().toString() : "tcp", clock)
                    .settings(settings).log(line2 -> {
                LOG.fine(line2);
                synchronized (busLog) {
                    busLog.addLast(line2);
                    while (busLog.size() > 40) {
                        busLog.removeFirst();
                    }
                }
            });
            if (loopback != null) {
                sim.tcp(loopback);
            }
            boardList.forEach(x -> sim.board(x.address(), b.profileOf(x)));
            simulatedBoards = sim.build().start();
            port = pair != null ? pair.device().toString() : simulatedBoards.endpoint();
        } else {
            ptys = null;
            simulatedBoards = null;
        }
        bus = SerialBus.builder(port).settings(settings).build();
        Map<Integer, CounterBoard> boards = new LinkedHashMap<>();
        for (DisplayConfig.Board x : boardList) {
            if (branch.counter(x.counter()).isEmpty()) {
                throw new ConfigException(Path.of("display config"), 0, "boards.board.counter",
                        "counter " + x.counter() + " is not a counter of branch " + branch.id());
            }
            boards.put(x.counter(), new BusCounterBoard(x.counter(), x.address(), b.profileOf(x).protocol(), bus));
        }
        counterBoards = Map.copyOf(boards);

        desk = new CallDesk(queue, boards, announcer::announce, board::called,
                CallWording.of(branch, config.voice().saysField()),
                new vn.luot.display.calls.RepeatGuard(clock, config.staff() == null
                        ? vn.luot.display.calls.RepeatGuard.DEFAULT_WINDOW : config.staff().repeatGuard()));
        desk.addChangeListener(board::refresh);

        // Buttons: the Pi's GPIO, or Pi4J's mock platform pressed from the keyboard and the benchmark.
        buttons = GpioButtons.open(Boolean.TRUE.equals(config.buttons().simulated()),
                PinMap.parse(config.buttons().pinMap()), desk, clock);

        // The config's device tokens are pre-enrolled; the supervisor enrols, rotates and revokes from the staff page.
        EnrolledDevices devices = EnrolledDevices.open(data.resolve("devices.db"), clock, tokens(config, branch));
        closeLast.add(devices);
        AuditLog audit = AuditLog.open(data.resolve("audit.db"), clock);
        closeLast.add(audit);
        // One account per person, managed by the supervisor on the staff page; the config's shared PINs sign in
        // only until the first personal account of their role exists.
        StaffAccounts staffAccounts = StaffAccounts.open(data.resolve("staff.db"), clock);
        closeLast.add(staffAccounts);
        vn.luot.core.health.DeviceHealth health = DisplayHealth.of(config.deviceId(), branch.id(), clock, trust, data,
                counterBoards, announcer);
        // The staff page is built before the hub it is part of; it reads the hub's device health once there is one.
        java.util.concurrent.atomic.AtomicReference<BranchHub> hubOnceBuilt = new java.util.concurrent.atomic.AtomicReference<>();
        BranchHub.Builder hubBuilder = BranchHub.builder(queue, clock)
                .bind(config.hub().bind() == null ? "0.0.0.0" : config.hub().bind(),
                        config.hub().port() == null ? 8090 : config.hub().port())
                .devices(devices, audit)
                .staffPage(new StaffPage(desk, queue, config.counterPinHashes(),
                        config.staff() == null ? null : config.staff().supervisorPin(), staffAccounts,
                        new StaffSessions(clock, Duration.ofHours(12)), clock,
                        counter -> Optional.ofNullable(counterBoards.get(counter)).map(CounterBoard::status),
                        new SupervisorTools(devices, audit, branch, clock,
                                () -> hubOnceBuilt.get() == null ? List.of() : hubOnceBuilt.get().heartbeats(),
                                () -> hubOnceBuilt.get() == null ? null : hubOnceBuilt.get().syncRefusals())))
                // the branch's ticket key, created here on first start; every kiosk of the branch holds a copy
                .waitingPage(new WaitingPage(queue, board, clock, TicketTokens.openOrCreate(data.resolve("ticket.key"))))
                .afterPush(board::refresh)
                .heartbeat(health::current, vn.luot.core.health.HeartbeatUplink.DEFAULT_INTERVAL)
                .clockTrust(trust);
        if (config.hub().tlsPort() != null && config.hub().tlsPort() > 0) {
            HubCertificate.Identity tls = HubCertificate.ensure(data, "luot-hub-" + branch.id());
            hubBuilder.tls(config.hub().tlsPort(), tls.keyStore(), tls.password());
            LOG.info(() -> "hub TLS on port " + config.hub().tlsPort() + "; kiosks pin " + tls.pin()
                    + " (also in " + data.resolve("hub-tls.pin") + ")");
        }
        DisplayConfig.Upstream up = config.upstream();
        if (up != null && up.url() != null && !up.url().isBlank()) {
            hubBuilder.upstream(up.url(), token(up), Duration.ofSeconds(3), s -> {
                upstreamStatus = s;
                health.syncStatus(s);
                board.online(s.online());
            }).keysCache(data.resolve("keys.json")).upstreamPins(up.pins()).keySetRoot(up.keySetRootKey());
        }
        hub = hubBuilder.build();
        hubOnceBuilt.set(hub);
        // Calls reach the central server (and the citizens' app) at once, not at the next sync tick.
        desk.addChangeListener(hub::syncNow);
        ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "display-ticks");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens everything and starts the hub, the buses and the clock tick. */
    public static Display start(DisplayConfig config, Clock clock) throws IOException {
        return start(config, clock, Optional.empty());
    }

    /** As {@link #start(DisplayConfig, Clock)}, with the announcements going to {@code audio} (tests, bench). */
    public static Display start(DisplayConfig config, Clock clock, Optional<AudioSink> audio) throws IOException {
        Display d = new Display(config, clock, audio);
        SerialBus.PortState port = d.bus.start();
        if (!port.open()) {
            // Loud, never fatal: the TV board, the hub and the voice do not need the boards (STYLE.md rules 5, 6).
            // The bus's watchdog keeps reopening and picks the adapter up when it is plugged in.
            LOG.severe("boards.port: the LED boards' adapter " + d.bus.path() + " cannot be opened (" + port.detail()
                    + "); the boards are OFFLINE until it is plugged in; everything else runs");
        }
        d.bus.addStatusListener(new vn.luot.display.board.BoardBus.StatusListener() {
            @Override
            public void boardStatusChanged(int address, vn.luot.display.board.BoardStatus status) {
                if (status == vn.luot.display.board.BoardStatus.ONLINE) {
                    d.resyncBoards();
                }
            }

            @Override
            public void portChanged(boolean open, String detail) {
                if (open) {
                    d.resyncBoards();
                }
            }
        });
        d.resyncBoards();
        d.announcer.probe();
        long health = config.boards().healthSecondsOrDefault();
        d.boardResync.scheduleWithFixedDelay(d::checkBoards, health, health, TimeUnit.SECONDS);
        d.hub.start();
        d.buttons.startTicking(d.ticks, Duration.ofMillis(10));
        d.ticks.scheduleWithFixedDelay(d::tick, 0, 1, TimeUnit.SECONDS);
        d.ticks.scheduleWithFixedDelay(d::sweep, 1, 5, TimeUnit.MINUTES);
        return d;
    }

    private void resyncBoards() {
        if (resyncPending.compareAndSet(false, true)) {
            boardResync.execute(() -> resyncBoards(30));
        }
    }

    /** Shows the current numbers; while some board does not answer (the far end may still be waking), tries again. */
    private void resyncBoards(int triesLeft) {
        boolean answered;
        try {
            answered = desk.showCurrentOnBoards();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "showing the current numbers on the LED boards failed", e);
            answered = false;
        }
        if (answered || triesLeft <= 1 || boardResync.isShutdown()) {
            resyncPending.set(false);
        } else {
            boardResync.schedule(() -> resyncBoards(triesLeft - 1), 2, TimeUnit.SECONDS);
        }
    }

    /**
     * The periodic health round: every board is set to what it should show (or cleared) and read back where its
     * profile allows, behind any call waiting for the bus. A board that was power-cycled shows the right number
     * again, and a wrong address or wiring is noticed without waiting for a call.
     */
    private void checkBoards() {
        try {
            desk.showCurrentOnBoards();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the LED boards' health round failed", e);
        }
    }

    /** Each counter's LED board and how it is doing (the supervisor page and the doctor show it). */
    public Map<Integer, CounterBoard> counterBoards() {
        return counterBoards;
    }

    /** The LED boards' bus, e.g. to tell whether its adapter is open. */
    public SerialBus boardBus() {
        return bus;
    }

    private void tick() {
        try {
            board.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TV board refresh failed", e);
        }
    }

    private void sweep() {
        try {
            queue.sweepMissedCheckIns();
            queue.purgePersonalData();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "no-show sweep failed", e);
        }
    }

    public DisplayConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public LocalQueue queue() {
        return queue;
    }

    public TvBoardModel board() {
        return board;
    }

    public CallDesk desk() {
        return desk;
    }

    public BranchHub hub() {
        return hub;
    }

    /** The simulated LED boards, when the config asks for them. */
    public Optional<SimulatedBoards> simulatedBoards() {
        return Optional.ofNullable(simulatedBoards);
    }

    /** The hub's last round with the central server (online, outbox depth); empty before the first or without one. */
    public Optional<vn.luot.core.sync.SyncLoop.Status> upstreamStatus() {
        return Optional.ofNullable(upstreamStatus);
    }

    /** The simulated RS-485 adapter (a socat pty pair), to pull and replug it; empty with real boards. */
    public Optional<SocatPair> simulatedAdapter() {
        return Optional.ofNullable(ptys);
    }

    /**
     * How the voice output did at its last use, the start-up probe or a call ({@code NO_DEVICE}: shown, not
     * heard); empty for outputs with nothing to probe until the first call.
     */
    public Optional<AudioSink.PlayResult> voiceStatus() {
        return announcer.lastResult();
    }

    /** Fingers on the simulated buttons, when the config asks for Pi4J's mock platform. */
    public Optional<SimulatedButtons> simulatedButtons() {
        return buttons.simulated();
    }

    /** The last lines the simulated bus logged (frames in and out), oldest first. */
    public List<String> busLog() {
        synchronized (busLog) {
            return List.copyOf(busLog);
        }
    }

    /** The addresses of the configured LED boards, in config order. */
    public List<Integer> boardAddresses() {
        return config.boards().board() == null ? List.of()
                : config.boards().board().stream().map(DisplayConfig.Board::address).toList();
    }

    private static Branch branch(DisplayConfig config) {
        return BranchConfig.named(config.branch());
    }

    private static DeviceTokens tokens(DisplayConfig config, Branch branch) {
        DeviceTokens tokens = DeviceTokens.none();
        for (DisplayConfig.Device d : config.hub().devices() == null ? List.<DisplayConfig.Device>of()
                : config.hub().devices()) {
            DeviceIdentity.Role role = d.role().equals("display") ? DeviceIdentity.Role.DISPLAY : DeviceIdentity.Role.KIOSK;
            DeviceIdentity device = new DeviceIdentity(d.id(), branch.id(), role);
            if (d.walkInNumbers() != null && !d.walkInNumbers().isBlank()) {
                try {
                    device = device.withWalkInBlock(NumberBlock.parse(d.walkInNumbers()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("hub.devices " + d.id() + ": walk_in_numbers " + e.getMessage(), e);
                }
            }
            tokens = tokens.withDigest(d.tokenSha256(), device);
        }
        return tokens;
    }

    private static String token(DisplayConfig.Upstream up) throws IOException {
        if (up.tokenFile() == null || up.tokenFile().isBlank()) {
            return up.token();
        }
        return Files.readString(Path.of(up.tokenFile()), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        boardResync.shutdownNow();
        buttons.close();
        hub.close();
        announcer.close(Duration.ofSeconds(5));
        bus.close();
        if (simulatedBoards != null) {
            simulatedBoards.close();
        }
        if (ptys != null) {
            ptys.close();
        }
        for (AutoCloseable c : closeLast) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + c + " failed", e);
            }
        }
    }
}
