package vn.luot.display.tv;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.wait.WaitEstimate;
import vn.luot.core.wait.WaitWording;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.calls.CallDesk;
import vn.luot.display.voice.CallSentence;

/** The board's view model on a real queue (SQLite in a temp dir), drawn by the view under Monocle. */
class TvBoardTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private LocalQueue queue;
    private TvBoardModel model;
    private CallDesk desk;
    private final List<CallSentence> spoken = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        // TestFX starts the toolkit, so that robot tests running later in this JVM find it as they expect
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    private void open() {
        queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        model = new TvBoardModel(queue, clock, "Thông báo");
        desk = new CallDesk(queue, Map.of(), spoken::add, model::called);
        desk.addChangeListener(model::refresh);
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void aCallIsShownLargeAndBlinksForAFewSeconds() {
        open();
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        desk.next(1);

        TvBoardModel.State s = model.state();
        assertThat(s.latest().label()).isEqualTo("HT-500");
        assertThat(s.latest().counter()).isEqualTo(1);
        assertThat(s.blinking()).isTrue();
        assertThat(s.counter(1).serving()).isEqualTo("HT-500");
        assertThat(s.recent()).extracting(TvBoardModel.RecentCall::label).containsExactly("HT-500");

        clock.advance(Duration.ofSeconds(CallDesk.BLINK_SECONDS));
        assertThat(model.refresh().blinking()).as("still shown, no longer blinking").isFalse();
        assertThat(model.state().latest().label()).isEqualTo("HT-500");
    }

    @Test
    void eachFieldShowsItsWaitingCountAndTheBranchsEstimateFromItsOpenCounters() {
        open();
        for (int i = 0; i < 4; i++) {
            queue.issueWalkIn("CT", Purpose.SUBMIT, false, null);
        }
        // CT (6 min) is served by counters 2, 3 and 10, whose other fields have nobody waiting: 4.5 services / 3
        TvBoardModel.FieldRow ct = field(model.refresh(), "CT");
        assertThat(ct.waiting()).isEqualTo(4);
        assertThat(WaitWording.cell(ct.estimate(), WaitWording.VI)).isEqualTo("5–10 phút");
        assertThat(field(model.state(), "DD").estimate().verdict()).as("nobody waits").isEqualTo(WaitEstimate.Verdict.NEXT);

        desk.pause(3);
        desk.pause(10);
        TvBoardModel.State s = model.state();
        assertThat(WaitWording.cell(field(s, "CT").estimate(), WaitWording.VI)).as("one counter left open")
                .isEqualTo("20–35 phút");
        assertThat(s.counter(3).paused()).isTrue();
        desk.pause(2);
        assertThat(WaitWording.cell(field(model.refresh(), "CT").estimate(), WaitWording.VI)).isEqualTo("tạm nghỉ");
    }

    @Test
    void nextWithNobodyWaitingLeavesTheBoardAsItWasAndSaysSo() {
        open();
        LocalQueue.CounterResult result = desk.next(4);
        assertThat(result.outcome().name()).isEqualTo("NOBODY_WAITING");
        assertThat(model.refresh().latest()).isNull();
        assertThat(spoken).isEmpty();
    }

    @Test
    void acrossMidnightYesterdaysCallsLeaveTheBoard() {
        clock.set("2026-11-23T16:59:58");
        open();
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        desk.next(1);
        assertThat(model.state().counter(1).serving()).isEqualTo("HT-500");

        clock.set("2026-11-24T00:00:03");
        TvBoardModel.State s = model.refresh();
        assertThat(s.now().toLocalDate()).hasToString("2026-11-24");
        assertThat(s.latest()).isNull();
        assertThat(s.blinking()).isFalse();
        assertThat(s.counter(1).serving()).isEmpty();
        assertThat(s.recent()).isEmpty();
        assertThat(field(s, "HT").waiting()).isZero();
    }

    @Test
    void theViewDrawsTheStateAndASnapshotIsAFullHdPicture() throws Exception {
        open();
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("DD", Purpose.SUBMIT, true, null);
        CompletableFuture<TvBoardView> view = new CompletableFuture<>();
        Platform.runLater(() -> {
            TvBoardView v = new TvBoardView(false);
            model.addListener(s -> Platform.runLater(() -> v.render(s)));
            view.complete(v);
        });
        TvBoardView v = view.get(30, TimeUnit.SECONDS);
        desk.next(5);

        CompletableFuture<String[]> shown = new CompletableFuture<>();
        Platform.runLater(() -> shown.complete(new String[] {v.shownCallNumber(), v.shownCounter(4),
                Boolean.toString(v.isFlashing())}));
        assertThat(shown.get(30, TimeUnit.SECONDS)).containsExactly("DD-500", "DD-500", "true");

        Path out = Path.of(System.getProperty("tv.screenshots", dir.toString()));
        Path png = TvScreenshots.write(out.resolve("tv-live.png"), v.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1920);
        assertThat(image.getHeight()).isEqualTo(1080);
        assertThat(TvScreenshots.writeSamples(out)).hasSize(7);
    }

    private static TvBoardModel.FieldRow field(TvBoardModel.State s, String code) {
        return s.fields().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }
}
