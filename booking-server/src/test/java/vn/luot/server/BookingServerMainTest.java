package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;

/** {@code luot server}'s command line: usage errors exit 2 with a one-line message naming the option. */
class BookingServerMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        CommandRun run = CommandRun.of(new BookingServerMain(), "--demo", "--port");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("--port");
        assertThat(run.err()).contains("Usage: luot server");
    }

    @Test
    void anUnknownOptionIsNamed() {
        CommandRun run = CommandRun.of(new BookingServerMain(), "--colour");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("Unknown option: '--colour'");
    }

    @Test
    void aBadNumberOrTimeIsNamed() {
        assertThat(CommandRun.of(new BookingServerMain(), "--port", "80x").message()).contains("--port", "80x");
        assertThat(CommandRun.of(new BookingServerMain(), "--key-id", "one").message()).contains("--key-id");
        CommandRun now = CommandRun.of(new BookingServerMain(), "--now", "23/11/2026");
        assertThat(now.status()).isEqualTo(2);
        assertThat(now.message()).contains("--now", "23/11/2026");
    }

    @Test
    void helpListsEveryOptionTheUnitsAndReadmeUse() {
        CommandRun run = CommandRun.of(new BookingServerMain(), "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--config", "--db", "--key", "--key-id", "--previous-key", "--key-set-root",
                "--demo", "--now", "--port");
    }
}
