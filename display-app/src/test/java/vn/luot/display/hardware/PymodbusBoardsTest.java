package vn.luot.display.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.testing.Fixtures;
import vn.luot.display.Display;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.config.DisplayConfig;

/**
 * The real display program drives pymodbus 3.0.0 RTU slaves holding each built-in profile's register map, over
 * a wire emulated at 9600 baud; the assertions are on the registers pymodbus holds. pymodbus frames by the
 * 3.5-character silence, so these also prove the bus keeps it (before, it lost 45 of 74 requests on a mixed bus).
 */
class PymodbusBoardsTest {

    @TempDir
    Path dir;

    private static final int[] BLANK_4 = {' ', ' ', ' ', ' '};
    private static final int[] BLANK_6 = {' ', ' ', ' ', ' ', ' ', ' '};

    private static int[] ascii(String s) {
        return s.chars().toArray();
    }

    private static String boards(String port, String... entries) {
        return "[boards]\nsimulated = false\nport = \"" + port + "\"\nhealth_seconds = 5\nboard = [\n"
                + String.join(",\n", entries) + "\n]\n";
    }

    private Display start(PymodbusWire wire, String... entries) throws Exception {
        Clock clock = BranchTime.startingAt(LocalDateTime.parse("2026-11-23T08:50"));
        return Display.start(DisplayConfig.demoOnLoopbackWithBoards(dir.resolve("display"),
                boards(wire.adapter(), entries)), clock);
    }

    @Test
    void aRegister0BoardHoldsTheCalledNumberInRegister0AndIsClearedAtStart() throws Exception {
        try (PymodbusWire wire = new PymodbusWire(dir, Map.of(4, 5));
             Display display = start(wire, "{ counter = 4, address = 4, profile = \"modbus-led\" }")) {
            // At start the idle board is cleared (0), so a number left from before a power cut goes out.
            assertThat(wire.awaitRegisters(4, new int[] {0, 0, 0, 0, 0}, 10_000)).isTrue();
            display.queue().checkIn(Fixtures.booking("DD", 12, "08:30-09:00", false));
            display.desk().next(4);
            assertThat(wire.awaitRegisters(4, new int[] {12, 0, 0, 0, 0}, 10_000)).as("pymodbus holds 12 in register 0").isTrue();
            assertThat(display.counterBoards().get(4).status()).isEqualTo(BoardStatus.ONLINE);
        }
    }

    @Test
    void aDm36BoardHoldsTheWholeLabelAsAsciiInRegisters0To5() throws Exception {
        try (PymodbusWire wire = new PymodbusWire(dir, Map.of(1, 8));
             Display display = start(wire, "{ counter = 1, address = 1, profile = \"dm36\" }")) {
            assertThat(wire.awaitRegisters(1, BLANK_6, 10_000)).as("cleared at start").isTrue();
            display.queue().checkIn(Fixtures.booking("HT", 12, "08:30-09:00", false));
            display.desk().next(1);
            assertThat(wire.awaitRegisters(1, ascii("HT-012"), 10_000)).isTrue();
            assertThat(wire.registers(1)[6]).as("register 6 untouched").isZero();
            assertThat(display.counterBoards().get(1).status()).isEqualTo(BoardStatus.ONLINE);
        }
    }

    @Test
    void aMixedBusOfAllThreeModbusProfilesAnswersEveryRequest() throws Exception {
        try (PymodbusWire wire = new PymodbusWire(dir, Map.of(1, 8, 2, 8, 4, 5));
             Display display = start(wire, "{ counter = 1, address = 1, profile = \"dm36\" }",
                     "{ counter = 2, address = 2, profile = \"dm56\" }",
                     "{ counter = 4, address = 4, profile = \"modbus-led\" }")) {
            assertThat(wire.awaitRegisters(2, BLANK_4, 10_000)).isTrue();
            for (int i = 1; i <= 8; i++) {
                display.queue().checkIn(Fixtures.booking("HT", i, "08:30-09:00", false));
            }
            for (int i = 1; i <= 4; i++) {
                display.queue().checkIn(Fixtures.booking("DD", i, "08:30-09:00", false));
            }
            for (int round = 0; round < 4; round++) {
                display.desk().next(1);
                display.desk().next(2);
                display.desk().next(4);
            }
            // Counters 1 and 2 take HT in turn (HT-001, -002, ... -008), counter 4 DD-001 ... DD-004.
            assertThat(wire.awaitRegisters(1, ascii("HT-007"), 10_000)).isTrue();
            assertThat(wire.awaitRegisters(2, ascii(" 008"), 10_000)).as("a 4-digit DM56 shows the number").isTrue();
            assertThat(wire.awaitRegisters(4, new int[] {4}, 10_000)).isTrue();
            for (int counter : new int[] {1, 2, 4}) {
                assertThat(display.counterBoards().get(counter).status()).as("counter " + counter)
                        .isEqualTo(BoardStatus.ONLINE);
            }
        }
    }

    @Test
    void aDm36ProfileOnARegister0BoardIsCaughtByTheReadBack() throws Exception {
        // A register-0 board has 5 registers: the DM36's write of 0..5 is refused with exception 02.
        try (PymodbusWire wire = new PymodbusWire(dir, Map.of(1, 5));
             Display display = start(wire, "{ counter = 1, address = 1, profile = \"dm36\" }")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (display.counterBoards().get(1).status() != BoardStatus.WRONG_CONTENT && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            assertThat(display.counterBoards().get(1).status()).isEqualTo(BoardStatus.WRONG_CONTENT);
        }
    }
}
