package vn.luot.display.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lượt's own LED board frame, specified in {@code hardware-docs/led-protocol.md}:
 * {@code STX addr cmd len payload[len] crcLo crcHi ETX}, CRC-16/MODBUS over {@code addr..payload}.
 * Framing is by length, with no byte stuffing: payloads are at most 8 bytes, and a receiver that loses
 * sync drops one byte and looks for the next STX, the CRC and the ETX telling it when it found a frame.
 */
public final class LuotFrameProtocol implements BoardProtocol {

    public static final int STX = 0x02;
    public static final int ETX = 0x03;

    public static final int CMD_SHOW = 0x10;
    public static final int CMD_BLINK = 0x11;
    public static final int CMD_CLEAR = 0x12;
    public static final int CMD_BRIGHTNESS = 0x13;
    public static final int CMD_PING = 0x14;
    public static final int ANS_ACK = 0x06;
    public static final int ANS_NAK = 0x15;

    public static final int NAK_UNKNOWN_COMMAND = 0x01;
    public static final int NAK_BAD_PAYLOAD = 0x02;

    public static final int MAX_PAYLOAD = 8;
    /** STX, addr, cmd, len, CRC (2), ETX. */
    public static final int OVERHEAD = 7;
    public static final int BROADCAST = 0;

    @Override
    public String name() {
        return "luot";
    }

    @Override
    public boolean supports(BoardCommand command) {
        return true;
    }

    @Override
    public boolean isBroadcast(int address) {
        return address == BROADCAST;
    }

    @Override
    public void encode(int address, BoardCommand command, OutputStream out) throws IOException {
        if (address < 0 || address > 247) {
            throw new IllegalArgumentException("a board address is 1..247, or 0 for all: " + address);
        }
        byte[] payload;
        int cmd;
        if (command instanceof BoardCommand.Show show) {
            cmd = CMD_SHOW;
            payload = show.ascii();
        } else if (command instanceof BoardCommand.Blink blink) {
            cmd = CMD_BLINK;
            payload = new byte[] {(byte) blink.seconds()};
        } else if (command instanceof BoardCommand.Clear) {
            cmd = CMD_CLEAR;
            payload = new byte[0];
        } else if (command instanceof BoardCommand.Brightness brightness) {
            cmd = CMD_BRIGHTNESS;
            payload = new byte[] {(byte) brightness.level()};
        } else {
            cmd = CMD_PING;
            payload = new byte[0];
        }
        out.write(frame(address, cmd, payload));
    }

    /** A whole frame with any command byte and payload (answers use it too). */
    public static byte[] frame(int address, int cmd, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload is at most " + MAX_PAYLOAD + " bytes: " + payload.length);
        }
        byte[] f = new byte[payload.length + OVERHEAD];
        f[0] = STX;
        f[1] = (byte) address;
        f[2] = (byte) cmd;
        f[3] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 4, payload.length);
        int crc = Crc16Modbus.of(f, 1, 3 + payload.length);
        f[4 + payload.length] = (byte) crc;
        f[5 + payload.length] = (byte) (crc >>> 8);
        f[6 + payload.length] = ETX;
        return f;
    }

    /** The frame at the start of {@code b}: {@code null} = need more bytes, {@code EMPTY} = not a frame here. */
    private static byte[] frameAt(byte[] b, int length) {
        if (length < 1) {
            return null;
        }
        if ((b[0] & 0xFF) != STX) {
            return EMPTY;
        }
        if (length < 4) {
            return null;
        }
        int len = b[3] & 0xFF;
        if (len > MAX_PAYLOAD) {
            return EMPTY;
        }
        int total = len + OVERHEAD;
        if (length < total) {
            return null;
        }
        if ((b[total - 1] & 0xFF) != ETX || !Crc16Modbus.matches(b, 1, 3 + len)) {
            return EMPTY;
        }
        return Arrays.copyOf(b, total);
    }

    private static final byte[] EMPTY = new byte[0];

    @Override
    public Answer parseAnswer(int address, byte[] request, byte[] received, int length) {
        if (length > 0 && (received[0] & 0xFF) != STX) {
            return new Answer.Garbage("answer does not start with STX: " + Hex.of(received, length));
        }
        byte[] f = frameAt(received, length);
        if (f == null) {
            return Answer.INCOMPLETE;
        }
        if (f.length == 0) {
            return new Answer.Garbage("not a valid frame (CRC, ETX or length): " + Hex.of(received, length));
        }
        if ((f[1] & 0xFF) != address) {
            return new Answer.Garbage("answer from address " + (f[1] & 0xFF) + ", asked " + address);
        }
        int cmd = f[2] & 0xFF;
        int status = f[3] == 1 ? f[4] & 0xFF : 0;
        if (cmd == ANS_ACK && f[3] == 1) {
            return new Answer.Accepted(status);
        }
        if (cmd == ANS_NAK && f[3] == 1) {
            return new Answer.Refused(status);
        }
        return new Answer.Garbage("not an ACK or NAK: " + Hex.of(f, f.length));
    }

    @Override
    public Decoded decodeRequest(byte[] buffer, int length) {
        byte[] f = frameAt(buffer, length);
        if (f == null) {
            return Decoded.NEED_MORE;
        }
        if (f.length == 0) {
            return Decoded.NOT_A_FRAME;
        }
        int address = f[1] & 0xFF;
        int cmd = f[2] & 0xFF;
        int len = f[3] & 0xFF;
        BoardCommand command = null;
        try {
            command = switch (cmd) {
                case CMD_SHOW -> new BoardCommand.Show(new String(f, 4, len, StandardCharsets.US_ASCII));
                case CMD_BLINK -> len == 1 ? new BoardCommand.Blink(f[4] & 0xFF) : null;
                case CMD_CLEAR -> len == 0 ? new BoardCommand.Clear() : null;
                case CMD_BRIGHTNESS -> len == 1 ? new BoardCommand.Brightness(f[4] & 0xFF) : null;
                case CMD_PING -> len == 0 ? new BoardCommand.Ping() : null;
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            command = null; // a well-framed request the board must refuse (e.g. brightness 16)
        }
        return new Decoded.Request(this, address, command, cmd, f);
    }

    @Override
    public byte[] encodeAnswer(Decoded.Request request, boolean accepted, int statusOrReason) {
        return frame(request.address(), accepted ? ANS_ACK : ANS_NAK, new byte[] {(byte) statusOrReason});
    }
}
