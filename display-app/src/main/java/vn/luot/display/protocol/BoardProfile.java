package vn.luot.display.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one LED board model understands, as data (like the printer profiles): which protocol, which registers
 * hold what is shown and in which format, the write function, how many digits, whether it can show letters or
 * blink, and the line settings it ships with. {@code hardware-docs/led-protocol.md} gives the source of every
 * built-in register table and says what was tried on hardware.
 *
 * @param firstRegister        the first holding register of what is shown (Modbus only)
 * @param writeFunction        06 (write single register) or 16 (write multiple registers), Modbus only
 * @param decimalPointRegister the register holding the decimal point position, -1 when none; never written
 *                             (boards ship without a decimal point) but part of the register table
 * @param readBack             whether the register can be read back (function 03) to prove what is shown
 */
public record BoardProfile(String name, Kind kind, int firstRegister, ValueFormat format, int writeFunction,
                           int digits, boolean letters, boolean blink, int decimalPointRegister, boolean readBack,
                           Line line) {

    /** How the board is spoken to. */
    public enum Kind {
        /** Lượt's own frame ({@link LuotFrameProtocol}). */
        FRAME,
        /** Modbus RTU holding registers ({@link ModbusLedProtocol}). */
        MODBUS
    }

    /** How a number or label becomes register values. */
    public enum ValueFormat {
        /** The number as one binary register (0..65535). */
        BINARY,
        /** The number's decimal digits as nibbles of one register (0..9999). */
        BCD,
        /** One register per digit holding its ASCII code, right-aligned, spaces in front. */
        ASCII_PER_DIGIT
    }

    /** The line settings a board model ships with: baud, parity ({@code N}, {@code E}, {@code O}), stop bits. */
    public record Line(int baud, char parity, int stopBits) {
        public static final Line DEFAULT = new Line(9600, 'N', 1);

        public Line {
            if (baud < 1200 || baud > 115200 || "NEO".indexOf(parity) < 0 || stopBits < 1 || stopBits > 2) {
                throw new IllegalArgumentException("unusable line settings: " + baud + " 8" + parity + stopBits);
            }
        }
    }

    public static final int WRITE_SINGLE_REGISTER = 0x06;
    public static final int WRITE_MULTIPLE_REGISTERS = 0x10;

    public static final BoardProfile LUOT = new BoardProfile("luot", Kind.FRAME, 0, ValueFormat.ASCII_PER_DIGIT, 0,
            8, true, true, -1, false, Line.DEFAULT);
    /** The common "4-digit RS-485 Modbus display": binary value in register 0 (FC06), decimal point in register 1. */
    public static final BoardProfile REGISTER0_4DIGIT = new BoardProfile("modbus-led", Kind.MODBUS, 0,
            ValueFormat.BINARY, WRITE_SINGLE_REGISTER, 4, false, false, 1, true, Line.DEFAULT);
    /** DM36B06: one ASCII character per digit in registers 0..5 (FC16), the number in register 7. */
    public static final BoardProfile DM36 = new BoardProfile("dm36", Kind.MODBUS, 0, ValueFormat.ASCII_PER_DIGIT,
            WRITE_MULTIPLE_REGISTERS, 6, true, false, -1, true, Line.DEFAULT);
    /** DM56A04: the DM36's register map on 4 digits (registers 0..3). */
    public static final BoardProfile DM56 = new BoardProfile("dm56", Kind.MODBUS, 0, ValueFormat.ASCII_PER_DIGIT,
            WRITE_MULTIPLE_REGISTERS, 4, true, false, -1, true, Line.DEFAULT);

    public BoardProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(line, "line");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("a profile name is lowercase letters, digits and dashes: '" + name + "'");
        }
        if (digits < 1 || digits > 8) {
            throw new IllegalArgumentException(name + ": digits are 1..8, not " + digits);
        }
        if (kind == Kind.MODBUS) {
            if (writeFunction != WRITE_SINGLE_REGISTER && writeFunction != WRITE_MULTIPLE_REGISTERS) {
                throw new IllegalArgumentException(name + ": the write function is 6 or 16, not " + writeFunction);
            }
            if (firstRegister < 0 || firstRegister + registers() > 0x10000) {
                throw new IllegalArgumentException(name + ": register " + firstRegister + " is outside 0..65535");
            }
            if (format == ValueFormat.ASCII_PER_DIGIT && writeFunction != WRITE_MULTIPLE_REGISTERS && digits > 1) {
                throw new IllegalArgumentException(name + ": one register per digit needs function 16 (one request)");
            }
            if (format == ValueFormat.BCD && digits > 4) {
                throw new IllegalArgumentException(name + ": one BCD register holds 4 digits, not " + digits);
            }
            if (format == ValueFormat.BINARY && digits > 4) {
                throw new IllegalArgumentException(name + ": one binary register holds up to 65535, so 4 digits, not " + digits);
            }
            if (letters && format != ValueFormat.ASCII_PER_DIGIT) {
                throw new IllegalArgumentException(name + ": letters need the ascii format");
            }
            if (blink) {
                throw new IllegalArgumentException(name + ": no Modbus LED board model with a blink register is known");
            }
        }
    }

    /** Holding registers written per show: one per digit in ASCII, else one. */
    public int registers() {
        return format == ValueFormat.ASCII_PER_DIGIT ? digits : 1;
    }

    /** The built-in profiles by name. */
    public static Map<String, BoardProfile> builtIn() {
        Map<String, BoardProfile> m = new LinkedHashMap<>();
        for (BoardProfile p : List.of(LUOT, REGISTER0_4DIGIT, DM36, DM56)) {
            m.put(p.name(), p);
        }
        return m;
    }

    public static Optional<BoardProfile> builtIn(String name) {
        return Optional.ofNullable(builtIn().get(name));
    }

    /** {@code ascii}, {@code binary} or {@code bcd} as a format, for config files. */
    public static ValueFormat format(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ascii" -> ValueFormat.ASCII_PER_DIGIT;
            case "binary" -> ValueFormat.BINARY;
            case "bcd" -> ValueFormat.BCD;
            default -> throw new IllegalArgumentException("the value format is ascii, binary or bcd, not '" + name + "'");
        };
    }

    /** The protocol that speaks this profile. */
    public BoardProtocol protocol() {
        return kind == Kind.FRAME ? new LuotFrameProtocol() : new ModbusLedProtocol(this);
    }

    /**
     * What this board shows for a label: the whole label when it can show letters and the label fits, else its
     * number (trailing digits); empty when it can show neither ({@code HT-} or a number with too many digits).
     */
    public Optional<String> shownFor(String label) {
        if (letters && label.length() <= digits) {
            return Optional.of(label);
        }
        int end = label.length();
        int start = end;
        while (start > 0 && Character.isDigit(label.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return Optional.empty();
        }
        String number = label.substring(start, end);
        // Leading zeros are kept when the board has room for them ("012" on 4 digits); a longer number is cut
        // to its trailing digits only when those are zeros in front (0012 on 3 digits -> 012).
        while (number.length() > digits && number.charAt(0) == '0') {
            number = number.substring(1);
        }
        return number.length() <= digits ? Optional.of(number) : Optional.empty();
    }
}
