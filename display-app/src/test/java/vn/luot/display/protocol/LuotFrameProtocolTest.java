package vn.luot.display.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.luot.display.testing.Golden.frame;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vn.luot.display.protocol.BoardProtocol.Decoded;

class LuotFrameProtocolTest {

    private final LuotFrameProtocol protocol = new LuotFrameProtocol();

    @Test
    void encodesEveryCommandByteExactAsTheGoldenFrames() throws Exception {
        assertThat(protocol.encode(1, new BoardCommand.Show("HT-012"))).isEqualTo(frame("luot", "show-HT-012-addr1"));
        assertThat(protocol.encode(2, new BoardCommand.Show("012"))).isEqualTo(frame("luot", "show-012-addr2"));
        assertThat(protocol.encode(1, new BoardCommand.Blink(5))).isEqualTo(frame("luot", "blink-5s-addr1"));
        assertThat(protocol.encode(1, new BoardCommand.Clear())).isEqualTo(frame("luot", "clear-addr1"));
        assertThat(protocol.encode(1, new BoardCommand.Brightness(15))).isEqualTo(frame("luot", "brightness-15-addr1"));
        assertThat(protocol.encode(7, new BoardCommand.Ping())).isEqualTo(frame("luot", "ping-addr7"));
        assertThat(protocol.encode(0, new BoardCommand.Clear())).isEqualTo(frame("luot", "clear-broadcast"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        protocol.encode(1, new BoardCommand.Show("HT-012"), out);
        assertThat(out.toByteArray()).isEqualTo(frame("luot", "show-HT-012-addr1"));
    }

    @Test
    void decodesWhatItEncodesForTheSimulatedBoard() {
        byte[] f = frame("luot", "show-HT-012-addr1");
        Decoded d = protocol.decodeRequest(f, f.length);
        assertThat(d).isInstanceOfSatisfying(Decoded.Request.class, r -> {
            assertThat(r.address()).isEqualTo(1);
            assertThat(r.command()).isEqualTo(new BoardCommand.Show("HT-012"));
            assertThat(r.length()).isEqualTo(f.length);
        });
        byte[] blink = frame("luot", "blink-5s-addr1");
        assertThat(((Decoded.Request) protocol.decodeRequest(blink, blink.length)).command())
                .isEqualTo(new BoardCommand.Blink(5));
    }

    @Test
    void asksForMoreBytesUntilTheFrameIsWholeAndRejectsACorruptedOne() {
        byte[] f = frame("luot", "show-HT-012-addr1");
        for (int n = 1; n < f.length; n++) {
            assertThat(protocol.decodeRequest(f, n)).as("first %d bytes", n).isInstanceOf(Decoded.NeedMore.class);
        }
        byte[] corrupted = f.clone();
        corrupted[5] ^= 0x01;
        assertThat(protocol.decodeRequest(corrupted, corrupted.length)).isInstanceOf(Decoded.NotAFrame.class);
        byte[] noise = {0x55, 0x02};
        assertThat(protocol.decodeRequest(noise, noise.length)).isInstanceOf(Decoded.NotAFrame.class);
    }

    @Test
    void answersAckAndNakAsTheGoldenFramesAndParsesThem() {
        byte[] request = frame("luot", "show-HT-012-addr1");
        Decoded.Request r = (Decoded.Request) protocol.decodeRequest(request, request.length);
        byte[] ack = protocol.encodeAnswer(r, true, 0);
        assertThat(ack).isEqualTo(frame("luot", "ack-addr1-status0"));
        assertThat(protocol.encodeAnswer(r, false, LuotFrameProtocol.NAK_UNKNOWN_COMMAND))
                .isEqualTo(frame("luot", "nak-addr1-unknown-cmd"));

        assertThat(protocol.parseAnswer(1, request, ack, ack.length)).isEqualTo(new Answer.Accepted(0));
        assertThat(protocol.parseAnswer(1, request, ack, 3)).isInstanceOf(Answer.Incomplete.class);
        byte[] nak = frame("luot", "nak-addr1-unknown-cmd");
        assertThat(protocol.parseAnswer(1, request, nak, nak.length)).isEqualTo(new Answer.Refused(1));
    }

    @Test
    void callsAnAnswerFromAnotherAddressOrWithABadCrcGarbage() {
        byte[] request = frame("luot", "show-HT-012-addr1");
        byte[] ack = frame("luot", "ack-addr1-status0");
        assertThat(protocol.parseAnswer(2, request, ack, ack.length)).isInstanceOf(Answer.Garbage.class);
        byte[] bad = Arrays.copyOf(ack, ack.length);
        bad[4] = 1;
        assertThat(protocol.parseAnswer(1, request, bad, bad.length)).isInstanceOf(Answer.Garbage.class);
        byte[] noise = {(byte) 0xFF, 0x00};
        assertThat(protocol.parseAnswer(1, request, noise, noise.length)).isInstanceOf(Answer.Garbage.class);
    }

    @Test
    void refusesTextABoardCannotShow() {
        assertThatThrownBy(() -> new BoardCommand.Show("HT-0123456")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoardCommand.Show("Quầy")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoardCommand.Brightness(16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> protocol.encode(248, new BoardCommand.Ping())).isInstanceOf(IllegalArgumentException.class);
    }
}
