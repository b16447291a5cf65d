package vn.luot.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.simulator.SimulatedBoards;

/**
 * A call made while the RS-485 adapter is out reaches the TV and the voice but not the LED board; when the
 * adapter is back, the display shows every counter's current number again. Found by the day bench.
 */
@RequiresTools(Tool.SOCAT)
class BoardResyncTest {

    @TempDir
    Path dir;

    @Test
    void afterTheAdapterComesBackEveryBoardShowsItsCountersCurrentNumber() throws Exception {
        Clock clock = BranchTime.startingAt(LocalDateTime.parse("2026-11-23T08:50"));
        try (Display display = Display.start(DisplayConfig.demoOnLoopback(dir, "", ""), clock)) {
            display.queue().checkIn(Fixtures.booking("HT", 5, "08:30-09:00", false));
            display.queue().checkIn(Fixtures.booking("HT", 6, "08:30-09:00", false));
            SimulatedBoards boards = display.simulatedBoards().orElseThrow();

            display.desk().next(1);
            await(() -> boards.board(1).map(b -> b.shown().equals("HT-005")).orElse(false));

            display.simulatedAdapter().orElseThrow().unplug();
            display.desk().next(1);
            assertThat(display.board().state().counter(1).serving()).as("the TV has it").isEqualTo("HT-006");
            assertThat(boards.board(1).map(SimulatedBoards.BoardView::shown)).as("the LED board missed it")
                    .contains("HT-005");

            display.simulatedAdapter().orElseThrow().replug();
            await(() -> boards.board(1).map(b -> b.shown().equals("HT-006")).orElse(false));
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
