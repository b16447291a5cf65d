package vn.luot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;

/** {@code luot demo}'s command line: usage errors exit 2 with a one-line message naming the option. */
class DemoMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        CommandRun run = CommandRun.of(new DemoMain(), "--headless", "--dir");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("--dir");
        assertThat(run.err()).contains("Usage: luot demo");
    }

    @Test
    void anUnknownOptionIsNamed() {
        CommandRun run = CommandRun.of(new DemoMain(), "--fast");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("'--fast'");
    }

    @Test
    void aBadPortOrTimeIsNamed() {
        assertThat(CommandRun.of(new DemoMain(), "--port", "http").message()).contains("--port", "http");
        assertThat(CommandRun.of(new DemoMain(), "--now", "8:40").message()).contains("--now", "8:40");
    }
}
