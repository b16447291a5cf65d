package vn.luot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Purpose;
import vn.luot.core.sim.SocatPair;
import vn.luot.display.Display;
import vn.luot.display.buttons.ButtonAction;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.simulator.PacedWire;
import vn.luot.display.simulator.SimulatedBoards;
import vn.luot.display.transport.SerialLine;
import vn.luot.display.voice.AudioSink;

/**
 * Press → LED on a wire emulated at 9600 baud ({@link PacedWire} between two socat pty pairs: bytes released at
 * the line rate), the real display program on one end and simulated boards on the other. Four buses, each its
 * own display (announcements from the recorded clips only: espeak-ng off), run side by side so the run stays short: the frame protocol and the register-0 Modbus profile,
 * each on an idle bus with its board, and on a 6-board bus where every board is being refreshed all the time
 * (the display's own refresh round, in a loop), where a call must go ahead of the refreshes waiting.
 */
final class DisplayWireBench {

    static final int PRESSES = 1_000;
    static final int WARM_UP = 10;
    /** The same button is pressed again only after the debounce (30 ms) and a margin. */
    private static final long SAME_BUTTON_NANOS = TimeUnit.MILLISECONDS.toNanos(45);
    /** The last answer of a call still travels to the display after the board sent it (at most ~8 bytes). */
    private static final long ANSWER_ON_WIRE_MILLIS = 10;

    private DisplayWireBench() {
    }

    record Scenario(String name, String profile, int boards, boolean refreshing) {
    }

    /** {@code lostPresses}: presses that reached no board within 2 s and were pressed again (not in the figures). */
    record Result(Scenario scenario, double[] pressToLedMs, long bytesCarried, double silenceMs, int lostPresses) {
    }

    static List<Scenario> scenarios() {
        return List.of(new Scenario("luot", "luot", 1, false), new Scenario("modbus", "modbus-led", 1, false),
                new Scenario("luot_6_boards_refreshing", "luot", 6, true),
                new Scenario("modbus_6_boards_refreshing", "modbus-led", 6, true));
    }

