package vn.luot.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.store.NumberAllocation;

/**
 * Kills a device process with SIGKILL at random moments, at least 100 times (more through
 * {@code ./luot bench crash --kills N}), and checks that the database kept every promise.
 */
@Tag("slow")
class CrashDrillTest {

    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void aHundredKillsLoseNoAcknowledgedTicketAndSkipOrRepeatNoNumber(@TempDir Path dir) throws Exception {
        CrashDrill.Report report = new CrashDrill(dir.resolve("drill.db"), NumberAllocation.IN_TRANSACTION,
                20261123L, CLASS_PATH).run(100);

        assertThat(report.problems()).isEmpty();
        // More than one acknowledged ticket per kill on average: how many more depends on the machine's load.
        assertThat(report.acknowledged()).as("the workload did real work between kills").isGreaterThan(100);
        assertThat(report.tickets()).isGreaterThanOrEqualTo(report.acknowledged());
    }

    @Test
    void theDrillCatchesANumberAllocatedOutsideTheTicketsTransaction(@TempDir Path dir) throws Exception {
        CrashDrill.Report report = new CrashDrill(dir.resolve("control.db"),
                NumberAllocation.SEPARATE_COMMIT_FOR_CRASH_DRILL_ONLY, 7L, CLASS_PATH).run(30);

        assertThat(report.problems()).as("the negative control must fail, or the drill proves nothing")
                .anyMatch(p -> p.contains("skip"));
    }
}
