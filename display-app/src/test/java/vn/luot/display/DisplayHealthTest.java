package vn.luot.display;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.health.Heartbeat;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.voice.AudioSink;

/** The display's boards and voice as its heartbeat reports them. */
class DisplayHealthTest {

    @Test
    void aBoardThatLeavesItsCounterWithoutANumberIsNotAnswering() {
        assertThat(DisplayHealth.board(BoardStatus.ONLINE)).isEqualTo(Heartbeat.BoardState.ONLINE);
        assertThat(DisplayHealth.board(BoardStatus.UNKNOWN)).isEqualTo(Heartbeat.BoardState.UNKNOWN);
        assertThat(DisplayHealth.board(BoardStatus.NOT_ANSWERING)).isEqualTo(Heartbeat.BoardState.NOT_ANSWERING);
        assertThat(DisplayHealth.board(BoardStatus.WRONG_CONTENT)).isEqualTo(Heartbeat.BoardState.NOT_ANSWERING);
        assertThat(DisplayHealth.board(BoardStatus.OFFLINE)).isEqualTo(Heartbeat.BoardState.NOT_ANSWERING);
    }

    @Test
    void aVoiceThatPlaysOrWritesIsReady() {
        assertThat(DisplayHealth.voice(AudioSink.PlayResult.PLAYED)).isEqualTo(Heartbeat.Voice.READY);
        assertThat(DisplayHealth.voice(AudioSink.PlayResult.WRITTEN)).isEqualTo(Heartbeat.Voice.READY);
        assertThat(DisplayHealth.voice(AudioSink.PlayResult.NO_DEVICE)).isEqualTo(Heartbeat.Voice.FAILING);
        assertThat(DisplayHealth.voice(AudioSink.PlayResult.FAILED)).isEqualTo(Heartbeat.Voice.FAILING);
    }
}
