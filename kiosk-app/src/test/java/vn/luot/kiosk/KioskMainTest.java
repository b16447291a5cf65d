package vn.luot.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;

/** {@code luot kiosk} and {@code luot printer-test}: usage errors exit 2 with a message naming the option. */
class KioskMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        for (Object command : new Object[] {new KioskMain(), new PrinterTestMain()}) {
            CommandRun run = CommandRun.of(command, "--config");
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.message()).contains("Missing required parameter for option '--config'");
        }
    }

    @Test
    void anUnknownOptionIsNamed() {
        CommandRun run = CommandRun.of(new KioskMain(), "--fullscreen");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("'--fullscreen'");
        assertThat(run.err()).contains("Usage: luot kiosk");
    }

    @Test
    void aBadTimeOrStrategyIsNamed() {
        assertThat(CommandRun.of(new KioskMain(), "--now", "08:40").message()).contains("--now", "08:40");
        CommandRun strategy = CommandRun.of(new PrinterTestMain(), "--vietnamese", "viqr");
        assertThat(strategy.status()).isEqualTo(2);
        assertThat(strategy.message()).contains("--vietnamese", "RASTER, TCVN3, CP1258", "viqr");
    }
}
