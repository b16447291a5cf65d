package vn.luot.kiosk;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.core.config.ConfigException;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.store.StoreException;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.kiosk.ui.Headless;
import vn.luot.kiosk.ui.KeyboardWedge;
import vn.luot.kiosk.ui.KioskView;
import vn.luot.kiosk.ui.Orientation;
import vn.luot.kiosk.ui.Screenshots;

/**
 * {@code ./luot kiosk [--config FILE] [--now ISO] [--windowed] [--screenshots DIR]}. A plain main
 * (not an {@code Application} subclass) so JavaFX on the class path starts without a module path.
 */
@Command(name = "luot kiosk", sortOptions = false,
        description = "The check-in kiosk (demo config: simulated printer, keyboard/paste scanner).")
public final class KioskMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--config", paramLabel = "FILE", description = "kiosk config (TOML); default: the demo kiosk")
    Path configFile;

    @Option(names = "--now", paramLabel = "2026-11-23T08:40",
            description = "start the clock at this Ha Noi local time and let it run from there")
    LocalDateTime start;

    @Option(names = "--windowed", description = "a window instead of full screen")
    boolean windowed;

    @Option(names = "--screenshots", paramLabel = "DIR", description = "write every screen as PNG to DIR and exit")
    Path screenshots;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KioskMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (screenshots != null) {
            Headless.startToolkit();
            int n = Screenshots.writeAll(screenshots).size();
            out.println("wrote " + n + " screenshots to " + screenshots.toAbsolutePath());
            Platform.exit();
            return 0;
        }
        KioskConfig config;
        Kiosk kiosk;
        try {
            config = configFile == null ? KioskConfig.demo() : KioskConfig.load(configFile);
            Clock clock = start == null ? Clock.system(BranchTime.ZONE) : BranchTime.startingAt(start);
            kiosk = Kiosk.start(config, clock);
        } catch (ConfigException | StoreException e) {
            System.err.println("luot kiosk: " + e.getMessage());
            return 1;
        }
        boolean fullScreen = !windowed;
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            Orientation orientation = "landscape".equals(config.orientation()) ? Orientation.LANDSCAPE : Orientation.PORTRAIT;
            KioskView view = new KioskView(kiosk.flow(), orientation, true);
            Scene scene = new Scene(view.root(), orientation.width(), orientation.height());
            kiosk.flow().addListener(state -> Platform.runLater(() -> view.render(state)));
            if (kiosk.usesKeyboardScanner()) {
                new KeyboardWedge(scene, System::nanoTime, 80_000_000L, true).start(kiosk.flow()::scanned);
            }
            Stage stage = new Stage();
            stage.setTitle("Lượt — " + config.deviceId());
            stage.setScene(scene);
            stage.setFullScreen(fullScreen);
            stage.setFullScreenExitHint("");
            stage.setOnHidden(e -> closed.countDown());
            stage.show();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kiosk.close();
            closed.countDown();
        }, "kiosk-shutdown"));
        out.println("Lượt kiosk " + config.deviceId() + " running; upstream " + config.upstream().url()
                + (kiosk.virtualPrinter() != null ? "; tickets to " + Path.of(config.printer().ticketsDir()).toAbsolutePath() : ""));
        closed.await();
        kiosk.close();
        Platform.exit();
        return 0;
    }
}
