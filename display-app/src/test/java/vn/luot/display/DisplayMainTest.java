package vn.luot.display;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;
import vn.luot.display.simulator.SimulatedBoardsMain;
import vn.luot.display.voice.AnnounceMain;
import vn.luot.display.voice.ClipGenerator;

/** display-app's commands: usage errors exit 2 with a one-line message naming the option. */
class DisplayMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        CommandRun display = CommandRun.of(new DisplayMain(), "--windowed", "--config");
        assertThat(display.status()).isEqualTo(2);
        assertThat(display.message()).contains("--config");
        CommandRun announce = CommandRun.of(new AnnounceMain(), "--text", "HT-012");
        assertThat(announce.status()).isEqualTo(2);
        assertThat(announce.message()).contains("--text");
        CommandRun boards = CommandRun.of(new SimulatedBoardsMain(), "--pty", "/tmp/x", "--board");
        assertThat(boards.status()).isEqualTo(2);
        assertThat(boards.message()).contains("--board");
        CommandRun clips = CommandRun.of(new ClipGenerator());
        assertThat(clips.status()).isEqualTo(2);
        assertThat(clips.message()).contains("OUTPUT_FOLDER");
    }

    @Test
    void anUnknownOptionIsNamed() {
        CommandRun run = CommandRun.of(new DisplayMain(), "--kiosk");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("'--kiosk'");
        assertThat(CommandRun.of(new AnnounceMain(), "--text", "HT-012", "5", "--loud").message()).contains("'--loud'");
    }

    @Test
    void aBadValueIsNamed() {
        assertThat(CommandRun.of(new DisplayMain(), "--now", "tomorrow").message()).contains("--now", "tomorrow");
        CommandRun pin = CommandRun.of(new DisplayMain(), "--hash-pin", "12");
        assertThat(pin.status()).isEqualTo(2);
        assertThat(pin.message()).contains("--hash-pin");
        assertThat(CommandRun.of(new AnnounceMain(), "--text", "HT-012", "five").message()).contains("--text", "five");
        CommandRun repeat = CommandRun.of(new AnnounceMain(), "--text", "HT-012", "5", "--repeat", "4");
        assertThat(repeat.status()).isEqualTo(2);
        assertThat(repeat.message()).contains("--repeat");
        CommandRun board = CommandRun.of(new SimulatedBoardsMain(), "--pty", "/tmp/x", "--board", "1");
        assertThat(board.status()).isEqualTo(2);
        assertThat(board.message()).contains("--board", "ADDRESS:PROFILE");
    }
}
