package vn.luot.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.store.QueueStore;
import vn.luot.core.testing.Tool;
import vn.luot.printer.escpos.BundledFonts;

/** The report of a demo day: its files, its CSV, the page in a real browser, and the command's bad input. */
class DayReportTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @TempDir
    static Path shared;

    private static DayFigures figures;
    private static List<Path> files;

    @BeforeAll
    static void playAndReport() throws Exception {
        Path db = DemoDay.play(DemoBranch.create(), DAY, 7, shared.resolve("day.db"));
        try (QueueStore store = QueueStore.open(db)) {
            figures = DayFigures.of(DemoBranch.create(), DAY,
                    store.eventsOfDay(DAY).stream().map(QueueStore.StoredEvent::event).toList());
        }
        files = new DayReport(BundledFonts.load()).write(figures, shared.resolve("report"));
    }

    @Test
    void theSameSeedPlaysTheSameDay(@TempDir Path dir) {
        Path again = DemoDay.play(DemoBranch.create(), DAY, 7, dir.resolve("again.db"));
        try (QueueStore store = QueueStore.open(again)) {
            DayFigures replay = DayFigures.of(DemoBranch.create(), DAY,
                    store.eventsOfDay(DAY).stream().map(QueueStore.StoredEvent::event).toList());
            assertThat(replay.waitsByField()).isEqualTo(figures.waitsByField());
            assertThat(replay.outcomesByField()).isEqualTo(figures.outcomesByField());
        }
        assertThat(figures.totalTickets()).isGreaterThan(300);
        assertThat(figures.totalServed()).isGreaterThan(figures.totalTickets() * 8 / 10);
        assertThat(figures.priorityWaits().count()).isPositive();
        assertThat(figures.totalNoShows()).isPositive();
    }

    @Test
    void thePageTheChartsAndTheCsvAreWritten() throws Exception {
        assertThat(files.get(0).getFileName()).hasToString("index.html");
        String html = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertThat(html).contains("Báo cáo ngày 23/11/2026").contains("Thời gian chờ theo lĩnh vực")
                .contains("Chờ lâu nhất trong ngày").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script");
        for (String chart : List.of("tickets-per-hour", "waits-by-field", "service-by-counter", "outcomes-by-field",
                "ratings-by-counter")) {
            assertThat(html).contains("src=\"" + chart + ".png\"");
            BufferedImage image = ImageIO.read(files.get(0).resolveSibling(chart + ".png").toFile());
            assertThat(image.getWidth()).isEqualTo(DayCharts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(DayCharts.HEIGHT);
        }
        List<String> csv = Files.readAllLines(files.get(0).resolveSibling("figures-by-field.csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).startsWith("\uFEFFfield,name_vi,tickets,served");
        assertThat(csv).hasSize(1 + DemoBranch.create().fields().size());
        assertThat(csv.get(1)).startsWith("HT,\"Hộ tịch\"," + figures.outcomesByField().get("HT").tickets() + ",");
        assertThat(Files.readAllLines(files.get(0).resolveSibling("longest-waits.csv"))).hasSize(11);
    }

    @Test
    @Tag("slow")
    void theReportReadsWellInARealBrowser() throws Exception {
        Tool.CHROMIUM.require();
        Path chromium = Tool.CHROMIUM.path();
        Path shot = shared.resolve("report.png");
        Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1100,2400", "--screenshot=" + shot,
                files.get(0).toUri().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        BufferedImage page = ImageIO.read(shot.toFile());
        assertThat(page.getWidth()).isEqualTo(1100);
        // The charts drew: the field colours of the stacked bars fill a good part of the first screen.
        int fieldBlue = 0;
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                if ((page.getRGB(x, y) & 0xFFFFFF) == 0x1F4E79) {
                    fieldBlue++;
                }
            }
        }
        assertThat(fieldBlue).as("pixels of the charts' first colour in the browser's picture").isGreaterThan(5_000);
    }

    @Test
    void aMissingOrForeignDatabaseIsAClearErrorNotAnEmptyReport() throws Exception {
        assertThat(run("--db", shared.resolve("nope.db").toString(), "--out", shared.resolve("x").toString()))
                .contains("no queue database at");
        Path foreign = Files.writeString(shared.resolve("notes.db"), "not sqlite");
        assertThat(run("--db", foreign.toString(), "--out", shared.resolve("y").toString())).contains("notes.db");
        assertThat(run("--date", "23/11/2026", "--demo", "--out", shared.resolve("z").toString())).contains("Usage: luot report");
    }

    private static String run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ReportMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isNotZero();
        return output;
    }
}
