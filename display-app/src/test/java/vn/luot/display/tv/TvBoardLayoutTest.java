package vn.luot.display.tv;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The TV board of a large branch laid out headless (Monocle) at 1920×1080: every counter's number and its
 * 4-digit ticket label whole (no ellipsis) and at least 60 px tall, paging through counters that do not fit,
 * the clock never clipped.
 */
class TvBoardLayoutTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    /** What a test measures of one laid-out page, collected on the JavaFX thread. */
    private record Measured(List<String> shownTexts, List<String> problems, String pageIndicator, Bounds clock,
                            Bounds callNumber, String callNumberText) {
    }

    @ParameterizedTest(name = "{0} counters")
    @ValueSource(ints = {8, 16, 30})
    void everyCounterAndItsFourDigitNumberIsWholeAndAtLeast60PxTallOnSomePage(int counters) throws Exception {
        int pages = TvBoardView.pages(counters);
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < pages; page++) {
            TvBoardModel.State state = TvScreenshots.crowded(counters, page * TvBoardView.PAGE_SECONDS);
            int shown = TvBoardView.pageAt(state, pages);
            Measured m = measure(state);
            assertThat(m.problems()).as("page %d of %d", shown + 1, pages).isEmpty();
            seen.addAll(m.shownTexts());
            assertThat(m.pageIndicator()).isEqualTo(pages == 1 ? "" : "Trang " + (shown + 1) + "/" + pages);
            assertThat(m.clock().getMinY()).as("the clock is on screen").isGreaterThanOrEqualTo(0);
            assertThat(m.clock().getMaxX()).isLessThanOrEqualTo(TvBoardView.WIDTH);
            assertThat(m.callNumberText()).isEqualTo("CTR-1234");
            assertThat(m.callNumber().getHeight()).isGreaterThanOrEqualTo(120);
        }
        TvBoardModel.State s = TvScreenshots.crowded(counters, 0);
        for (TvBoardModel.CounterRow row : s.counters()) {
            assertThat(seen).as("counter %d is shown on some page", row.counter()).contains(Integer.toString(row.counter()));
            if (!row.serving().isEmpty() && !row.paused()) {
                assertThat(seen).contains(row.serving());
            }
        }
        assertThat(pages).isEqualTo(counters <= TvBoardView.COUNTERS_PER_PAGE ? 1 : (counters + 9) / 10);
    }

    @Test
    void pagesAdvanceOnTheModelsClock() throws Exception {
        // 09:42:00 is second 34 920 of the day, 4365 pages of 8 s: page 4365 % 3 = 0
        assertThat(TvBoardView.pageAt(TvScreenshots.crowded(30, 0), 3)).isZero();
        assertThat(TvBoardView.pageAt(TvScreenshots.crowded(30, TvBoardView.PAGE_SECONDS - 1), 3)).isZero();
        assertThat(TvBoardView.pageAt(TvScreenshots.crowded(30, TvBoardView.PAGE_SECONDS), 3)).isEqualTo(1);
        assertThat(TvBoardView.pageAt(TvScreenshots.crowded(30, 2 * TvBoardView.PAGE_SECONDS), 3)).isEqualTo(2);
        assertThat(TvBoardView.pageAt(TvScreenshots.crowded(30, 3 * TvBoardView.PAGE_SECONDS), 3)).isZero();
        assertThat(TvBoardView.pageAt(TvScreenshots.crowded(8, 3 * TvBoardView.PAGE_SECONDS), 1)).isZero();
    }

    @Test
    void thirtyCountersRenderToAFullHdPicture() throws Exception {
        Path out = Path.of(System.getProperty("tv.screenshots", dir.toString()));
        for (int page = 0; page < 3; page++) {
            Path png = TvScreenshots.render(out.resolve("tv-30-counters-page-" + (page + 1) + ".png"),
                    TvScreenshots.crowded(30, page * TvBoardView.PAGE_SECONDS));
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(1920);
            assertThat(image.getHeight()).isEqualTo(1080);
        }
    }

    private static Measured measure(TvBoardModel.State state) throws Exception {
        return onFx(() -> {
            TvBoardView v = new TvBoardView(false);
            Scene scene = new Scene(v.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT);
            v.render(state);
            v.root().applyCss();
            v.root().layout();
            List<String> texts = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<Label> labels = new ArrayList<>(v.shownCounterLabels());
            labels.add(v.callNumberLabel());
            labels.add(v.clockLabel());
            for (Label l : labels) {
                texts.add(l.getText());
                Text drawn = (Text) l.lookup(".text");
                String drawnText = drawn == null ? "" : drawn.getText();
                if (!drawnText.equals(l.getText()) || drawnText.contains("…") || drawnText.contains("...")) {
                    problems.add("'" + l.getText() + "' is drawn as '" + drawnText + "'");
                }
                double needed = drawn == null ? 0 : drawn.getLayoutBounds().getWidth();
                if (l.getWidth() + 0.5 < needed) {
                    problems.add("'" + l.getText() + "' needs " + needed + " px, has " + l.getWidth());
                }
                boolean isNumber = l.getText().matches(".*\\d.*");
                if (isNumber && (drawn == null || drawn.getLayoutBounds().getHeight() < 60 || l.getFont().getSize() < 60)) {
                    problems.add("'" + l.getText() + "' is " + (drawn == null ? 0 : drawn.getLayoutBounds().getHeight())
                            + " px tall at " + l.getFont().getSize() + " px type");
                }
                Bounds b = l.localToScene(l.getLayoutBounds());
                if (l.isVisible() && (b.getMinX() < 0 || b.getMinY() < 0 || b.getMaxX() > TvBoardView.WIDTH
                        || b.getMaxY() > TvBoardView.HEIGHT)) {
                    problems.add("'" + l.getText() + "' is off the screen at " + b);
                }
                if (l != v.clockLabel() && l.getParent() != null) {
                    Bounds panel = v.countersPanel().localToScene(v.countersPanel().getLayoutBounds());
                    if (v.shownCounterLabels().contains(l) && (b.getMaxY() > panel.getMaxY() || b.getMaxX() > panel.getMaxX())) {
                        problems.add("'" + l.getText() + "' leaves the counters panel: " + b + " / " + panel);
                    }
                }
            }
            return new Measured(texts, problems, v.pageIndicatorLabel().getText(),
                    v.clockLabel().localToScene(v.clockLabel().getLayoutBounds()),
                    v.callNumberLabel().localToScene(v.callNumberLabel().getLayoutBounds()), v.callNumberLabel().getText());
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
