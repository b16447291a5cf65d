package vn.luot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import vn.luot.core.domain.BranchTime;
import vn.luot.kiosk.Kiosk;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.kiosk.flow.Screen;
import vn.luot.kiosk.ui.Headless;
import vn.luot.kiosk.ui.KioskView;
import vn.luot.kiosk.ui.Orientation;

/**
 * The kiosk process that {@link KioskBench} starts and times: the real composition root and view on
 * Monocle, printing over TCP to a virtual printer in the parent. Prints {@code READY} once the home
 * screen has been laid out, then scans each code, waits until the ticket screen is drawn, and prints
 * one {@code RESULT} line of JSON.
 */
@Command(name = "kiosk-bench-target", description = "The kiosk that KioskBench measures, in its own JVM.")
public final class KioskBenchTarget implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "the kiosk config")
    Path configFile;

    @Parameters(index = "1", paramLabel = "CODES", description = "a file of booking codes to scan, one a line")
    Path codesFile;

    @Parameters(index = "2", paramLabel = "RSS_AFTER", description = "after how many scans to report the memory")
    int rssAfter;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KioskBenchTarget()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        KioskConfig config = KioskConfig.load(configFile);
        List<String> codes = Files.readAllLines(codesFile, StandardCharsets.UTF_8);

        Headless.startToolkit();
        Kiosk kiosk = Kiosk.start(config, BranchTime.startingAt(LocalDateTime.parse("2026-11-23T08:40")));
        BlockingQueue<String> drawn = new LinkedBlockingQueue<>();
        CountDownLatch homeDrawn = new CountDownLatch(1);
        Platform.runLater(() -> {
            KioskView view = new KioskView(kiosk.flow(), Orientation.PORTRAIT, true);
            Scene scene = new Scene(view.root(), Orientation.PORTRAIT.width(), Orientation.PORTRAIT.height());
            kiosk.flow().addListener(state -> Platform.runLater(() -> {
                view.render(state);
                if (state.screen() instanceof Screen.TicketIssued issued) {
                    drawn.add(issued.ticket().label());
                } else if (state.screen() instanceof Screen.Refused || state.screen() instanceof Screen.PrinterFault) {
                    drawn.add("FAILED " + state.screen());
                }
            }));
            scene.addPostLayoutPulseListener(homeDrawn::countDown);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
        });
        homeDrawn.await();
        out.println("READY");

        double[] millis = new double[codes.size()];
        double rssAtMark = 0;
        for (int i = 0; i < codes.size(); i++) {
            String[] labelAndCode = codes.get(i).split("\t");
            drawn.clear();
            long start = System.nanoTime();
            kiosk.flow().scanned(labelAndCode[1]);
            // the screen is redrawn on other news too (sync status): wait for this ticket's own screen
            String label;
            do {
                label = drawn.poll(30, TimeUnit.SECONDS);
            } while (label != null && !label.equals(labelAndCode[0]) && !label.startsWith("FAILED"));
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (label == null || label.startsWith("FAILED")) {
                throw new IllegalStateException("scan " + i + " did not print " + labelAndCode[0] + ": " + label);
            }
            if (i + 1 == rssAfter) {
                rssAtMark = rssMb();
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scan_millis", millis);
        result.put("rss_mb_at_mark", rssAtMark);
        result.put("rss_mb_end", rssMb());
        result.put("tickets", kiosk.queue().tickets().size());
        out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        kiosk.close();
        Platform.exit();
        return 0;
    }

    /** Resident set size from the kernel: what the Pi's memory actually pays, heap or not. */
    static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
