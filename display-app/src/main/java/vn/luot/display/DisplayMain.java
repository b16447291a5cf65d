package vn.luot.display;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
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
@Command(name = "luot display", sortOptions = false,
        description = "The display device: TV board, LED boards, call buttons, voice, branch hub (demo config:"
                + " simulated boards on socat ptys, mock GPIO, calls to WAV files).")
public final class DisplayMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--config", paramLabel = "FILE", description = "display config (TOML); default: the demo display")
    Path configFile;

    @Option(names = "--now", paramLabel = "2026-11-23T08:40",
            description = "start the clock at this Ha Noi local time and let it run from there")
    LocalDateTime start;

    @Option(names = "--windowed", description = "a window instead of full screen")
    boolean windowed;

    @Option(names = "--headless", description = "no TV window: boards, buttons, voice and hub only")
    boolean headless;

    @Option(names = "--screenshots", paramLabel = "DIR", description = "write the TV board's samples as PNG to DIR and exit")
    Path screenshots;

    @Option(names = "--hash-pin", paramLabel = "PIN", description = "print the hash of a staff PIN for display.toml and exit")
    String pin;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DisplayMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (pin != null) {
            try {
                PinHash.checkShape(pin);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--hash-pin: " + e.getMessage());
            }
            out.println(PinHash.hash(pin));
            return 0;
        }
        if (screenshots != null) {
            TvScreenshots.startHeadlessToolkit();
            int n = TvScreenshots.writeSamples(screenshots).size();
            out.println("wrote " + n + " screenshots to " + screenshots.toAbsolutePath());
            Platform.exit();
            return 0;
        }
        DisplayConfig config;
        Display display;
        try {
            config = configFile == null ? DisplayConfig.demo() : DisplayConfig.load(configFile);
            Clock clock = start == null ? Clock.system(BranchTime.ZONE) : BranchTime.startingAt(start);
            display = Display.start(config, clock);
        } catch (ConfigException | StoreException | IllegalStateException e) {
            System.err.println("luot display: " + e.getMessage());
            return 1;
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
            return 0;
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
        return 0;
    }
}
