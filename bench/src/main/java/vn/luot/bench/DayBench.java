package vn.luot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import vn.luot.core.config.BranchConfig;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.sim.SocatPair;
import vn.luot.display.buttons.Mcp23017;
import vn.luot.display.protocol.ModbusLedProtocol;
import vn.luot.display.web.PinHash;

/**
 * {@code ./luot bench day [--seed N] [--short]}: a branch day on a compressed clock, with the real programs
 * in separate processes and the faults a branch sees, checked at the end (see the README's Benchmarks table
 * and {@link #PROCESSES} for what runs where, and {@link #NOT_SIMULATED} for what this day leaves out).
 */
public final class DayBench {

    static final String PROCESSES = "central booking server: own JVM, always up; the branch's WAN: a TCP relay "
            + "between hub and server, cut for each outage (connections hang, as when packets are dropped); display "
            + "device (hub with staff page, TV board model, RS-485 bus, Pi4J mock buttons with MCP23017 keypads, WAV "
            + "voice): own JVM (restarted once); the 12 LED boards: own JVM on the far end of a socat pty pair (the "
            + "RS-485 adapter, pulled once); kiosk-1 and kiosk-2: one JVM each (SIGKILLed and restarted); their "
            + "ESC/POS printers: one JVM each on loopback TCP, decoding what they receive; socat: its own process; "
            + "the bench driver (citizens' phones, citizens at the kiosks, staff at buttons and at the staff page "
            + "over HTTP): this JVM";
    static final String NOT_SIMULATED = "the call buttons and MCP23017 keypads are Pi4J mock pins and register models "
            + "inside the display's JVM; no JavaFX TV or kiosk window (headless view models only); the citizens' "
            + "phones only as the server's notifications table";

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    /** How long the bench waits for a child process to answer a command. */
    static final Duration ASK = Duration.ofSeconds(60);
    private static final String[] FIELDS = {"HT", "CT", "DD", "XD", "KD", "LD"};
    private static final String[] PURPOSES = {"SUBMIT", "COLLECT", "ADVICE"};

    /** How big and how fast a day is. */
    record Options(long seed, int bookings, int walkIns, double rate, Path dir) {

        static Options full(long seed, Path dir) {
            return new Options(seed, 1500, 500, 100, dir);
        }

        /** The CI day: the whole 08:00–17:00 with every fault, a tenth of the citizens, faster. */
        static Options shortDay(long seed, Path dir) {
            return new Options(seed, 150, 50, 200, dir);
        }
    }

    /** The figures and what went wrong; passed when nothing did. */
    record Result(Map<String, Object> figures, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    /** A citizen at a kiosk: a booking code to scan, or walk-in taps. */
    private record Visit(LocalDateTime at, int kiosk, Booked booking, String field, String purpose, String card,
                         int attempt) {
        Visit later(Duration by) {
            return new Visit(at.plus(by), kiosk, booking, field, purpose, card, attempt + 1);
        }
    }

    /** @param credential the citizen's credential from the server's demo identity provider, which cancels it */
    private record Booked(String id, String key, String label, TimeSlot slot, String qr, String credential) {
    }

    private final Options options;
    private final PrintStream out;
    private final Random random;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger duplicateAcks = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final Map<String, Integer> refusalReasons = new ConcurrentHashMap<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger cancellations = new AtomicInteger();
    private final AtomicLong maxOutbox = new AtomicLong();
    private final AtomicLong reconvergeMs = new AtomicLong(-1);
    private final Map<String, Booked> bookingsByKey = new ConcurrentHashMap<>();
    private final List<PriorityBlockingQueue<Visit>> lines = List.of(
            new PriorityBlockingQueue<>(64, Comparator.comparing(Visit::at)),
            new PriorityBlockingQueue<>(64, Comparator.comparing(Visit::at)));
    private final List<String> faultLog = new CopyOnWriteArrayList<>();
    private DayClock clock;
    private Branch branch;
    private DayChild server;
    private DayChild display;
    private DayChild boards;
    private SocatPair rs485;
    private final List<DayChild> printers = new ArrayList<>();
    private final Map<String, Integer> printedBy = new ConcurrentHashMap<>();
    private WanLink wan;
    private DayStaff staff;
    private final List<DayChild> kiosks = new ArrayList<>();
    private volatile boolean dayOver;
    private int serverPort;

    private DayBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
    }

    /** Plays a day (a full one, or the short one of {@code shortDay}) and reports; the exit status is 0 if it passed. */
    static int run(long seed, boolean shortDay, Path outDir) throws Exception {
        Path dir = Files.createTempDirectory("luot-day");
        Options options = shortDay ? Options.shortDay(seed, dir) : Options.full(seed, dir);
        Result result = play(options, System.out);
        BenchReport report = new BenchReport("day");
        result.figures().forEach(report::put);
        report.write(System.out, outDir);
        result.problems().stream().limit(20).forEach(p -> System.out.println("  PROBLEM " + p));
        System.out.println(result.passed() ? "the day passed every check" : result.problems().size() + " problem(s)");
        return result.passed() ? 0 : 1;
    }

