package vn.luot.display;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import vn.luot.core.config.ConfigException;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.store.StoreException;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.simulator.VirtualBoardsWindow;
import vn.luot.display.tv.TvBoardView;
import vn.luot.display.tv.TvScreenshots;
import vn.luot.display.web.PinHash;

/**
 * {@code ./luot display [--config FILE] [--now ISO] [--windowed] [--headless] [--screenshots DIR]
 * [--hash-pin PIN]}. A plain main (not an {@code Application} subclass) so JavaFX on the class path starts
 * without a module path.
 */
public final class DisplayMain {

    private DisplayMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path configFile = null;
        Path screenshots = null;
        boolean windowed = false;
        boolean headless = false;
        LocalDateTime start = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(value(args, ++i));
                case "--screenshots" -> screenshots = Path.of(value(args, ++i));
                case "--windowed" -> windowed = true;
                case "--headless" -> headless = true;
                case "--now" -> start = LocalDateTime.parse(value(args, ++i));
                case "--hash-pin" -> {
                    String pin = value(args, ++i);
                    try {
                        PinHash.checkShape(pin);
                    } catch (IllegalArgumentException e) {
                        fail(e.getMessage(), 2);
                    }
                    out.println(PinHash.hash(pin));
                    return;
                }
                case "-h", "--help" -> {
                    out.println("usage: luot display [--config FILE] [--now 2026-11-23T08:40] [--windowed | --headless]"
                            + " [--screenshots DIR] [--hash-pin PIN]");
                    return;
                }
                default -> fail("unknown option " + args[i], 2);
            }
        }
        if (screenshots != null) {
            TvScreenshots.startHeadlessToolkit();
            int n = TvScreenshots.writeSamples(screenshots).size();
            out.println("wrote " + n + " screenshots to " + screenshots.toAbsolutePath());
            Platform.exit();
            return;
        }
        DisplayConfig config;
        Display display;
        try {
            config = configFile == null ? DisplayConfig.demo() : DisplayConfig.load(configFile);
            Clock clock = start == null ? Clock.system(BranchTime.ZONE) : BranchTime.startingAt(start);
            display = Display.start(config, clock);
        } catch (ConfigException | StoreException | IllegalStateException e) {
            fail(e.getMessage(), 1);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            display.close();
            closed.countDown();
        }, "display-shutdown"));
        out.println("Lượt display " + config.deviceId() + " running: hub on port " + display.hub().port()
                + " (staff page /staff, waiting page /t/)"
                + (config.upstream() != null && config.upstream().url() != null && !config.upstream().url().isBlank()
                ? "; upstream " + config.upstream().url() : "; no upstream"));
        if (headless) {
            closed.await();
            return;
        }
        boolean fullScreen = !windowed;
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            TvBoardView view = new TvBoardView(true);
            display.board().addListener(s -> Platform.runLater(() -> view.render(s)));
            view.render(display.board().refresh());
            Stage tv = new Stage();
            tv.setTitle("Lượt — " + config.deviceId());
            tv.setScene(new Scene(view.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT));
            tv.setFullScreen(fullScreen);
            tv.setFullScreenExitHint("");
            tv.setOnHidden(e -> closed.countDown());
            tv.show();
            display.simulatedBoards().ifPresent(sim -> {
                VirtualBoardsWindow boards = new VirtualBoardsWindow(sim, display.boardAddresses(), display::busLog,
                        display.simulatedButtons().orElse(null), display.clock());
                Stage window = new Stage();
                window.setTitle("Lượt — bảng LED mô phỏng / simulated LED boards");
                window.setScene(new Scene(boards.root(), 1000, 520));
                window.show();
            });
        });
        closed.await();
        display.close();
        Platform.exit();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail("missing value after " + args[i - 1], 2);
        }
        return args[i];
    }

    private static void fail(String message, int status) {
        System.err.println("luot display: " + message);
        System.exit(status);
    }
}
