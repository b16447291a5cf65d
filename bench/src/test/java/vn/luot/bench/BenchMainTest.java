package vn.luot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;

/** bench's commands, and the processes of the day: usage errors exit 2 with a message naming the option. */
class BenchMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        CommandRun crash = CommandRun.of(new BenchMain(), "crash", "--kills");
        assertThat(crash.status()).isEqualTo(2);
        assertThat(crash.message()).contains("--kills");
        assertThat(CommandRun.of(new BenchMain(), "day", "--seed").message()).contains("--seed");
        CommandRun server = CommandRun.of(new DayServer(), "--dir", "d", "--config", "c", "--port", "1",
                "--start", "2026-11-23T08:00", "--anchor", "0", "--rate");
        assertThat(server.status()).isEqualTo(2);
        assertThat(server.message()).contains("--rate");
    }

    @Test
    void anUnknownOptionOrBenchmarkIsNamed() {
        CommandRun option = CommandRun.of(new BenchMain(), "day", "--long");
        assertThat(option.status()).isEqualTo(2);
        assertThat(option.message()).contains("'--long'");
        CommandRun name = CommandRun.of(new BenchMain(), "disk");
        assertThat(name.status()).isEqualTo(2);
        assertThat(name.message()).contains("'disk'");
        CommandRun none = CommandRun.of(new BenchMain());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("crash", "day", "printer");
        assertThat(CommandRun.of(new QueueWalkthrough(), "--fast").status()).isEqualTo(2);
    }

    @Test
    void aBadNumberIsNamed() {
        assertThat(CommandRun.of(new BenchMain(), "crash", "--kills", "many").message()).contains("--kills", "many");
        CommandRun printer = CommandRun.of(new DayPrinter(), "--out", "o", "--width", "576", "--port", "p");
        assertThat(printer.status()).isEqualTo(2);
        assertThat(printer.message()).contains("--port");
        CommandRun target = CommandRun.of(new KioskBenchTarget(), "kiosk.toml", "codes.txt", "ten");
        assertThat(target.status()).isEqualTo(2);
        assertThat(target.message()).contains("RSS_AFTER", "ten");
        assertThat(CommandRun.of(new PrinterBench(), "many").message()).contains("RUNS", "many");
    }

    @Test
    void theDaysProcessesNeedTheirClock() {
        CommandRun kiosk = CommandRun.of(new DayKiosk(), "--config", "kiosk.toml");
        assertThat(kiosk.status()).isEqualTo(2);
        assertThat(kiosk.message()).contains("--start", "--anchor", "--rate");
        assertThat(CommandRun.of(new DayDisplay(), "--start", "2026-11-23T08:00").message()).contains("--config");
        assertThat(CommandRun.of(new DayBoards(), "--pty", "p").message()).contains("--board");
    }
}
