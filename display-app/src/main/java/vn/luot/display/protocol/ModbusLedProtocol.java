package vn.luot.display.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * LED boards speaking Modbus RTU, one {@link BoardProfile} at a time: SHOW writes what the board can show (the
 * label, or its number) to the profile's holding registers with function 06 or 16, CLEAR writes blanks (spaces,
 * or 0 where the register is a number), PING and the read-back read the same registers with function 03.
 * Modbus LED boards have no blink or brightness register that we know of, so those are unsupported.
 *
 * <p>An echo (06) or an acknowledgement (16) proves only that something at the address speaks Modbus: the
 * DM36 family echoes any write. {@link #readBack} and {@link #shows} prove what the board holds.
 *
 * <p>Hand-written rather than j2mod: four functions, and byte-exact golden tests are simpler on our own encoder
 * than through a library's transport. The board's side ({@link #decodeRequest}) frames any request of function
 * 03, 04, 06 or 16 (and other 8-byte requests), so a simulated board can answer an exception to what it lacks.
 */
public final class ModbusLedProtocol implements BoardProtocol {

    public static final int WRITE_SINGLE_REGISTER = BoardProfile.WRITE_SINGLE_REGISTER;
    public static final int WRITE_MULTIPLE_REGISTERS = BoardProfile.WRITE_MULTIPLE_REGISTERS;
    public static final int READ_HOLDING_REGISTERS = 0x03;
    public static final int READ_INPUT_REGISTERS = 0x04;
    public static final int VALUE_REGISTER = 0x0000;
    public static final int EXCEPTION_ILLEGAL_FUNCTION = 0x01;
    public static final int EXCEPTION_ILLEGAL_ADDRESS = 0x02;
    public static final int EXCEPTION_ILLEGAL_VALUE = 0x03;

    private final BoardProfile profile;

    /** The register-0 4-digit family ({@link BoardProfile#REGISTER0_4DIGIT}). */
    public ModbusLedProtocol() {
        this(BoardProfile.REGISTER0_4DIGIT);
    }

    public ModbusLedProtocol(BoardProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (profile.kind() != BoardProfile.Kind.MODBUS) {
            throw new IllegalArgumentException(profile.name() + " is not a Modbus profile");
        }
    }

    public BoardProfile profile() {
        return profile;
    }

    @Override
    public String name() {
        return profile.name();
    }

    @Override
    public boolean supports(BoardCommand command) {
        if (command instanceof BoardCommand.Show show) {
            return profile.shownFor(show.text()).isPresent();
        }
        return command instanceof BoardCommand.Ping || command instanceof BoardCommand.Clear;
    }

    @Override
    public boolean isBroadcast(int address) {
        return address == 0;
    }

    /** The number a label shows on a 4-digit board: its trailing digits ({@code HT-012} → 12), or -1. */
    public static int numberIn(String text) {
        return BoardProfile.REGISTER0_4DIGIT.shownFor(text).map(Integer::parseInt).orElse(-1);
    }

    /** The register values {@code command} writes (SHOW, CLEAR), starting at the profile's first register. */
    public int[] registersFor(BoardCommand command) {
        String shown;
        if (command instanceof BoardCommand.Show show) {
            shown = profile.shownFor(show.text()).orElseThrow(() -> new IllegalArgumentException(
                    profile.name() + " boards cannot show '" + show.text() + "' (" + profile.digits() + " digits"
                            + (profile.letters() ? "" : ", no letters") + ")"));
        } else if (command instanceof BoardCommand.Clear) {
            shown = "";
        } else {
            throw new IllegalArgumentException(profile.name() + " boards cannot " + command);
        }
        return switch (profile.format()) {
            case BINARY -> new int[] {shown.isEmpty() ? 0 : Integer.parseInt(shown)};
            case BCD -> {
                int v = 0;
                for (char c : shown.toCharArray()) {
                    v = (v << 4) | (c - '0');
                }
                yield new int[] {v};
            }
            case ASCII_PER_DIGIT -> {
                int[] r = new int[profile.digits()];
                Arrays.fill(r, ' ');
                int pad = r.length - shown.length();
                for (int i = 0; i < shown.length(); i++) {
                    r[pad + i] = shown.charAt(i);
                }
                yield r;
            }
        };
    }

    /** What registers holding {@code values} show, as the board draws them (spaces trimmed, "" when blank). */
    public String shownBy(int[] values) {
        return switch (profile.format()) {
            case BINARY -> Integer.toString(values[0]);
            case BCD -> Integer.toHexString(values[0]);
            case ASCII_PER_DIGIT -> {
                StringBuilder s = new StringBuilder();
                for (int v : values) {
                    s.append(v >= 0x20 && v < 0x7F ? (char) v : '?');
                }
                yield s.toString().strip();
            }
        };
    }

    @Override
    public void encode(int address, BoardCommand command, OutputStream out) throws IOException {
        if (address < 0 || address > 247) {
            throw new IllegalArgumentException("a Modbus address is 1..247, or 0 for all: " + address);
        }
        if (command instanceof BoardCommand.Ping) {
            out.write(frame(address, READ_HOLDING_REGISTERS, profile.firstRegister(), profile.registers()));
            return;
        }
        out.write(write(address, profile.firstRegister(), registersFor(command)));
    }

    /** The request writing {@code values} from {@code register} on: function 06 for one value, else 16. */
    private byte[] write(int address, int register, int[] values) {
        if (profile.writeFunction() == WRITE_SINGLE_REGISTER && values.length == 1) {
            return frame(address, WRITE_SINGLE_REGISTER, register, values[0]);
        }
        return writeMultiple(address, register, values);
    }

    /** {@code addr 10 start(hi lo) count(hi lo) bytes values... crcLo crcHi}. */
    public static byte[] writeMultiple(int address, int register, int[] values) {
        byte[] body = new byte[7 + 2 * values.length];
        body[0] = (byte) address;
        body[1] = (byte) WRITE_MULTIPLE_REGISTERS;
        body[2] = (byte) (register >>> 8);
        body[3] = (byte) register;
        body[4] = (byte) (values.length >>> 8);
        body[5] = (byte) values.length;
        body[6] = (byte) (2 * values.length);
        for (int i = 0; i < values.length; i++) {
            body[7 + 2 * i] = (byte) (values[i] >>> 8);
            body[8 + 2 * i] = (byte) values[i];
        }
        return withCrc(body);
    }

    @Override
    public Optional<byte[]> readBack(int address, BoardCommand command) {
        if (!profile.readBack() || isBroadcast(address)
                || !(command instanceof BoardCommand.Show || command instanceof BoardCommand.Clear)) {
            return Optional.empty();
        }
        return Optional.of(frame(address, READ_HOLDING_REGISTERS, profile.firstRegister(), profile.registers()));
    }

    @Override
    public boolean shows(BoardCommand command, Answer.Read read) {
        return Arrays.equals(registersFor(command), read.registers());
    }

    /** {@code addr fn hi(a) lo(a) hi(b) lo(b) crcLo crcHi}: the shape of function 03, 04 and 06 requests. */
    public static byte[] frame(int address, int function, int a, int b) {
        return withCrc((byte) address, (byte) function, (byte) (a >>> 8), (byte) a, (byte) (b >>> 8), (byte) b);
    }

    public static byte[] withCrc(byte... body) {
        byte[] f = Arrays.copyOf(body, body.length + 2);
        int crc = Crc16Modbus.of(body, 0, body.length);
        f[body.length] = (byte) crc;
        f[body.length + 1] = (byte) (crc >>> 8);
        return f;
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    @Override
    public Answer parseAnswer(int address, byte[] request, byte[] received, int length) {
        if (length >= 1 && (received[0] & 0xFF) != address) {
            return new Answer.Garbage("answer from address " + (received[0] & 0xFF) + ", asked " + address);
        }
        if (length < 3) {
            return Answer.INCOMPLETE;
        }
        int asked = request[1] & 0xFF;
        int function = received[1] & 0xFF;
        int expected;
        if (function == (asked | 0x80)) {
            expected = 5;
        } else if (function != asked) {
            return new Answer.Garbage("answer to function " + function + ", asked " + asked);
        } else if (function == READ_HOLDING_REGISTERS) {
            expected = 5 + (received[2] & 0xFF);
        } else {
            expected = 8;
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
        if (function == WRITE_SINGLE_REGISTER && !Arrays.equals(request, 0, expected, received, 0, expected)) {
            return new Answer.Garbage("echo differs from request: " + Hex.of(received, length));
        }
        if (function == WRITE_MULTIPLE_REGISTERS && !Arrays.equals(request, 0, 6, received, 0, 6)) {
            return new Answer.Garbage("acknowledged other registers: " + Hex.of(received, length));
        }
        if (function == READ_HOLDING_REGISTERS) {
            int count = word(request, 4);
            if ((received[2] & 0xFF) != 2 * count) {
                return new Answer.Garbage("expected " + 2 * count + " data bytes: " + Hex.of(received, length));
            }
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = word(received, 3 + 2 * i);
            }
            return new Answer.Read(values);
        }
        return new Answer.Accepted(0);
    }

    /** The length of the request frame at the front of {@code b}, 0 when more bytes are needed, -1 if none. */
    private static int requestLength(byte[] b, int length) {
        if (length < 2) {
            return 0;
        }
        int address = b[0] & 0xFF;
        int function = b[1] & 0xFF;
        if (address > 247 || function == 0 || function > 0x7F) {
            return -1;
        }
        if (function == WRITE_MULTIPLE_REGISTERS) {
            if (length < 7) {
                return 0;
            }
            int bytes = b[6] & 0xFF;
            if (bytes != 2 * word(b, 4) || bytes == 0 || bytes > 246) {
                return -1;
            }
            return 9 + bytes;
        }
        // 03, 04, 06 and most other requests (01, 02, 05) are 8 bytes.
        return 8;
    }

    @Override
    public Decoded decodeRequest(byte[] buffer, int length) {
        int frameLength = requestLength(buffer, length);
        if (frameLength < 0) {
            return Decoded.NOT_A_FRAME;
        }
        if (frameLength == 0 || length < frameLength) {
            return Decoded.NEED_MORE;
        }
        if (!Crc16Modbus.matches(buffer, 0, frameLength - 2)) {
            return Decoded.NOT_A_FRAME;
        }
        byte[] f = Arrays.copyOf(buffer, frameLength);
        int function = f[1] & 0xFF;
        int register = word(f, 2);
        BoardCommand command = null;
        if (register == profile.firstRegister()) {
            if (function == READ_HOLDING_REGISTERS && word(f, 4) == profile.registers()) {
                command = new BoardCommand.Ping();
            } else if (function == WRITE_SINGLE_REGISTER || function == WRITE_MULTIPLE_REGISTERS) {
                int[] values = writtenValues(f);
                if (values.length == profile.registers()) {
                    command = commandShowing(shownBy(values));
                }
            }
        }
        return new Decoded.Request(this, f[0] & 0xFF, command, function, f);
    }

    private static BoardCommand commandShowing(String shown) {
        try {
            return shown.isEmpty() ? new BoardCommand.Clear() : new BoardCommand.Show(shown);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The values of a function 06 or 16 request. */
    public static int[] writtenValues(byte[] frame) {
        if ((frame[1] & 0xFF) == WRITE_SINGLE_REGISTER) {
            return new int[] {word(frame, 4)};
        }
        int[] values = new int[word(frame, 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = word(frame, 7 + 2 * i);
        }
        return values;
    }

    /** The first register a request names, and how many (1 for function 06). */
    public static int register(byte[] frame) {
        return word(frame, 2);
    }

    public static int count(byte[] frame) {
        return (frame[1] & 0xFF) == WRITE_SINGLE_REGISTER ? 1 : word(frame, 4);
    }

    /**
     * A board's answer: the echo of a 06 write, the acknowledgement of a 16 write, or exception
     * {@code statusOrReason} when refused. Reads are answered with {@link #readAnswer}.
     */
    @Override
    public byte[] encodeAnswer(Decoded.Request request, boolean accepted, int statusOrReason) {
        byte[] f = request.frame();
        if (!accepted) {
            return withCrc(f[0], (byte) (f[1] | 0x80), (byte) statusOrReason);
        }
        if ((f[1] & 0xFF) == READ_HOLDING_REGISTERS) {
            return readAnswer(f[0] & 0xFF, new int[] {statusOrReason});
        }
        if ((f[1] & 0xFF) == WRITE_MULTIPLE_REGISTERS) {
            return withCrc(Arrays.copyOf(f, 6));
        }
        return f.clone();
    }

    /** {@code addr 03 bytes values... crc}: the answer to a read. */
    public static byte[] readAnswer(int address, int[] values) {
        byte[] body = new byte[3 + 2 * values.length];
        body[0] = (byte) address;
        body[1] = (byte) READ_HOLDING_REGISTERS;
        body[2] = (byte) (2 * values.length);
        for (int i = 0; i < values.length; i++) {
            body[3 + 2 * i] = (byte) (values[i] >>> 8);
            body[4 + 2 * i] = (byte) values[i];
        }
        return withCrc(body);
    }
}
