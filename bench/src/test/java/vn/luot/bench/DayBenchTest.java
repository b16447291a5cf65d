package vn.luot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CI version of {@code ./luot bench day}: the whole 08:00–17:00 with every fault, a tenth of the citizens. */
class DayBenchTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aShortBranchDayUnderFaultsLosesNoTicketAndEndsWithEveryDeviceAgreeing(@TempDir Path dir) throws Exception {
        DayBench.Result result = DayBench.play(DayBench.Options.shortDay(2026, dir), System.out);

        BenchReport report = new BenchReport("day-short");
        result.figures().forEach(report::put);
        report.write(System.out, Path.of("target", "bench"));
        assertThat(result.problems()).isEmpty();
        assertThat(result.figures())
                .containsEntry("lost_events", 0)
                .containsEntry("duplicate_tickets", 0)
                .containsEntry("divergent_devices", 0)
                .containsEntry("notification_problems", 0);
        assertThat((Integer) result.figures().get("tickets")).isGreaterThan(150);
        assertThat((Long) result.figures().get("calls")).isGreaterThan(100L);
    }
}
