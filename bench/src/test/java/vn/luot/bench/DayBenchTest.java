package vn.luot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;

/**
 * The CI version of {@code ./luot bench day}: the whole 08:00–17:00 with every fault, a tenth of the citizens,
 * once with a fixed seed and once with a new one each run (printed; {@code ./luot bench day --short --seed N}
 * replays it).
 */
@RequiresTools(Tool.SOCAT)
@Tag("slow")
class DayBenchTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aShortBranchDayUnderFaultsLosesNoTicketAndEndsWithEveryDeviceAgreeing(@TempDir Path dir) throws Exception {
        playAndCheck(2026, dir, "day-short");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void soDoesADayWithARandomSeed(@TempDir Path dir) throws Exception {
        playAndCheck(System.nanoTime() % 1_000_000, dir, "day-short-random");
    }

    private static void playAndCheck(long seed, Path dir, String name) throws Exception {
        DayBench.Result result = DayBench.play(DayBench.Options.shortDay(seed, dir), System.out);

        BenchReport report = new BenchReport(name);
        result.figures().forEach(report::put);
        report.write(System.out, Path.of("target", "bench"));
        Map<String, Object> f = result.figures();
        String replay = "seed " + seed + ": ./luot bench day --short --seed " + seed;
        assertThat(result.problems()).as(replay).isEmpty();
        assertThat(f).as(replay)
                .containsEntry("lost_events", 0)
                .containsEntry("duplicate_tickets", 0)
                .containsEntry("divergent_devices", 0)
                .containsEntry("notification_problems", 0)
                .containsEntry("led_boards_out_of_step", 0)
                .containsEntry("printed_tickets_missing", 0);
        assertThat((Integer) f.get("tickets")).as(replay).isGreaterThan(150);
        assertThat((Long) f.get("calls")).as(replay).isGreaterThan(100L);
        // the staff did what the day asks of them, on buttons, keypads and the staff page
        assertThat((Long) f.get("recalls")).as(replay).isPositive();
        assertThat((Long) f.get("ratings")).as(replay).isPositive();
        assertThat((Long) f.get("pauses")).as(replay).isPositive();
        assertThat((Integer) f.get("staff_page_actions")).as(replay).isPositive();
    }
}
