package vn.luot.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.SyncClient;
import vn.luot.display.Display;
import vn.luot.display.buttons.ButtonAction;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.simulator.SimulatedBoards;
import vn.luot.display.tv.TvBoardModel;
import vn.luot.display.tv.TvBoardView;
import vn.luot.display.tv.TvScreenshots;
import vn.luot.display.voice.AudioSink;

/**
 * {@code ./luot bench display}: the display device on its simulated hardware (LED boards on a socat pty pair
 * at 9600 baud, Pi4J mock GPIO, the TV board rendered headless by Monocle), timing a NEXT press to the LED
 * board's last frame, to the TV board drawn, and to the voice starting; and a kiosk's check-in through the
 * hub to the TV board drawn. Prints the figures and writes target/bench/display.json.
 */
final class DisplayBench {

    private static final int PRESSES = 40;
    // The 40 presses above go over a pty at memory speed; DisplayWireBench measures 1,000 per bus at 9600 baud.
    /** Presses before the measured ones, so the JIT and the first layout pass are not in the figures. */
    private static final int WARM_UP = 5;
    private static final int CHECKINS = 20;

    private DisplayBench() {
    }

    private record Rendered(long at, TvBoardModel.State state) {
    }

    static void run(Path out) throws Exception {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Files.createTempDirectory("luot-bench-display");
        // A working Monday morning, ticking in real time: the latencies are real.
        LocalDate monday = LocalDate.of(2026, 11, 23);
        Clock clock = BranchTime.startingAt(LocalDateTime.of(monday, LocalTime.of(9, 0)));
        BlockingQueue<Long> voiceStarts = new LinkedBlockingQueue<>();
        AudioSink recorder = audio -> {
            voiceStarts.add(System.nanoTime());
            return AudioSink.PlayResult.WRITTEN;
        };
        TvScreenshots.startHeadlessToolkit();
        DisplayConfig config = DisplayWireBench.withoutRepeatGuard(
                DisplayConfig.demoOnLoopback(dir.resolve("display"), "", ""));
        BlockingQueue<Rendered> renders = new LinkedBlockingQueue<>();
        BenchReport report = new BenchReport("display");
        try (Display display = Display.start(config, clock, Optional.of(recorder));
             LocalQueue kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1")
                     .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(500, 699)).open()) {
            CompletableFuture<TvBoardView> made = new CompletableFuture<>();
            Platform.runLater(() -> {
                TvBoardView view = new TvBoardView(false);
                new Scene(view.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT);
                made.complete(view);
            });
            TvBoardView view = made.get(30, TimeUnit.SECONDS);
            // As DisplayMain wires it, plus a layout pass so "drawn" means laid out for the next pulse.
            display.board().addListener(s -> Platform.runLater(() -> {
                view.render(s);
                view.root().applyCss();
                view.root().layout();
                renders.add(new Rendered(System.nanoTime(), s));
            }));
            SimulatedBoards boards = display.simulatedBoards().orElseThrow();
            awaitListening(display);

            LocalQueue hub = display.queue();
            for (int i = 0; i < WARM_UP + PRESSES; i++) {
                hub.issueWalkIn("HT", Purpose.SUBMIT, false, null);
            }
            double[] toLed = new double[WARM_UP + PRESSES];
            double[] toBoard = new double[WARM_UP + PRESSES];
            double[] toVoice = new double[WARM_UP + PRESSES];
            for (int i = 0; i < WARM_UP + PRESSES; i++) {
                boards.frames().clear();
                renders.clear();
                voiceStarts.clear();
                String label = hub.waiting("HT").get(0).label();
                long t0 = System.nanoTime();
                if (!display.simulatedButtons().orElseThrow().press(1, ButtonAction.NEXT)) {
                    throw new IllegalStateException("the demo pin map has no NEXT button for counter 1");
                }
                toLed[i] = ms(t0, lastFrameOf(boards, 1));
                toBoard[i] = ms(t0, renderedWith(renders, s -> s.latest() != null && s.latest().label().equals(label)));
                Long voice = voiceStarts.poll(10, TimeUnit.SECONDS);
                if (voice == null) {
                    throw new IllegalStateException("no announcement within 10 s of press " + i);
                }
                toVoice[i] = ms(t0, voice);
                TimeUnit.MILLISECONDS.sleep(40); // past the 30 ms debounce: the next press is a new press
            }

            SyncClient push = SyncClient.builder().baseUrl(display.hub().url()).branchId(DemoBranch.ID)
                    .token("demo-kiosk-1").queue(kiosk).clock(clock).build();
            double[] checkinToBoard = new double[CHECKINS];
            for (int i = 0; i < CHECKINS; i++) {
                renders.clear();
                int expected = i + 1;
                long t0 = System.nanoTime();
                kiosk.issueWalkIn("DD", Purpose.SUBMIT, false, null);
                push.push();
                checkinToBoard[i] = ms(t0, renderedWith(renders, s -> waiting(s, "DD") == expected));
            }

            toLed = java.util.Arrays.copyOfRange(toLed, WARM_UP, toLed.length);
            toBoard = java.util.Arrays.copyOfRange(toBoard, WARM_UP, toBoard.length);
            toVoice = java.util.Arrays.copyOfRange(toVoice, WARM_UP, toVoice.length);
            report.put("presses", PRESSES);
            report.put("warm_up_presses_not_counted", WARM_UP);
            // A pty carries bytes at memory speed: on a real RS-485 line at 9600 baud add ~1 ms per byte.
            report.put("led_boards", "simulated on a socat pty pair (no baud-rate delay), Lượt frame protocol");
            report.put("press_to_led_p50_ms", BenchReport.percentile(toLed, 50));
            report.put("press_to_led_p99_ms", BenchReport.percentile(toLed, 99));
            report.put("press_to_board_p50_ms", BenchReport.percentile(toBoard, 50));
            report.put("press_to_board_p99_ms", BenchReport.percentile(toBoard, 99));
            report.put("press_to_voice_start_ms", BenchReport.percentile(toVoice, 50));
            report.put("press_to_voice_start_p99_ms", BenchReport.percentile(toVoice, 99));
            report.put("checkins", CHECKINS);
            report.put("checkin_to_board_ms", BenchReport.percentile(checkinToBoard, 50));
            report.put("checkin_to_board_p99_ms", BenchReport.percentile(checkinToBoard, 99));
        }
        try {
            console.println("press -> LED on a wire emulated at 9600 baud: " + DisplayWireBench.scenarios().size()
                    + " buses side by side, " + DisplayWireBench.PRESSES + " presses each ...");
            long[] gcBefore = gcCountAndMillis();
            List<DisplayWireBench.Result> wireResults = DisplayWireBench.runAll(dir.resolve("wire"));
            long[] gcAfter = gcCountAndMillis();
            // A pause stops all four buses at once: the maxima of the four figures then coincide.
            report.put("wire_9600_gc_pauses", gcAfter[0] - gcBefore[0]);
            report.put("wire_9600_gc_pause_total_ms", gcAfter[1] - gcBefore[1]);
            for (DisplayWireBench.Result r : wireResults) {
                String key = switch (r.scenario().name()) {
                    case "luot" -> "press_to_led_9600";
                    case "modbus" -> "press_to_led_modbus_9600";
                    case "luot_6_boards_refreshing" -> "press_to_led_9600_6_boards_refreshing";
                    default -> "press_to_led_modbus_9600_6_boards_refreshing";
                };
                report.put(key + "_p50_ms", BenchReport.percentile(r.pressToLedMs(), 50));
                report.put(key + "_p99_ms", BenchReport.percentile(r.pressToLedMs(), 99));
                report.put(key + "_max_ms", BenchReport.percentile(r.pressToLedMs(), 100));
                report.put(key + "_presses", r.pressToLedMs().length);
                report.put(key + "_bytes_on_wire", r.bytesCarried());
                report.put(key + "_presses_lost_and_repeated", r.lostPresses());
                report.put("inter_frame_silence_9600_ms", r.silenceMs());
            }
            try {
                // The figures depend on what else runs: 2 cores shared with other builds give a p99 several times the idle one.
                report.put("load_average_1_5_15_min", java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            } catch (java.io.IOException e) {
                report.put("load_average_1_5_15_min", "unknown");
            }
            report.put("wire_9600", "the real display program (Display.start, simulated buttons) -> socat pty pair -> "
                    + "PacedWire releasing each byte one character time (10 bits at 9600 baud) after the previous -> socat "
                    + "pty pair -> simulated boards; LED = the board decoded the Show frame of the new number; the four "
                    + "buses run side by side in one JVM on this machine's cores");
            report.write(console, out);
        } finally {
            Platform.exit();
        }
    }

    private static void awaitListening(Display display) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (display.busLog().stream().noneMatch(l -> l.startsWith("listening on"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the simulated LED boards did not open their pty within 10 s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** When the call's last frame (the blink after the number) reached the board at {@code address}. */
    private static long lastFrameOf(SimulatedBoards boards, int address) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            SimulatedBoards.Frame f = boards.nextFrame(1_000);
            if (f != null && f.address() == address && f.command() instanceof BoardCommand.Blink) {
                return System.nanoTime();
            }
        }
        throw new IllegalStateException("board " + address + " got no blink frame within 10 s");
    }

    private static long renderedWith(BlockingQueue<Rendered> renders, java.util.function.Predicate<TvBoardModel.State> p)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Rendered r = renders.poll(1, TimeUnit.SECONDS);
            if (r != null && p.test(r.state())) {
                return r.at();
            }
        }
        throw new IllegalStateException("the TV board did not show the change within 10 s");
    }

    private static int waiting(TvBoardModel.State s, String field) {
        return s.fields().stream().filter(f -> f.code().equals(field)).findFirst().orElseThrow().waiting();
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    /** Collections and their total time so far, every collector of this JVM. */
    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