    static List<Result> runAll(Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(scenarios().size());
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Scenario s : scenarios()) {
                futures.add(pool.submit(() -> run(s, Files.createDirectories(dir.resolve(s.name())))));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                results.add(f.get(10, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Counters 1 (HT), 3 (CT) and 4 (DD) in turn: each serves one field, so every call shows its board a new
     * number (a digit-only board shows HT-512 and CT-512 alike), and each button waits two presses between its own.
     */
    private static int counterOf(int press) {
        return new int[] {1, 3, 4}[press % 3];
    }

    private static String boardsToml(String port, Scenario s) {
        StringBuilder b = new StringBuilder("[boards]\nsimulated = false\nport = \"" + port + "\"\nhealth_seconds = 3600\nboard = [\n");
        List<Integer> counters = s.boards() == 1 ? List.of(1, 3, 4) : List.of(1, 2, 3, 4, 5, 6);
        for (int c : counters) {
            b.append("  { counter = ").append(c).append(", address = ").append(c).append(", profile = \"")
                    .append(s.profile()).append("\" },\n");
        }
        return b.append("]\n").toString();
    }

    /**
     * The bench presses NEXT on a counter every few tens of milliseconds: faster than a clerk, so the guard
     * against a second press moments after a call (which would ignore all but the first) is off.
     */
    static DisplayConfig withoutRepeatGuard(DisplayConfig c) {
        DisplayConfig.Staff staff = c.staff();
        return new DisplayConfig(c.deviceId(), c.dataDir(), c.branch(), c.minutesPerCitizen(), c.ticker(), c.hub(),
                c.upstream(), c.boards(), c.buttons(), c.voice(),
                new DisplayConfig.Staff(staff.supervisorPin(), staff.counterPins(), 0));
    }

    static Result run(Scenario s, Path dir) throws Exception {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        Clock clock = BranchTime.startingAt(LocalDateTime.of(monday, LocalTime.of(9, 0)));
        SerialLine.Settings line = SerialLine.Settings.DEFAULT;
        try (SocatPair displaySide = SocatPair.start(dir.resolve("adapter"), dir.resolve("wire-a"));
             SocatPair boardSide = SocatPair.start(dir.resolve("wire-b"), dir.resolve("boards"));
             PacedWire wire = PacedWire.between(displaySide.peer().toString(), boardSide.device().toString(), line)) {
            SimulatedBoards.Builder sim = SimulatedBoards.builder(boardSide.peer().toString(), clock);
            for (int a = 1; a <= 6; a++) {
                sim.board(a, s.profile());
            }
            try (SimulatedBoards boards = sim.build().start();
                 Display display = Display.start(withoutRepeatGuard(DisplayConfig.demoOnLoopbackWithBoards(
                         dir.resolve("display"), boardsToml(displaySide.device().toString(), s))), clock,
                         Optional.of(audio -> AudioSink.PlayResult.WRITTEN))) {
                for (int i = 0; i < (WARM_UP + PRESSES) / 3 + 1; i++) {
                    for (String field : List.of("HT", "CT", "DD")) {
                        display.queue().issueWalkIn(field, Purpose.SUBMIT, false, null);
                    }
                }
                AtomicBoolean refreshing = new AtomicBoolean(s.refreshing());
                Thread refresher = new Thread(() -> {
                    while (refreshing.get()) {
                        display.desk().showCurrentOnBoards();
                    }
                }, "bench-refresh " + s.name());
                refresher.setDaemon(true);
                refresher.start();
                try {
                    int[] lost = new int[1];
                    double[] figures = presses(s, display, boards, lost);
                    return new Result(s, figures, wire.bytesCarried(),
                            display.boardBus().interFrameSilence().toNanos() / 1e6, lost[0]);
                } finally {
                    refreshing.set(false);
                    refresher.join(5_000);
                }
            }
        }
    }

    private static double[] presses(Scenario s, Display display, SimulatedBoards boards, int[] lost)
            throws InterruptedException {
        double[] toLed = new double[WARM_UP + PRESSES];
        long[] lastPress = new long[11];
        String[] shown = new String[11];
        for (int i = 0; i < WARM_UP + PRESSES; i++) {
            int counter = counterOf(i);
            long since = System.nanoTime() - lastPress[counter];
            if (since < SAME_BUTTON_NANOS) {
                TimeUnit.NANOSECONDS.sleep(SAME_BUTTON_NANOS - since);
            }
            boards.frames().clear();
            long t0 = System.nanoTime();
            lastPress[counter] = t0;
            if (!display.simulatedButtons().orElseThrow().press(counter, ButtonAction.NEXT)) {
                throw new IllegalStateException("the demo pin map has no NEXT button for counter " + counter);
            }
            long lit = -1;
            boolean done = false;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(2);
            while (!done) {
                SimulatedBoards.Frame f = boards.nextFrame(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (f == null && lit < 0) {
                    // The press never became a call (a starved button poll) or its frames were lost: press again.
                    if (++lost[0] > 20) {
                        throw new IllegalStateException(s.name() + ": more than 20 presses reached no LED board");
                    }
                    t0 = System.nanoTime();
                    lastPress[counter] = t0;
                    display.simulatedButtons().orElseThrow().press(counter, ButtonAction.NEXT);
                    deadline = t0 + TimeUnit.SECONDS.toNanos(2);
                    continue;
                }
                if (f == null) {
                    break; // lit, but the call's last exchange was not seen: go on
                }
                if (f.address() != counter) {
                    continue;
                }
                if (lit < 0 && f.command() instanceof BoardCommand.Show show && !show.text().equals(shown[counter])) {
                    lit = System.nanoTime();
                    shown[counter] = show.text();
                    // The call's last exchange: the blink (frame protocol), or the read-back (Modbus).
                } else if (lit >= 0 && (f.command() instanceof BoardCommand.Blink || f.command() instanceof BoardCommand.Ping)) {
                    done = true;
                }
            }
            toLed[i] = (lit - t0) / 1e6;
            TimeUnit.MILLISECONDS.sleep(ANSWER_ON_WIRE_MILLIS);
        }
        return java.util.Arrays.copyOfRange(toLed, WARM_UP, toLed.length);
    }
}
