package vn.luot.display.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.luot.display.testing.Golden.frame;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The built-in board profiles, byte-exact against frames built by pymodbus 3.0.0's encoder. */
class BoardProfileTest {

    private final ModbusLedProtocol dm36 = new ModbusLedProtocol(BoardProfile.DM36);
    private final ModbusLedProtocol dm56 = new ModbusLedProtocol(BoardProfile.DM56);

    @Test
    void aDm36BoardGetsTheWholeLabelAsOneAsciiCharacterPerRegisterWithFunction16() {
        assertThat(dm36.encode(1, new BoardCommand.Show("HT-012"))).isEqualTo(frame("dm36", "show-HT-012-addr1"));
        assertThat(dm36.encode(2, new BoardCommand.Clear())).isEqualTo(frame("dm36", "clear-addr2"));
        assertThat(dm36.encode(1, new BoardCommand.Ping())).isEqualTo(frame("dm36", "read-addr1"));
    }

    @Test
    void aFourDigitDm56BoardShowsTheNumberOfALabelItCannotFit() {
        assertThat(dm56.encode(3, new BoardCommand.Show("HT-012"))).isEqualTo(frame("dm36", "dm56-show-012-addr3"));
        assertThat(BoardProfile.DM56.shownFor("HT-012")).contains("012");
        assertThat(BoardProfile.DM36.shownFor("HT-012")).contains("HT-012");
        assertThat(BoardProfile.REGISTER0_4DIGIT.shownFor("HT-012")).contains("012");
        assertThat(BoardProfile.REGISTER0_4DIGIT.shownFor("HT-12345")).isEmpty();
        assertThat(BoardProfile.LUOT.shownFor("HT-012")).contains("HT-012");
    }

    @Test
    void anAcknowledgementIsAcceptedButOnlyTheReadBackProvesWhatTheBoardHolds() {
        byte[] write = frame("dm36", "show-HT-012-addr1");
        byte[] ack = frame("dm36", "ack-addr1");
        assertThat(dm36.parseAnswer(1, write, ack, ack.length)).isEqualTo(new Answer.Accepted(0));
        BoardCommand show = new BoardCommand.Show("HT-012");
        assertThat(dm36.readBack(1, show)).hasValueSatisfying(r -> assertThat(r).isEqualTo(frame("dm36", "read-addr1")));
        byte[] read = frame("dm36", "read-answer-HT-012");
        Answer answer = dm36.parseAnswer(1, frame("dm36", "read-addr1"), read, read.length);
        assertThat(answer).isInstanceOf(Answer.Read.class);
        assertThat(dm36.shows(show, (Answer.Read) answer)).isTrue();
        assertThat(dm36.shows(new BoardCommand.Show("HT-013"), (Answer.Read) answer)).isFalse();
    }

    @Test
    void theBoardSideReadsTheLabelBackOutOfTheRegisters() {
        byte[] write = frame("dm36", "show-HT-012-addr1");
        BoardProtocol.Decoded.Request r = (BoardProtocol.Decoded.Request) dm36.decodeRequest(write, write.length);
        assertThat(r.command()).isEqualTo(new BoardCommand.Show("HT-012"));
        assertThat(dm36.encodeAnswer(r, true, 0)).isEqualTo(frame("dm36", "ack-addr1"));
        assertThat(dm36.decodeRequest(write, 10)).isInstanceOf(BoardProtocol.Decoded.NeedMore.class);
    }

    @Test
    void bcdAndBinaryFormatsPutTheNumberInOneRegister() {
        BoardProfile bcd = new BoardProfile("bcd-4", BoardProfile.Kind.MODBUS, 0, BoardProfile.ValueFormat.BCD, 6, 4,
                false, false, -1, true, BoardProfile.Line.DEFAULT);
        assertThat(new ModbusLedProtocol(bcd).registersFor(new BoardCommand.Show("DD-208"))).containsExactly(0x0208);
        assertThat(new ModbusLedProtocol().registersFor(new BoardCommand.Show("DD-208"))).containsExactly(208);
    }

    @Test
    void aProfileThatCannotBeSpokenIsRefusedWithItsReason() {
        assertThatThrownBy(() -> new BoardProfile("x", BoardProfile.Kind.MODBUS, 0, BoardProfile.ValueFormat.ASCII_PER_DIGIT,
                6, 6, true, false, -1, true, BoardProfile.Line.DEFAULT)).hasMessageContaining("function 16");
        assertThatThrownBy(() -> new BoardProfile("x", BoardProfile.Kind.MODBUS, 0, BoardProfile.ValueFormat.BINARY,
                6, 4, true, false, -1, true, BoardProfile.Line.DEFAULT)).hasMessageContaining("letters");
        assertThatThrownBy(() -> new BoardProfile.Line(9600, 'X', 1)).hasMessageContaining("unusable");
        assertThat(BoardProfile.builtIn("nope")).isEqualTo(Optional.empty());
    }
}
