package vn.luot.display.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * "LED-485" 7-segment boards speaking Modbus RTU: holding register 0x0000 holds the number shown
 * (0..9999). SHOW writes it with function 06 (the board echoes the request); PING reads it with
 * function 03. These boards have no blink, clear or brightness register, so those are unsupported.
 *
 * <p>Hand-written rather than j2mod: two functions, and byte-exact golden tests are simpler on our
 * own encoder than through a library's transport.
 */
public final class ModbusLedProtocol implements BoardProtocol {

    public static final int WRITE_SINGLE_REGISTER = 0x06;
    public static final int READ_HOLDING_REGISTERS = 0x03;
    public static final int VALUE_REGISTER = 0x0000;
    public static final int EXCEPTION_ILLEGAL_FUNCTION = 0x01;
    public static final int EXCEPTION_ILLEGAL_ADDRESS = 0x02;
    public static final int EXCEPTION_ILLEGAL_VALUE = 0x03;

    @Override
    public String name() {
        return "modbus-led";
    }

    @Override
    public boolean supports(BoardCommand command) {
        if (command instanceof BoardCommand.Show show) {
            return numberIn(show.text()) >= 0;
        }
        return command instanceof BoardCommand.Ping;
    }

    @Override
    public boolean isBroadcast(int address) {
        return address == 0;
    }

    /** The number a label shows on a 4-digit board: its trailing digits ({@code HT-012} → 12), or -1. */
    public static int numberIn(String text) {
        int end = text.length();
        int start = end;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return -1;
        }
        int value = Integer.parseInt(text.substring(start, end));
        return value <= 9999 ? value : -1;
    }

    @Override
    public void encode(int address, BoardCommand command, OutputStream out) throws IOException {
        if (address < 0 || address > 247) {
            throw new IllegalArgumentException("a Modbus address is 1..247, or 0 for all: " + address);
        }
        if (command instanceof BoardCommand.Show show) {
            int value = numberIn(show.text());
            if (value < 0) {
                throw new IllegalArgumentException("a 7-segment board shows a number 0..9999: " + show.text());
            }
            out.write(frame(address, WRITE_SINGLE_REGISTER, VALUE_REGISTER, value));
        } else if (command instanceof BoardCommand.Ping) {
            out.write(frame(address, READ_HOLDING_REGISTERS, VALUE_REGISTER, 1));
        } else {
            throw new IllegalArgumentException("LED-485 boards cannot " + command);
        }
    }

    /** {@code addr fn hi(a) lo(a) hi(b) lo(b) crcLo crcHi}: the shape of function 03 and 06 requests. */
    public static byte[] frame(int address, int function, int a, int b) {
        byte[] f = {(byte) address, (byte) function, (byte) (a >>> 8), (byte) a, (byte) (b >>> 8), (byte) b, 0, 0};
        int crc = Crc16Modbus.of(f, 0, 6);
        f[6] = (byte) crc;
        f[7] = (byte) (crc >>> 8);
        return f;
    }

    private static byte[] withCrc(byte... body) {
        byte[] f = java.util.Arrays.copyOf(body, body.length + 2);
        int crc = Crc16Modbus.of(body, 0, body.length);
        f[body.length] = (byte) crc;
        f[body.length + 1] = (byte) (crc >>> 8);
        return f;
    }

    @Override
    public Answer parseAnswer(int address, byte[] request, byte[] received, int length) {
        if (length >= 1 && (received[0] & 0xFF) != address) {
            return new Answer.Garbage("answer from address " + (received[0] & 0xFF) + ", asked " + address);
        }
        if (length < 2) {
            return Answer.INCOMPLETE;
        }
        int function = received[1] & 0xFF;
        int expected;
        if (function == ((request[1] & 0xFF) | 0x80)) {
            expected = 5;
        } else if (function != (request[1] & 0xFF)) {
            return new Answer.Garbage("answer to function " + function + ", asked " + (request[1] & 0xFF));
        } else if (function == READ_HOLDING_REGISTERS) {
            expected = 7;
        } else {
            expected = request.length;
        }
        if (length < expected) {
            return Answer.INCOMPLETE;
        }
        if (!Crc16Modbus.matches(received, 0, expected - 2)) {
            return new Answer.Garbage("bad CRC: " + Hex.of(received, length));
        }
        if (expected == 5) {
            return new Answer.Refused(received[2] & 0xFF);
        }
        if (function == WRITE_SINGLE_REGISTER && !java.util.Arrays.equals(request, 0, expected, received, 0, expected)) {
            return new Answer.Garbage("echo differs from request: " + Hex.of(received, length));
        }
        if (function == READ_HOLDING_REGISTERS && (received[2] & 0xFF) != 2) {
            return new Answer.Garbage("expected 2 data bytes: " + Hex.of(received, length));
        }
        return new Answer.Accepted(0);
    }

    @Override
    public Decoded decodeRequest(byte[] buffer, int length) {
        if (length < 2) {
            return Decoded.NEED_MORE;
        }
        int address = buffer[0] & 0xFF;
        int function = buffer[1] & 0xFF;
        if (address > 247 || (function != WRITE_SINGLE_REGISTER && function != READ_HOLDING_REGISTERS)) {
            return Decoded.NOT_A_FRAME;
        }
        if (length < 8) {
            return Decoded.NEED_MORE;
        }
        if (!Crc16Modbus.matches(buffer, 0, 6)) {
            return Decoded.NOT_A_FRAME;
        }
        byte[] f = java.util.Arrays.copyOf(buffer, 8);
        int register = ((f[2] & 0xFF) << 8) | (f[3] & 0xFF);
        int value = ((f[4] & 0xFF) << 8) | (f[5] & 0xFF);
        BoardCommand command = null;
        if (register == VALUE_REGISTER && function == WRITE_SINGLE_REGISTER && value <= 9999) {
            command = new BoardCommand.Show(Integer.toString(value));
        } else if (register == VALUE_REGISTER && function == READ_HOLDING_REGISTERS && value == 1) {
            command = new BoardCommand.Ping();
        }
        return new Decoded.Request(this, address, command, function, f);
    }

    /**
     * A board's answer: the echo of a write, the value for a read ({@code statusOrReason} is the value
     * shown), or exception {@code statusOrReason} when refused.
     */
    @Override
    public byte[] encodeAnswer(Decoded.Request request, boolean accepted, int statusOrReason) {
        byte[] f = request.frame();
        if (!accepted) {
            return withCrc(f[0], (byte) (f[1] | 0x80), (byte) statusOrReason);
        }
        if ((f[1] & 0xFF) == READ_HOLDING_REGISTERS) {
            return withCrc(f[0], f[1], (byte) 2, (byte) (statusOrReason >>> 8), (byte) statusOrReason);
        }
        return f.clone();
    }
}
