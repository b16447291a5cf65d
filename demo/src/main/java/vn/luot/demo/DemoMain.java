package vn.luot.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.transform.Scale;
import javafx.stage.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.core.domain.BranchTime;
import vn.luot.display.simulator.VirtualBoardsWindow;
import vn.luot.display.tv.TvBoardView;
import vn.luot.display.tv.TvScreenshots;
import vn.luot.kiosk.ui.Headless;
import vn.luot.kiosk.ui.KeyboardWedge;
import vn.luot.kiosk.ui.KioskView;
import vn.luot.kiosk.ui.Orientation;
import vn.luot.kiosk.ui.Screenshots;

/**
 * {@code ./luot demo [--headless] [--script] [--dir DIR] [--port 8080] [--now 2026-11-23T08:40]}: the whole
 * branch on this machine (see {@link DemoBranchOffice}), in windows, or headless with board snapshots as PNG.
 * {@code --script} plays {@link MorningScript} and exits 0 only if every step behaved. Ctrl-C stops it all.
 */
@Command(name = "luot demo", sortOptions = false,
        description = {"The whole branch on this machine: booking server, display device with hub, LED boards, buttons"
                + " and voice, a kiosk with its printer, on simulated hardware.",
                "--script plays a checked morning and exits 0 only if every step behaved."})
