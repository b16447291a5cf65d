package vn.luot.kiosk;

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
public final class KioskMain {

    private KioskMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path configFile = null;
        Path screenshots = null;
        boolean windowed = false;
        LocalDateTime start = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(args[++i]);
                case "--screenshots" -> screenshots = Path.of(args[++i]);
                case "--windowed" -> windowed = true;
                case "--now" -> start = LocalDateTime.parse(args[++i]);
                case "-h", "--help" -> {
                    out.println("usage: luot kiosk [--config FILE] [--now 2026-11-23T08:40] [--windowed] [--screenshots DIR]");
                    return;
                }
                default -> {
                    System.err.println("luot kiosk: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (screenshots != null) {
            Headless.startToolkit();
            int n = Screenshots.writeAll(screenshots).size();
            out.println("wrote " + n + " screenshots to " + screenshots.toAbsolutePath());
            Platform.exit();
            return;
        }
        KioskConfig config;
        Kiosk kiosk;
        try {
            config = configFile == null ? KioskConfig.demo() : KioskConfig.load(configFile);
            Clock clock = start == null ? Clock.system(BranchTime.ZONE) : BranchTime.startingAt(start);
            kiosk = Kiosk.start(config, clock);
        } catch (ConfigException | StoreException e) {
            System.err.println("luot kiosk: " + e.getMessage());
            System.exit(1);
            return;
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
    }
}
