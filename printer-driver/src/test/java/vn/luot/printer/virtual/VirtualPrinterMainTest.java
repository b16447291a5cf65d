package vn.luot.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;

/** {@code luot printer} and {@code luot bench printer}: usage errors exit 2 with a message naming the option. */
class VirtualPrinterMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        CommandRun run = CommandRun.of(new VirtualPrinterMain(), "--out", "tickets", "--port");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("--port");
        assertThat(CommandRun.of(new VirtualPrinterMain(), "--preview").message()).contains("--preview");
    }

    @Test
    void anUnknownOptionIsNamed() {
        CommandRun run = CommandRun.of(new VirtualPrinterMain(), "--baud", "9600");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("'--baud'");
        assertThat(run.err()).contains("Usage: luot printer");
    }

    @Test
    void aBadNumberIsNamed() {
        assertThat(CommandRun.of(new VirtualPrinterMain(), "--width", "wide").message()).contains("--width", "wide");
        CommandRun width = CommandRun.of(new VirtualPrinterMain(), "--width", "500");
        assertThat(width.status()).isEqualTo(2);
        assertThat(width.message()).contains("--width", "576, 512 or 384");
    }
}