public final class DemoMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--headless", description = "no windows: board snapshots as PNG instead")
    boolean headless;

    @Option(names = "--script", description = "play the checked morning and exit 0 only if every step behaved")
    boolean script;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "luot-data/demo",
            description = "where everything lands (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "the central server's port; the hub takes PORT+10 (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--now", paramLabel = "2026-11-23T08:40", defaultValue = "2026-11-23T08:40",
            description = "the demo clock's start, Ha Noi local time (default ${DEFAULT-VALUE})")
    LocalDateTime start;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean headless = this.headless;
        if (!headless && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            out.println("no screen found (DISPLAY is not set): running headless, board snapshots go to " + dir.resolve("snapshots"));
            headless = true;
        }
        if (headless) {
            Headless.startToolkit();
        } else {
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            Platform.setImplicitExit(false);
        }

        Clock clock = BranchTime.startingAt(start);
        DemoBranchOffice office;
        try {
            office = DemoBranchOffice.start(dir, clock, port);
        } catch (java.net.BindException e) {
            System.err.println("luot demo: port " + port + " or " + (port + 10) + " is taken (another demo or server?);"
                    + " stop it, or pick others with --port " + (port + 10000));
            return 1;
        } catch (IOException | IllegalStateException | vn.luot.core.config.ConfigException e) {
            System.err.println("luot demo: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            office.close();
        }, "demo-shutdown"));
        Screens screens = new Screens(office);
        boolean windows = !headless;
        Platform.runLater(() -> {
            try {
                screens.show(windows);
            } catch (LinkageError e) {
                // a JDK alone lacks the native text libraries JavaFX draws with: say so once, keep the branch running
                System.err.println("luot demo: cannot draw the TV and kiosk (" + e.getMessage().lines().findFirst()
                        .orElse("") + "); install libpangoft2-1.0-0 (./luot demo does when it may use apt-get). "
                        + "Everything else runs: the staff page, the waiting page, tickets and announcements.");
                screens.disable();
            }
        });
        tellWhereEverythingIs(out, office, headless);

        ScheduledExecutorService snapshots = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-snapshots");
            t.setDaemon(true);
            return t;
        });
        if (headless) {
            snapshots.scheduleWithFixedDelay(() -> screens.snapshot(office.dir().resolve("snapshots")), 2, 10, TimeUnit.SECONDS);
        }
        if (script) {
            out.println("\nplaying the scripted morning:");
            boolean ok = new MorningScript(office, out).play();
            screens.snapshot(office.dir().resolve("snapshots"));
            out.println("board snapshots: " + office.dir().resolve("snapshots").toAbsolutePath());
            return ok ? 0 : 1;
        }
        stop.await();
        return 0;
    }

    private static void tellWhereEverythingIs(PrintStream out, DemoBranchOffice office, boolean headless) {
        out.println();
        out.println("Lượt demo branch — " + office.display().board().state().branchName());
        out.println("  clock          " + BranchTime.now(office.clock()).withNano(0) + " (Hà Nội, demo day)");
        out.println("  central server " + office.serverUrl() + "/v1/branches");
        out.println("  fleet page     " + office.serverUrl() + "/fleet   (operator token " + vn.luot.server.BookingServerMain.DEMO_OPERATOR_TOKEN
                + "; every device's health, alerts first)");
        out.println("  staff page     " + office.hubUrl() + "/staff   (accounts: " + DemoStaff.describe() + ")");
        out.println("  waiting page   " + office.hubUrl() + "/t/");
        out.println("  tickets        " + office.ticketsDir().toAbsolutePath() + "  (.png, .txt, .bin)");
        out.println("  announcements  " + office.announcementsDir().toAbsolutePath() + "  (.wav)");
        out.println("  device configs " + office.dir().toAbsolutePath() + "/display.toml, kiosk.toml");
        office.display().simulatedBoards().ifPresent(sim -> out.println("  LED boards     " + (office.display()
                .simulatedAdapter().isPresent() ? "simulated on a socat pty pair " + sim.endpoint()
                : "simulated on " + sim.endpoint() + " (socat not found: loopback TCP instead of a pty pair, the same bytes)")));
        if (headless) {
            out.println("  snapshots      " + office.dir().resolve("snapshots").toAbsolutePath() + "  (TV board, kiosk, every 10 s)");
        } else {
            out.println("  to scan: click a code in the \"Mã QR mẫu\" window, or paste one into the kiosk (Ctrl+V);");
            out.println("  to call: press 1..9 in the LED boards window (Shift = recall, Ctrl = no-show), or use the staff page");
        }
        out.println("  stop with Ctrl-C");
    }

    /** The windows of the demo (or, headless, the same views drawn off screen for snapshots). */
    private static final class Screens {
        private final DemoBranchOffice office;
        private KioskView kioskView;
        private TvBoardView tvView;
        private VBox codes;

        private volatile boolean disabled;

        Screens(DemoBranchOffice office) {
            this.office = office;
        }

        void disable() {
            disabled = true;
        }

        void show(boolean windows) {
            kioskView = new KioskView(office.kiosk().flow(), Orientation.PORTRAIT, windows);
            office.kiosk().flow().addListener(s -> Platform.runLater(() -> kioskView.render(s)));
            tvView = new TvBoardView(windows);
            office.display().board().addListener(s -> Platform.runLater(() -> tvView.render(s)));
            tvView.render(office.display().board().refresh());
            if (!windows) {
                new Scene(kioskView.root(), Orientation.PORTRAIT.width(), Orientation.PORTRAIT.height());
                new Scene(tvView.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT);
                return;
            }
            Scene kioskScene = scaled(kioskView.root(), Orientation.PORTRAIT.width(), Orientation.PORTRAIT.height(), 0.42);
            new KeyboardWedge(kioskScene, System::nanoTime, 80_000_000L, true).start(office.kiosk().flow()::scanned);
            stage("Lượt — kiosk-1", kioskScene, 20, 20);
            stage("Lượt — TV phòng chờ / waiting-room TV", scaled(tvView.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT, 0.5), 500, 20);
            office.display().simulatedBoards().ifPresent(sim -> {
                VirtualBoardsWindow boards = new VirtualBoardsWindow(sim, office.display().boardAddresses(),
                        office.display()::busLog, office.display().simulatedButtons().orElse(null), office.clock());
                stage("Lượt — bảng LED mô phỏng / simulated LED boards", new Scene(boards.root(), 1000, 520), 500, 600);
            });
            codes = new VBox(6);
            codes.setPadding(new Insets(12));
            codes.getChildren().add(new Label("Bấm để quét mã / click to scan:"));
            // Reading the server's bookings and signing their codes stays off the FX thread; the list changes
            // when a ticket is issued (a code got used) and as slots pass.
            ScheduledExecutorService samples = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-sample-codes");
                t.setDaemon(true);
                return t;
            });
            samples.scheduleWithFixedDelay(this::loadCodes, 0, 1, TimeUnit.MINUTES);
            office.kiosk().flow().addListener(s -> {
                if (s.screen() instanceof vn.luot.kiosk.flow.Screen.TicketIssued) {
                    samples.execute(this::loadCodes);
                }
            });
            stage("Mã QR mẫu / sample codes", new Scene(codes, 360, 640), 1480, 20);
        }

        private record Sample(String caption, String code) {
        }

        private void loadCodes() {
            List<Sample> list = office.bookingsToScan(14).stream().map(b -> new Sample(
                    b.ticketId().label() + "   " + b.slot().start() + "–" + b.slot().end(), office.codeFor(b))).toList();
            Platform.runLater(() -> {
                codes.getChildren().setAll(new Label("Bấm để quét mã / click to scan:"));
                for (Sample sample : list) {
                    Button scan = new Button(sample.caption());
                    scan.setMaxWidth(Double.MAX_VALUE);
                    scan.setOnAction(e -> office.kiosk().flow().scanned(sample.code()));
                    codes.getChildren().add(scan);
                }
            });
        }

        private static Scene scaled(Parent root, int width, int height, double factor) {
            root.getTransforms().add(new Scale(factor, factor));
            return new Scene(new Group(root), width * factor, height * factor);
        }

        private static void stage(String title, Scene scene, double x, double y) {
            Stage stage = new Stage();
            stage.setTitle(title);
            stage.setScene(scene);
            stage.setX(x);
            stage.setY(y);
            stage.setOnCloseRequest(e -> System.exit(0));
            stage.show();
        }

        void snapshot(Path dir) {
            if (disabled) {
                return;
            }
            try {
                if (tvView != null) {
                    TvScreenshots.write(dir.resolve("tv-board.png"), tvView.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT);
                    Screenshots.write(dir.resolve("kiosk.png"), Orientation.PORTRAIT, office.kiosk().flow().state());
                }
            } catch (Exception e) {
                System.err.println("luot demo: snapshot failed: " + e.getMessage());
            }
        }
    }
}
