package vn.luot.display.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.luot.display.testing.Golden.frame;

import org.junit.jupiter.api.Test;
import vn.luot.display.protocol.BoardProtocol.Decoded;

class ModbusLedProtocolTest {

    private final ModbusLedProtocol protocol = new ModbusLedProtocol();

    @Test
    void crcMatchesTheKnownModbusVector() {
        byte[] body = {0x01, 0x06, 0x00, 0x00, 0x00, 0x0C};
        assertThat(Crc16Modbus.of(body)).isEqualTo(0xCF89);
    }

    @Test
    void writesTheNumberOfALabelToRegisterZeroByteExact() {
        assertThat(protocol.encode(1, new BoardCommand.Show("HT-012"))).isEqualTo(frame("modbus-led", "show-12-addr1"));
        assertThat(protocol.encode(1, new BoardCommand.Show("12"))).isEqualTo(frame("modbus-led", "show-12-addr1"));
        assertThat(protocol.encode(2, new BoardCommand.Show("208"))).isEqualTo(frame("modbus-led", "show-208-addr2"));
        assertThat(protocol.encode(3, new BoardCommand.Show("9999"))).isEqualTo(frame("modbus-led", "show-9999-addr3"));
        assertThat(protocol.encode(1, new BoardCommand.Ping())).isEqualTo(frame("modbus-led", "ping-addr1"));
    }

    @Test
    void cannotBlinkOrDimA7SegmentBoard() {
        assertThat(protocol.supports(new BoardCommand.Blink(3))).isFalse();
        assertThat(protocol.supports(new BoardCommand.Clear())).isTrue();
        assertThat(protocol.supports(new BoardCommand.Brightness(3))).isFalse();
        assertThat(protocol.supports(new BoardCommand.Show("HT-"))).isFalse();
        assertThat(protocol.supports(new BoardCommand.Show("HT-012"))).isTrue();
    }

    @Test
    void acceptsTheEchoOfAWriteAndTheValueOfARead() {
        byte[] write = frame("modbus-led", "show-12-addr1");
        assertThat(protocol.parseAnswer(1, write, write, write.length)).isEqualTo(new Answer.Accepted(0));
        assertThat(protocol.parseAnswer(1, write, write, 5)).isInstanceOf(Answer.Incomplete.class);

        byte[] ping = frame("modbus-led", "ping-addr1");
        byte[] value = frame("modbus-led", "read-answer-12-addr1");
        assertThat(protocol.parseAnswer(1, ping, value, value.length)).isEqualTo(new Answer.Read(new int[] {12}));

        byte[] exception = frame("modbus-led", "exception-addr1-fn6-illegal-address");
        assertThat(protocol.parseAnswer(1, write, exception, exception.length)).isEqualTo(new Answer.Refused(2));
    }

    @Test
    void callsAWrongEchoGarbage() {
        byte[] write = frame("modbus-led", "show-12-addr1");
        byte[] other = frame("modbus-led", "show-208-addr2");
        assertThat(protocol.parseAnswer(1, write, other, other.length)).isInstanceOf(Answer.Garbage.class);
        byte[] badCrc = write.clone();
        badCrc[7] = 0;
        assertThat(protocol.parseAnswer(1, write, badCrc, badCrc.length)).isInstanceOf(Answer.Garbage.class);
    }

    @Test
    void theSimulatedBoardDecodesAndAnswersLikeTheRealOne() {
        byte[] write = frame("modbus-led", "show-12-addr1");
        Decoded.Request r = (Decoded.Request) protocol.decodeRequest(write, write.length);
        assertThat(r.command()).isEqualTo(new BoardCommand.Show("12"));
        assertThat(protocol.encodeAnswer(r, true, 0)).isEqualTo(write);
        assertThat(protocol.encodeAnswer(r, false, 2)).isEqualTo(frame("modbus-led", "exception-addr1-fn6-illegal-address"));

        byte[] ping = frame("modbus-led", "ping-addr1");
        Decoded.Request p = (Decoded.Request) protocol.decodeRequest(ping, ping.length);
        assertThat(p.command()).isEqualTo(new BoardCommand.Ping());
        assertThat(protocol.encodeAnswer(p, true, 12)).isEqualTo(frame("modbus-led", "read-answer-12-addr1"));
    }
}
