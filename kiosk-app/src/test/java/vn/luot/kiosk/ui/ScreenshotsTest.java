package vn.luot.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.kiosk.flow.Refusal;

@Tag("slow")
class ScreenshotsTest {

    @BeforeAll
    static void toolkit() throws Exception {
        // TestFX starts the toolkit in this JVM, so that the robot tests that follow find it as they expect
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void everyScreenIsRenderedInBothOrientationsAndBothLanguages(@TempDir Path dir) throws Exception {
        List<Path> files = Screenshots.writeAll(Path.of(System.getProperty("kiosk.screenshots", dir.toString())));
        int screens = ScreenCatalog.screens().size();
        assertThat(screens).isGreaterThan(Refusal.values().length);
        assertThat(files).hasSize(2 * 2 * 2 * (screens + 2));
        BufferedImage portrait = ImageIO.read(files.get(0).toFile());
        assertThat(portrait.getWidth()).isEqualTo(1080);
        assertThat(portrait.getHeight()).isEqualTo(1920);
        BufferedImage landscape = ImageIO.read(files.get(files.size() - 1).toFile());
        assertThat(landscape.getWidth()).isEqualTo(1920);
    }
}
