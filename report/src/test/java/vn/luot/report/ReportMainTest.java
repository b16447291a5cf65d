package vn.luot.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;

/** {@code luot report}'s command line: usage errors exit 2 with a one-line message naming the option. */
class ReportMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        CommandRun run = CommandRun.of(new ReportMain(), "--demo", "--out");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("--out");
        assertThat(run.err()).contains("Usage: luot report");
    }

    @Test
    void anUnknownOptionIsNamed() {
        CommandRun run = CommandRun.of(new ReportMain(), "--demo", "--out", "x", "--pdf");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("'--pdf'");
    }

    @Test
    void aBadDateOrSeedIsNamed() {
        assertThat(CommandRun.of(new ReportMain(), "--date", "23/11/2026", "--demo", "--out", "x").message())
                .contains("--date", "23/11/2026");
        assertThat(CommandRun.of(new ReportMain(), "--demo", "--seed", "s", "--out", "x").message()).contains("--seed");
    }

    @Test
    void theOutputAndASourceAreNeededAndTheDatabaseAndTheDemoExcludeEachOther() {
        assertThat(CommandRun.of(new ReportMain(), "--demo").message()).contains("--out");
        CommandRun noSource = CommandRun.of(new ReportMain(), "--out", "x");
        assertThat(noSource.status()).isEqualTo(2);
        assertThat(noSource.message()).contains("--db", "--demo");
        CommandRun both = CommandRun.of(new ReportMain(), "--out", "x", "--db", "q.db", "--demo");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.message()).contains("--db", "--demo");
    }
}