    /** Plays one day in {@code options.dir()} and checks it. */
    static Result play(Options options, PrintStream out) throws Exception {
        return new DayBench(options, out).play();
    }

    private Result play() throws Exception {
        long t0 = System.nanoTime();
        Path dir = options.dir();
        Files.createDirectories(dir);
        serverPort = freePort();
        int hubPort = freePort();
        wan = new WanLink(serverPort);
        int[] printerPorts = {freePort(), freePort()};
        writeConfigs(dir, hubPort, printerPorts);
        branch = BranchConfig.load(dir.resolve("branch.toml"));
        // The city app's bookings take about 60 ms each (two SQLite commits): the clock starts early enough
        // that they are all made before the kiosks open, a moment from now so every process is up first.
        long bookingMinutes = Math.max(15, (long) (options.bookings() * 0.06 * options.rate() / 60) + 10);
        clock = new DayClock(DAY.atTime(7, 0).minusMinutes(bookingMinutes), System.currentTimeMillis() + 8_000,
                options.rate());
        out.printf("bench day: seed %d, %d bookings, %d walk-ins, clock x%.0f, in %s%n", options.seed(),
                options.bookings(), options.walkIns(), options.rate(), dir);
        out.println("  processes: " + PROCESSES);
        List<String> clockArgs = clock.args();
        server = new DayChild("server", DayServer.class.getName(), concat(List.of("--dir", dir.resolve("server").toString(),
                "--port", Integer.toString(serverPort), "--config", dir.resolve("server.toml").toString()), clockArgs),
                dir.resolve("server.log"));
        Files.createDirectories(dir.resolve("server"));
        server.start(Duration.ofSeconds(60));
        rs485 = SocatPair.start(dir.resolve("rs485-adapter"), dir.resolve("rs485-boards"));
        List<String> boardArgs = new ArrayList<>(List.of("--pty", rs485.peer().toString()));
        for (int c = 1; c <= COUNTERS; c++) {
            boardArgs.addAll(List.of("--board", c + ":" + boardProtocol(c)));
        }
        boards = new DayChild("boards", DayBoards.class.getName(), concat(boardArgs, clockArgs), dir.resolve("boards.log"));
        boards.start(Duration.ofSeconds(60));
        for (int k = 1; k <= 2; k++) {
            DayChild printer = new DayChild("printer-" + k, DayPrinter.class.getName(), List.of("--port",
                    Integer.toString(printerPorts[k - 1]), "--out", dir.resolve("printer-" + k).toString(), "--width", "576"),
                    dir.resolve("printer-" + k + ".log"));
            printer.start(Duration.ofSeconds(60));
            printers.add(printer);
        }
        display = new DayChild("display", DayDisplay.class.getName(), concat(List.of("--config",
                dir.resolve("display.toml").toString()), clockArgs), dir.resolve("display.log"));
        display.start(Duration.ofSeconds(60));
        staff = new DayStaff(hubPort);
        awaitHubKeys(hubPort);
        for (int k = 1; k <= 2; k++) {
            DayChild kiosk = new DayChild("kiosk-" + k, DayKiosk.class.getName(),
                    concat(List.of("--config", dir.resolve("kiosk-" + k + ".toml").toString()), clockArgs),
                    dir.resolve("kiosk-" + k + ".log"));
            kiosk.start(Duration.ofSeconds(60));
            kiosks.add(kiosk);
        }
        List<Booked> booked = book();
        out.printf("  %d bookings made through the booking API by %s%n", booked.size(), clock.now().toLocalTime());
        plan(booked);
        clock.sleepUntil(DAY.atTime(7, 0));

        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int kiosk = k;
            threads.add(start("line-" + (k + 1), () -> serveLine(kiosk)));
        }
        DayCounters counters = new DayCounters(DAY, branch, clock, display, staff, options.seed() + 1, this::comesBack,
                problems, faultLog, () -> dayOver);
        threads.add(start("counters", counters::run));
        threads.add(start("monitor", this::monitor));
        Thread faults = start("faults", this::faults);
        faults.join();
        clock.sleepUntil(DAY.atTime(17, 40));
        dayOver = true;
        for (Thread t : threads) {
            t.join(60_000);
        }
        out.printf("  the day is over at %s (%.0f s real); waiting for every device to converge%n",
                clock.now().toLocalTime(), (System.nanoTime() - t0) / 1e9);
        Map<String, Object> figures = check(counters);
        figures.put("seconds", (System.nanoTime() - t0) / 1e9);
        close();
        return new Result(figures, List.copyOf(problems));
    }

    // ---- the citizens ------------------------------------------------------------------------------

    private List<Booked> book() throws Exception {
        List<Booked> made = new ArrayList<>();
        List<TimeSlot> slots = branch.slots();
        for (int i = 0; made.size() < options.bookings() && i < options.bookings() * 2; i++) {
            boolean elder = random.nextInt(100) < 8;
            LocalDate birth = DAY.minusYears(elder ? 75 + random.nextInt(15) : 20 + random.nextInt(50))
                    .minusDays(1 + random.nextInt(300));
            // mornings are fuller than afternoons: 60 % of the bookings
            TimeSlot slot = slots.get(random.nextInt(100) < 20 ? random.nextInt(slots.size() / 2)
                    : random.nextInt(slots.size()));
            // The citizen signs in first (the demo identity provider stands in for VNeID): the birth date that
            // decides priority is the provider's, not the booking's.
            String who = json.writeValueAsString(Map.of("citizenId", String.format("0019%08d", i),
                    "fullName", "Công dân thử nghiệm " + i, "birthDate", birth.toString()));
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/v1/demo/credentials"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(who)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (signedIn.statusCode() != 201) {
                problems.add("no demo credential for citizen " + i + ": HTTP " + signedIn.statusCode());
                continue;
            }
            String credential = json.readTree(signedIn.body()).get("credential").asText();
            String body = json.writeValueAsString(Map.of("branchId", branch.id(),
                    "date", DAY.toString(), "slot", slot.start().toString(),
                    "field", FIELDS[random.nextInt(FIELDS.length)], "purpose", PURPOSES[random.nextInt(3)]));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/v1/bookings"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + credential)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                continue;
            }
            JsonNode b = json.readTree(r.body());
            String label = b.get("label").asText();
            String field = label.replaceAll("[^A-Z]", "");
            String key = DAY + "/" + field + "/" + b.get("number").asInt();
            Booked x = new Booked(b.get("id").asText(), key, label, slot, b.get("qr").asText(), credential);
            made.add(x);
            bookingsByKey.put(key, x);
        }
        return made;
    }

    /** Who comes when: early and late, never, cancelling inside or outside the hour; walk-ins in waves. */
    private void plan(List<Booked> booked) {
        List<Runnable> cancels = new ArrayList<>();
        for (Booked b : booked) {
            LocalDateTime start = DAY.atTime(b.slot().start());
            int roll = random.nextInt(100);
            int kiosk = random.nextInt(2);
            if (roll < 2) {
                scheduleCancel(b, start.minusMinutes(70 + random.nextInt(120)));
            } else if (roll < 4) {
                scheduleCancel(b, start.minusMinutes(5 + random.nextInt(50)));
            } else if (roll < 11) {
                continue; // never comes: the sweep cancels it for not coming on time
            } else if (roll < 16) {
                lines.get(kiosk).add(new Visit(DAY.atTime(b.slot().end()).plusMinutes(5 + random.nextInt(20)), kiosk, b,
                        null, null, null, 0));
            } else if (roll < 24) {
                lines.get(kiosk).add(new Visit(start.minusMinutes(40 + random.nextInt(30)), kiosk, b, null, null, null, 0));
            } else {
                lines.get(kiosk).add(new Visit(start.minusMinutes(random.nextInt(28)), kiosk, b, null, null, null, 0));
            }
        }
        List<TimeSlot> slots = branch.slots();
        for (int i = 0; i < options.walkIns(); i++) {
            TimeSlot slot = slots.get(random.nextInt(100) < 30 ? random.nextInt(slots.size() / 2)
                    : random.nextInt(slots.size()));
            LocalDateTime at = DAY.atTime(slot.start()).plusSeconds(random.nextInt(30 * 60));
            int kiosk = random.nextInt(2);
            String card = random.nextInt(100) < 5 ? citizenCard(i) : null;
            lines.get(kiosk).add(new Visit(at, kiosk, null, FIELDS[random.nextInt(FIELDS.length)],
                    PURPOSES[random.nextInt(3)], card, 0));
        }
    }

    /** A CCCD QR of an invented citizen aged 75 or more (numbers 0010450xxxxx, not real people). */
    private String citizenCard(int i) {
        int year = DAY.getYear() - 76 - random.nextInt(12);
        return String.format("0010450%05d||Công dân cao tuổi %d|0101%d|Nam|Hoàn Kiếm, Hà Nội|01012021", i, i, year);
    }

    private final PriorityBlockingQueue<Visit> cancelQueue = new PriorityBlockingQueue<>(16, Comparator.comparing(Visit::at));

    private void scheduleCancel(Booked b, LocalDateTime at) {
        cancelQueue.add(new Visit(at, -1, b, null, null, null, 0));
    }

    private void serveLine(int index) {
        PriorityBlockingQueue<Visit> line = lines.get(index);
        DayChild kiosk = kiosks.get(index);
        while (!dayOver) {
            try {
                if (index == 0) {
                    cancelDue();
                }
                Visit v = line.peek();
                if (v == null || v.at().isAfter(clock.now()) || !kiosk.alive()) {
                    Thread.sleep(20);
                    continue;
                }
                line.remove(v);
                visit(kiosk, line, v);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                problems.add(kiosk.name() + " line: " + e);
            }
        }
    }

    private void visit(DayChild kiosk, PriorityBlockingQueue<Visit> line, Visit v) {
        String command = v.booking() != null ? "SCAN " + v.booking().qr()
                : "WALKIN " + v.field() + " " + v.purpose() + (v.card() == null ? "" : " " + v.card());
        String answer;
        try {
            answer = kiosk.ask(command, ASK);
        } catch (IOException e) {
            // the kiosk died under the citizen's finger: no ticket was acknowledged; they try again
            unanswered.incrementAndGet();
            if (v.attempt() < 5) {
                line.add(v.later(Duration.ofMinutes(2)));
            }
            return;
        }
        String[] w = answer.split(" ");
        if (w[0].equals("OK")) {
            printedBy.put(w[2], v.kiosk());
        }
        if (w[0].equals("OK") || w[0].equals("FAULT")) {
            String kind = v.booking() != null ? "check-in " + v.booking().key() : "walk-in";
            if (v.booking() != null && !w[1].equals(v.booking().key())) {
                problems.add(kiosk.name() + " checked in " + v.booking().label() + " as " + w[1]);
            }
            String before = acknowledged.putIfAbsent(w[1], kind);
            if (before != null && !(v.booking() != null && before.equals(kind))) {
                duplicateAcks.incrementAndGet();
                problems.add("ticket " + w[1] + " acknowledged twice: " + before + " and " + kind);
            }
        } else if (w[0].equals("REFUSED")) {
            refusals.incrementAndGet();
            String why = w.length > 1 ? w[1] : "";
            refusalReasons.merge(why, 1, Integer::sum);
            if (v.booking() != null && why.contains("EARLY") && v.attempt() < 20) {
                line.add(v.later(Duration.ofMinutes(15)));
            } else if (v.booking() != null && (why.equals("TOO_LATE") || why.equals("NO_SHOW"))) {
                // too late for the booking: the citizen takes a walk-in number instead
                line.add(new Visit(clock.now().plusMinutes(1), v.kiosk(), null,
                        v.booking().label().replaceAll("[^A-Z]", ""), "SUBMIT", null, 0));
            } else if (why.startsWith("PRINTER") && v.attempt() < 10) {
                line.add(v.later(Duration.ofMinutes(5)));
            }
        } else {
            problems.add(kiosk.name() + ": " + answer);
        }
    }

    private void cancelDue() {
        Visit c = cancelQueue.peek();
        if (c == null || c.at().isAfter(clock.now())) {
            return;
        }
        cancelQueue.remove(c);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/v1/bookings/"
                    + c.booking().id())).header("Authorization", "Bearer " + c.booking().credential())
                    .timeout(Duration.ofSeconds(5)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                cancellations.incrementAndGet();
            }
        } catch (IOException e) {
            // the WAN is down: the app tries again in ten minutes
            if (c.attempt() < 30) {
                cancelQueue.add(c.later(Duration.ofMinutes(10)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Half the booked citizens called while away come back and scan again: a reactivation. */
    private void comesBack(String key) {
        Booked b = bookingsByKey.get(key);
        if (b != null && random.nextBoolean()) {
            int kiosk = random.nextInt(2);
            lines.get(kiosk).add(new Visit(clock.now().plusMinutes(10 + random.nextInt(20)), kiosk, b, null, null, null, 0));
        }
    }

    // ---- the faults ---------------------------------------------------------------------------------

    private void faults() {
        try {
            at(9, 10, "WAN down", this::wanDown);
            at(9, 25, "WAN up", this::wanUp);
            at(9, 40, "kiosk-1 SIGKILL", () -> kiosks.get(0).kill());
            at(9, 42, "kiosk-1 restarted", () -> kiosks.get(0).start(Duration.ofSeconds(60)));
            at(10, 0, "WAN down (2 hours)", this::wanDown);
            at(11, 0, "RS-485 adapter pulled", rs485::unplug);
            at(11, 5, "RS-485 adapter plugged back", rs485::replug);
            at(12, 0, "WAN up", this::wanUp);
            at(13, 20, "kiosk-1 printer out of paper", () -> printers.get(0).ask("PAPER OUT", ASK));
            at(13, 35, "kiosk-1 paper loaded", () -> printers.get(0).ask("PAPER IN", ASK));
            at(14, 30, "WAN down", this::wanDown);
            at(14, 45, "WAN up", this::wanUp);
            at(15, 10, "kiosk-2 SIGKILL", () -> kiosks.get(1).kill());
            at(15, 12, "kiosk-2 restarted", () -> kiosks.get(1).start(Duration.ofSeconds(60)));
            at(16, 0, "hub restarted", this::restartDisplay);
        } catch (Exception e) {
            problems.add("fault schedule: " + e);
        }
    }

    private interface Fault {
        void run() throws Exception;
    }

    private void at(int hour, int minute, String name, Fault fault) throws Exception {
        clock.sleepUntil(DAY.atTime(hour, minute));
        fault.run();
        faultLog.add(clock.now().toLocalTime().withNano(0) + " " + name);
        out.println("  " + clock.now().toLocalTime().withNano(0) + "  " + name);
    }

    private volatile long roundAtWanUp = -1;
    private volatile long wanUpNanos;

    private void wanDown() {
        wan.cut();
    }

    private void wanUp() throws IOException {
        roundAtWanUp = upstream().map(u -> u.round).orElse(0L);
        wanUpNanos = System.nanoTime();
        wan.restore();
    }

    /** An orderly restart of the display device (systemctl restart): its sessions and sockets go, its data stays. */
    private void restartDisplay() throws Exception {
        display.stop();
        display.start(Duration.ofSeconds(60));
    }

    private record Upstream(boolean online, int depth, long round) {
    }

    private Optional<Upstream> upstream() throws IOException {
        String[] w = display.ask("UPSTREAM", ASK).split(" ");
        return w.length < 3 ? Optional.empty()
                : Optional.of(new Upstream(w[0].equals("ONLINE"), Integer.parseInt(w[1]), Long.parseLong(w[2])));
    }

    /** Samples the hub's outbox and how long it takes to empty after each outage (real milliseconds). */
    private void monitor() {
        while (!dayOver) {
            try {
                upstream().ifPresent(s -> {
                    maxOutbox.accumulateAndGet(s.depth(), Math::max);
                    if (wanUpNanos != 0 && s.round() > roundAtWanUp && s.online() && s.depth() == 0) {
                        long ms = (System.nanoTime() - wanUpNanos) / 1_000_000;
                        reconvergeMs.accumulateAndGet(ms, Math::max);
                        wanUpNanos = 0;
                    }
                });
            } catch (IOException e) {
                // the display is restarting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---- the checks ---------------------------------------------------------------------------------

    private Map<String, Object> check(DayCounters counters) throws Exception {
        if (!wan.up()) {
            wan.restore();
        }
        for (DayChild k : kiosks) {
            if (!k.alive()) {
                k.start(Duration.ofSeconds(60));
            }
        }
        Map<String, String> digests = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long converged = System.nanoTime();
        while (true) {
            digests.put("server", server.ask("STATE", ASK));
            digests.put("hub", display.ask("STATE", ASK));
            for (DayChild k : kiosks) {
                digests.put(k.name(), k.ask("STATE", ASK));
            }
            if (digests.values().stream().distinct().count() == 1 || System.nanoTime() > deadline) {
                break;
            }
            display.ask("SYNC", ASK);
            Thread.sleep(500);
        }
        long convergeMs = (System.nanoTime() - converged) / 1_000_000;
        String reference = digests.get("server");
        int divergent = (int) digests.values().stream().filter(d -> !d.equals(reference)).count();
        if (divergent > 0) {
            problems.add("devices differ from the central server: " + digests);
            explainDivergence(digests, reference);
        }

        Map<String, String> central = DayChild.pairs(server.ask("STATUSES", ASK));
        int lost = 0;
        for (var e : acknowledged.entrySet()) {
            String status = central.get(e.getKey());
            if (status == null || status.equals("BOOKED") || status.equals("MOVED") || status.equals("NO_SHOW")
                    || status.equals("CANCELLED") || status.equals("FORFEITED")) {
                lost++;
                if (lost <= 5) {
                    problems.add("acknowledged " + e.getValue() + " " + e.getKey() + " is " + status + " at the centre");
                }
            }
        }
        String notifications = server.ask("NOTIFICATIONS", ASK);
        String[] n = notifications.split(" ", 7);
        int notificationProblems = n[0].equals("CHECKED") ? Integer.parseInt(n[3]) : -1;
        if (notificationProblems != 0) {
            problems.add("notifications: " + notifications);
        }
        Map<String, String> day = DayChild.pairs(display.ask("FIGURES " + DAY, ASK));
        List<String> leds = ledBoardsOutOfStep();
        int ledsOff = leds.size();
        if (ledsOff > 0) {
            problems.add("LED boards that do not show their counter's current number (counter:expected/shown): " + leds);
        }
        List<String> notPrinted = ticketsNotPrinted();
        if (!notPrinted.isEmpty()) {
            problems.add(notPrinted.size() + " ticket(s) acknowledged as printed are not among the printers' decoded "
                    + "tickets: " + notPrinted.subList(0, Math.min(5, notPrinted.size())));
        }
        if (lost > 0) {
            problems.add(lost + " acknowledged ticket(s) lost");
        }
        int inFold = Integer.parseInt(digests.get("hub").split(":")[0]);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("seed", options.seed());
        f.put("clock_rate", options.rate());
        f.put("bookings", bookingsByKey.size());
        f.put("tickets", acknowledged.size());
        f.put("tickets_in_fold", inFold);
        f.put("calls", Long.parseLong(day.get("calls")));
        f.put("served", Integer.parseInt(day.get("served")));
        f.put("button_presses", counters.buttonPresses());
        f.put("staff_page_actions", counters.staffPageActions());
        f.put("recalls", Long.parseLong(day.get("recalls")));
        f.put("ratings", Long.parseLong(day.get("ratings")));
        f.put("pauses", Long.parseLong(day.get("pauses")));
        f.put("no_show_presses", counters.noShowPresses());
        f.put("transfers", Long.parseLong(day.get("transfers")));
        f.put("moved_to_afternoon", counters.movedToAfternoon());
        f.put("cancellations", cancellations.get());
        f.put("kiosk_refusals", refusals.get());
        f.put("kiosk_refusal_reasons", new java.util.TreeMap<>(refusalReasons).toString());
        f.put("kiosk_answers_lost_to_kills", unanswered.get());
        f.put("max_outbox_depth", maxOutbox.get());
        f.put("reconverge_after_outage_ms", reconvergeMs.get());
        f.put("final_converge_ms", convergeMs);
        f.put("wait_p50_min", Double.parseDouble(day.get("wait_p50_min")));
        f.put("wait_p90_min", Double.parseDouble(day.get("wait_p90_min")));
        f.put("priority_wait_p50_min", Double.parseDouble(day.get("priority_wait_p50_min")));
        f.put("notification_problems", notificationProblems);
        f.put("lost_events", lost);
        f.put("duplicate_tickets", duplicateAcks.get());
        f.put("divergent_devices", divergent);
        f.put("led_boards_out_of_step", ledsOff);
        f.put("printed_tickets_missing", notPrinted.size());
        f.put("faults", String.join("; ", faultLog));
        f.put("processes", PROCESSES);
        f.put("not_simulated", NOT_SIMULATED);
        return f;
    }

    /**
     * Names the first tickets each divergent device holds differently from the centre, and what the hub's sync
     * boundary refused, so a divergence explains itself (the day's folder is gone after the test).
     */
    private void explainDivergence(Map<String, String> digests, String reference) throws IOException {
        java.util.Set<String> central = new java.util.LinkedHashSet<>(List.of(server.ask("TICKETS", ASK).split(" \\| ")));
        List<DayChild> devices = new ArrayList<>(List.of(display));
        devices.addAll(kiosks);
        for (DayChild d : devices) {
            String name = d == display ? "hub" : d.name();
            if (digests.get(name).equals(reference)) {
                continue;
            }
            List<String> own = List.of(d.ask("TICKETS", ASK).split(" \\| "));
            java.util.Set<String> ownSet = new java.util.HashSet<>(own);
            List<String> onlyHere = own.stream().filter(t -> !central.contains(t)).limit(3).toList();
            List<String> onlyCentral = central.stream().filter(t -> !ownSet.contains(t)).limit(3).toList();
            problems.add(name + " holds " + onlyHere + " where the centre holds " + onlyCentral);
        }
        problems.add("the hub's sync boundary: " + display.ask("REFUSALS", ASK));
    }

    /**
     * The LED boards that do not show what their counter is serving (after the adapter was pulled and the hub
     * restarted), as {@code counter:expected/shown}; the boards are given a moment to catch up.
     */
    private List<String> ledBoardsOutOfStep() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Map<String, String> serving = DayChild.pairs(display.ask("LABELS", ASK));
            Map<String, String> shown = DayChild.pairs(boards.ask("SHOWN", ASK));
            List<String> off = new ArrayList<>();
            for (int c = 1; c <= COUNTERS; c++) {
                String expected = serving.get(Integer.toString(c));
                String onBoard = java.net.URLDecoder.decode(shown.get(Integer.toString(c)), StandardCharsets.UTF_8);
                // a 7-segment Modbus board can only show the number's digits (HT-012 → 12)
                boolean same = boardProtocol(c).equals("modbus-led")
                        ? ModbusLedProtocol.numberIn(expected) == ModbusLedProtocol.numberIn(onBoard)
                        : expected.equals(onBoard);
                if (!expected.equals("-") && !same) {
                    off.add(c + ":" + expected + "/" + onBoard);
                }
            }
            if (off.isEmpty() || System.nanoTime() > deadline) {
                return off;
            }
            Thread.sleep(200);
        }
    }

    private static final java.util.regex.Pattern TICKET_LABEL = java.util.regex.Pattern.compile("\\b[A-Z]{2}-\\d{3}\\b");

    /** Every ticket a kiosk acknowledged as printed came out of its printer, decoded, with its number on it. */
    private List<String> ticketsNotPrinted() throws IOException {
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < printers.size(); k++) {
            String[] printed = printers.get(k).ask("PRINTED", ASK).split("\t");
            java.util.Set<String> labels = new java.util.HashSet<>();
            for (int i = 1; i < printed.length; i++) {
                java.util.regex.Matcher m = TICKET_LABEL.matcher(printed[i]);
                while (m.find()) {
                    labels.add(m.group());
                }
            }
            int kiosk = k;
            printedBy.entrySet().stream().filter(e -> e.getValue() == kiosk && !labels.contains(e.getKey()))
                    .forEach(e -> missing.add("kiosk-" + (kiosk + 1) + " " + e.getKey()));
        }
        return missing;
    }

    private void close() throws Exception {
        for (DayChild k : kiosks) {
            k.stop();
        }
        display.stop();
        boards.stop();
        for (DayChild p : printers) {
            p.stop();
        }
        rs485.close();
        server.stop();
        wan.close();
    }

    // ---- setup --------------------------------------------------------------------------------------

    private void awaitHubKeys(int hubPort) throws Exception {
        HttpRequest keys = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + "/v1/keys")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.send(keys, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the hub got no booking-code keys from the server within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + serverPort;
    }

    private static final int COUNTERS = 12;

    /** Every fourth board is a 7-segment Modbus one; the others speak the Lượt frame protocol. */
    private static String boardProtocol(int counter) {
        return counter % 4 == 0 ? "modbus-led" : "luot";
    }

    private void writeConfigs(Path dir, int hubPort, int[] printerPorts) throws Exception {
        StringBuilder counters = new StringBuilder();
        String[][] serves = {{"HT"}, {"HT"}, {"CT"}, {"CT"}, {"DD"}, {"DD", "XD"}, {"XD"}, {"KD"}, {"KD", "LD"},
                {"LD"}, {"HT", "CT"}, FIELDS};
        for (int i = 0; i < serves.length; i++) {
            counters.append("  { number = ").append(i + 1).append(", fields = [")
                    .append(String.join(", ", java.util.Arrays.stream(serves[i]).map(s -> "\"" + s + "\"").toList()))
                    .append("] },\n");
        }
        String branchKeys = """
                id = "hn-day"
                name = "Chi nhánh mô phỏng (bench day)"
                hours = ["08:00-12:00", "13:00-17:00"]
                slot_minutes = 30
                fields = [
                  { code = "HT", name_vi = "Hộ tịch", name_en = "Civil status" },
                  { code = "CT", name_vi = "Chứng thực", name_en = "Certification" },
                  { code = "DD", name_vi = "Đất đai", name_en = "Land" },
                  { code = "XD", name_vi = "Xây dựng", name_en = "Construction" },
                  { code = "KD", name_vi = "Đăng ký kinh doanh", name_en = "Business registration" },
                  { code = "LD", name_vi = "Lao động – Thương binh và Xã hội", name_en = "Labour and social affairs" },
                ]
                counters = [
                """ + counters + "]\n";
        Files.writeString(dir.resolve("branch.toml"), branchKeys, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("server.toml"), "port = " + serverPort + "\ncapacity_per_field = 40\n"
                + "booked_numbers_up_to = 499\ndevices = []\n\n[[branches]]\n" + branchKeys, StandardCharsets.UTF_8);
        String branchFile = dir.resolve("branch.toml").toString();
        for (int k = 1; k <= 2; k++) {
            String kiosk = resource("/demo-kiosk.toml")
                    .replace("device_id = \"kiosk-1\"", "device_id = \"kiosk-" + k + "\"")
                    .replace("data_dir = \"luot-data/kiosk-1\"", "data_dir = \"" + dir.resolve("kiosk-" + k) + "\"")
                    .replace("tickets_dir = \"luot-data/kiosk-1/tickets\"", "tickets_dir = \"" + dir.resolve("kiosk-" + k + "/tickets") + "\"")
                    .replace("walk_in_numbers = \"500-699\"", "walk_in_numbers = \"" + (k == 1 ? "500-699" : "700-899") + "\"")
                    .replace("idle_timeout_seconds = 30", "idle_timeout_seconds = 3600")
                    .replace("branch = \"demo\"", "branch = \"" + branchFile + "\"")
                    .replace("url = \"http://127.0.0.1:8090\"", "url = \"http://127.0.0.1:" + hubPort + "\"")
                    .replace("token = \"demo-kiosk-1\"", "token = \"" + (k == 1 ? DayServer.KIOSK1_TOKEN : DayServer.KIOSK2_TOKEN) + "\"")
                    .replace("simulated = true", "simulated = false")
                    .replace("transport = \"\"", "transport = \"tcp:127.0.0.1:" + printerPorts[k - 1] + "\"");
            Files.writeString(dir.resolve("kiosk-" + k + ".toml"), kiosk, StandardCharsets.UTF_8);
        }
        // Counters 1–10: NEXT and NO-SHOW on header GPIOs, RECALL on the MCP23017 at 0x20, the four rating keys
        // on 0x21–0x23 (polled: every header pin is taken). Counters 11 and 12 have no buttons. An expander has
        // 14 inputs, not 16 (GPA7 and GPB7 are output-only, Mcp23017.isInputPin): RECALL takes 0x20's pins
        // 0–6 and 8–10, the 40 rating keys fill 0x21 and 0x22 (14 each) and 12 pins of 0x23.
        List<Integer> inputs = java.util.stream.IntStream.range(0, 16).filter(Mcp23017::isInputPin).boxed().toList();
        StringBuilder pins = new StringBuilder();
        for (int c = 1; c <= DayCounters.LAST_COUNTER_WITH_BUTTONS; c++) {
            pins.append("gpio:").append(3 + c).append(' ').append(c).append(" NEXT\n");
            pins.append("gpio:").append(13 + c).append(' ').append(c).append(" NO_SHOW\n");
            pins.append("mcp:0x20:").append(inputs.get(c - 1)).append(' ').append(c).append(" RECALL\n");
            for (int k = 0; k < DayCounters.RATINGS.length; k++) {
                int key = (c - 1) * DayCounters.RATINGS.length + k;
                pins.append(String.format("mcp:0x%x:%d %d %s%n", 0x21 + key / inputs.size(),
                        inputs.get(key % inputs.size()), c, DayCounters.RATINGS[k]));
            }
        }
        StringBuilder staffPins = new StringBuilder("[staff]\nsupervisor_pin = \"" + PinHash.hash(DayStaff.pin(0))
                + "\"\n\n[staff.counter_pins]\n");
        for (int c = 1; c <= serves.length; c++) {
            staffPins.append('"').append(c).append("\" = \"").append(PinHash.hash(DayStaff.pin(c))).append("\"\n");
        }
        StringBuilder boards = new StringBuilder("board = [\n");
        for (int c = 1; c <= COUNTERS; c++) {
            boards.append("  { counter = ").append(c).append(", address = ").append(c).append(", protocol = \"")
                    .append(boardProtocol(c)).append("\" },\n");
        }
        boards.append("]\n");
        String display = resource("/demo-display.toml")
                .replace("data_dir = \"luot-data/display\"", "data_dir = \"" + dir.resolve("display") + "\"")
                .replace("wav_dir = \"luot-data/display/announcements\"", "wav_dir = \"" + dir.resolve("display/announcements") + "\"")
                .replace("branch = \"demo\"", "branch = \"" + branchFile + "\"")
                .replace("bind = \"0.0.0.0\"", "bind = \"127.0.0.1\"")
                .replaceFirst("simulated = true", "simulated = false")
                .replace("port = \"/dev/luot-rs485\"", "port = \"" + dir.resolve("rs485-adapter") + "\"")
                .replace("port = 8090", "port = " + hubPort)
                .replace("url = \"http://127.0.0.1:8080\"", "url = \"http://127.0.0.1:" + wan.port() + "\"")
                .replace("token = \"demo-hub\"", "token = \"" + DayServer.HUB_TOKEN + "\"")
                .replace("espeak = true", "espeak = false")
                .replaceAll("(?s)\"cc7770e6[0-9a-f]*\"", "\"" + sha256(DayServer.KIOSK1_TOKEN) + "\"")
                .replaceAll("(?s)\"d048ee78[0-9a-f]*\"", "\"" + sha256(DayServer.KIOSK2_TOKEN) + "\"")
                .replaceAll("(?s)board = \\[\\n.*?\\n\\]\\n", java.util.regex.Matcher.quoteReplacement(boards.toString()))
                .replaceAll("(?s)pin_map = \"\"\"\\n.*?\"\"\"", java.util.regex.Matcher.quoteReplacement("pin_map = \"\"\"\n" + pins + "\"\"\""))
                .replaceAll("(?s)\\[staff\\].*", java.util.regex.Matcher.quoteReplacement(staffPins.toString()));
        Files.writeString(dir.resolve("display.toml"), display, StandardCharsets.UTF_8);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String resource(String name) throws IOException {
        try (var in = DayBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return Collections.unmodifiableList(all);
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, "day-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
