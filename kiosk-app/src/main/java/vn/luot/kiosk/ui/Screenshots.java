package vn.luot.kiosk.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import vn.luot.kiosk.flow.KioskActions;
import vn.luot.kiosk.flow.KioskState;
import vn.luot.kiosk.flow.Screen;

/**
 * {@code ./luot kiosk --screenshots DIR}: every screen, in both orientations, both languages and both text sizes,
 * as PNG files named {@code ORIENTATION-LANGUAGE[-large]-SCREEN.png}; the home screen also offline and with help
 * on its way. Needs a running JavaFX toolkit (headless is
 * fine: {@link Headless#startToolkit()}).
 */
public final class Screenshots {

    private Screenshots() {
    }

    public static List<Path> writeAll(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Orientation orientation : Orientation.values()) {
            for (KioskState.Language language : KioskState.Language.values()) {
                for (boolean large : new boolean[] {false, true}) {
                    String prefix = orientation.name().toLowerCase() + "-" + language.name().toLowerCase()
                            + (large ? "-large" : "") + "-";
                    for (Map.Entry<String, Screen> e : ScreenCatalog.screens().entrySet()) {
                        KioskState state = ScreenCatalog.state(e.getValue(), language, false).withLargeText(large);
                        written.add(write(dir.resolve(prefix + e.getKey() + ".png"), orientation, state));
                        if (e.getKey().equals("home")) {
                            written.add(write(dir.resolve(prefix + "home-offline.png"), orientation,
                                    ScreenCatalog.state(e.getValue(), language, true).withLargeText(large)));
                            written.add(write(dir.resolve(prefix + "home-help.png"), orientation,
                                    state.withHelp(KioskState.Help.COMING)));
                        }
                    }
                }
            }
        }
        return written;
    }

    public static Path write(Path file, Orientation orientation, KioskState state) throws Exception {
        CompletableFuture<BufferedImage> image = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                KioskView view = new KioskView(KioskActions.NONE, orientation, false);
                view.render(state);
                Scene scene = new Scene(view.root(), orientation.width(), orientation.height());
                WritableImage shot = scene.snapshot(null);
                image.complete(SwingFXUtils.fromFXImage(shot, null));
            } catch (RuntimeException e) {
                image.completeExceptionally(e);
            }
        });
        try {
            ImageIO.write(image.get(), "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot write screenshot " + file, e);
        }
        return file;
    }
}
