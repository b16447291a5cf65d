package vn.luot.display.tv;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javax.imageio.ImageIO;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.wait.QueueLoad;
import vn.luot.core.wait.WaitEstimator;

/** Still pictures of the TV board, headless (Monocle, software rendering): {@code display --screenshots DIR}. */
public final class TvScreenshots {

    private TvScreenshots() {
    }

    /** Starts the JavaFX toolkit without a display; does nothing if it already runs. */
    public static void startHeadlessToolkit() throws InterruptedException {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX toolkit did not start within 30 s");
        }
    }

    /** Renders {@code root} at width × height on the JavaFX thread and writes it as PNG. Call off that thread. */
    public static Path write(Path file, Parent root, int width, int height) throws Exception {
        CompletableFuture<BufferedImage> image = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Scene scene = root.getScene() != null ? root.getScene() : new Scene(root, width, height);
                image.complete(SwingFXUtils.fromFXImage(scene.snapshot(null), null));
            } catch (RuntimeException e) {
                image.completeExceptionally(e);
            }
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            ImageIO.write(image.get(30, TimeUnit.SECONDS), "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot write screenshot " + file, e);
        }
        return file;
    }

    /** The board in the states an installer wants to check: busy, a fresh call, first thing in the morning, offline. */
    public static List<Path> writeSamples(Path dir) throws Exception {
        List<Path> written = new ArrayList<>();
        written.add(render(dir.resolve("tv-busy.png"), busy(false, true)));
        written.add(render(dir.resolve("tv-new-call.png"), busy(true, true)));
        written.add(render(dir.resolve("tv-offline.png"), busy(false, false)));
        written.add(render(dir.resolve("tv-morning.png"), morning()));
        for (int counters : List.of(8, 16, 30)) {
            written.add(render(dir.resolve("tv-" + counters + "-counters.png"), crowded(counters, 0)));
        }
        return written;
    }

    static Path render(Path file, TvBoardModel.State state) throws Exception {
        CompletableFuture<Parent> root = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                TvBoardView view = new TvBoardView(false);
                view.render(state);
                root.complete(view.root());
            } catch (RuntimeException e) {
                root.completeExceptionally(e);
            }
        });
        return write(file, root.get(30, TimeUnit.SECONDS), TvBoardView.WIDTH, TvBoardView.HEIGHT);
    }

    static final String TICKER = "Quý khách vui lòng giữ phiếu và theo dõi số trên màn hình. "
            + "Quét mã QR trên phiếu để xem lượt của mình trên điện thoại.";

    private static TvBoardModel.State busy(boolean blinking, boolean online) {
        LocalDateTime now = LocalDateTime.of(2026, 11, 23, 9, 42, 5);
        String[] serving = {"HT-012", "CT-031", "CT-029", "", "DD-008", "XD-004", "KD-015", "CTR-021", "LD-502", "HT-011"};
        List<TvBoardModel.CounterRow> counters = new ArrayList<>();
        for (int i = 0; i < serving.length; i++) {
            counters.add(new TvBoardModel.CounterRow(i + 1, serving[i], i == 3));
        }
        List<TvBoardModel.RecentCall> recent = List.of(
                new TvBoardModel.RecentCall("HT-012", 1, LocalTime.of(9, 42)),
                new TvBoardModel.RecentCall("LD-502", 9, LocalTime.of(9, 40)),
                new TvBoardModel.RecentCall("CT-031", 2, LocalTime.of(9, 39)),
                new TvBoardModel.RecentCall("CTR-021", 8, LocalTime.of(9, 37)),
                new TvBoardModel.RecentCall("KD-015", 7, LocalTime.of(9, 35)),
                new TvBoardModel.RecentCall("HT-011", 10, LocalTime.of(9, 33)));
        int[] waiting = {7, 4, 0, 2, 11, 3, 1};
        List<ServiceField> demo = DemoBranch.fields();
        java.util.Map<String, Integer> lines = new java.util.HashMap<>();
        for (int i = 0; i < demo.size(); i++) {
            lines.put(demo.get(i).code(), waiting[i]);
        }
        // the board's own estimate of these lines, counter 4 paused as drawn
        QueueLoad load = new QueueLoad(lines, java.util.Set.of(4), List.of());
        List<TvBoardModel.FieldRow> fields = new ArrayList<>();
        for (int i = 0; i < demo.size(); i++) {
            fields.add(new TvBoardModel.FieldRow(demo.get(i).code(), demo.get(i).nameVi(), demo.get(i).nameEn(),
                    waiting[i], WaitEstimator.estimate(DemoBranch.create(), load, demo.get(i).code(), waiting[i], now)));
        }
        return new TvBoardModel.State(DemoBranch.create().name(), now,
                new TvBoardModel.LatestCall("HT-012", 1, Instant.parse("2026-11-23T02:42:03Z")), blinking, counters,
                recent, fields, TICKER, online, 1);
    }

    /**
     * A large branch: {@code counters} counters, every one serving a 4-digit number (CTR-1234 the widest), counter
     * 4 paused and 6 idle, at a moment {@code pageSeconds} into the minute (which picks the page shown).
     */
    static TvBoardModel.State crowded(int counters, int pageSeconds) {
        String[] codes = {"CTR", "HT", "CT", "DD", "XD", "KD", "LD"};
        List<TvBoardModel.CounterRow> rows = new ArrayList<>();
        for (int i = 1; i <= counters; i++) {
            String serving = i == 6 ? "" : codes[i % codes.length] + "-" + (1234 + 111 * (i - 1) % 8000);
            rows.add(new TvBoardModel.CounterRow(i, serving, i == 4));
        }
        String latest = "CTR-1234";
        rows.set(counters - 1, new TvBoardModel.CounterRow(counters, latest, false));
        TvBoardModel.State busy = busy(false, true);
        List<TvBoardModel.RecentCall> recent = List.of(
                new TvBoardModel.RecentCall(latest, counters, LocalTime.of(9, 42)),
                new TvBoardModel.RecentCall("LD-1502", 9, LocalTime.of(9, 40)),
                new TvBoardModel.RecentCall("HT-1031", 2, LocalTime.of(9, 39)),
                new TvBoardModel.RecentCall("CTR-1021", 8, LocalTime.of(9, 37)),
                new TvBoardModel.RecentCall("KD-1015", 7, LocalTime.of(9, 35)),
                new TvBoardModel.RecentCall("HT-1011", 10, LocalTime.of(9, 33)));
        return new TvBoardModel.State(busy.branchName(), LocalDateTime.of(2026, 11, 23, 9, 42, pageSeconds),
                new TvBoardModel.LatestCall(latest, counters, Instant.parse("2026-11-23T02:42:03Z")), false, rows,
                recent, busy.fields(), TICKER, true, 1);
    }

    private static TvBoardModel.State morning() {
        List<TvBoardModel.CounterRow> counters = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            counters.add(new TvBoardModel.CounterRow(i, "", false));
        }
        List<TvBoardModel.FieldRow> fields = DemoBranch.fields().stream()
                .map(f -> new TvBoardModel.FieldRow(f.code(), f.nameVi(), f.nameEn(), 0, WaitEstimator.estimate(
                        DemoBranch.create(), QueueLoad.EMPTY, f.code(), 0, LocalDateTime.of(2026, 11, 23, 7, 55))))
                .toList();
        return new TvBoardModel.State(DemoBranch.create().name(), LocalDateTime.of(2026, 11, 23, 7, 55), null, false,
                counters, List.of(), fields, TICKER, null, 1);
    }
}
