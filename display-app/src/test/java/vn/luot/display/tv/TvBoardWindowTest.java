package vn.luot.display.tv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.display.Display;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.simulator.VirtualBoardsWindow;

/**
 * The display as staff and the waiting room see it, headless with TestFX: a key pressed in the simulated
 * boards window is counter 1's NEXT button (Pi4J mock), and the call reaches the TV board view and the LED
 * board over the counter (socat pty).
 */
@ExtendWith(ApplicationExtension.class)
@RequiresTools(Tool.SOCAT)
class TvBoardWindowTest {

    @TempDir
    Path dir;

    // a running clock: the buttons' debouncer measures real milliseconds between edges
    private final java.time.Clock clock = vn.luot.core.domain.BranchTime.startingAt(java.time.LocalDateTime.parse("2026-11-23T08:50"));
    private Display display;
    private TvBoardView tv;
    private VirtualBoardsWindow boards;

    @Start
    void start(Stage stage) throws Exception {
        display = Display.start(DisplayConfig.demoOnLoopback(dir, "", ""), clock);
        tv = new TvBoardView(false);
        display.board().addListener(s -> Platform.runLater(() -> tv.render(s)));
        tv.render(display.board().refresh());
        boards = new VirtualBoardsWindow(display.simulatedBoards().orElseThrow(),
                display.boardAddresses(), display::busLog, display.simulatedButtons().orElseThrow(), clock);
        stage.setScene(new Scene(boards.root(), 1000, 520));
        stage.show();
        // the TV is drawn in its own scene, off screen: the keyboard must go to the boards window
        new Scene(tv.root(), TvBoardView.WIDTH, TvBoardView.HEIGHT);
    }

    @AfterEach
    void stop() {
        display.close();
    }

    @Test
    void pressingOneInTheBoardsWindowCallsTheNextCitizenToCounterOneEverywhere(FxRobot robot) throws Exception {
        display.queue().checkIn(Fixtures.booking("HT", 5, "08:30-09:00", false));
        display.board().refresh();

        robot.clickOn(boards.root());
        robot.type(KeyCode.DIGIT1);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "HT-005".equals(tv.shownCallNumber()));
        assertThat(display.board().state().counter(1).serving()).isEqualTo("HT-005");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> display.simulatedBoards().orElseThrow().board(1)
                .map(b -> "HT-005".equals(b.shown())).orElse(false));
    }
}
