package vn.luot.display.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.util.Objects;

/**
 * One open serial port (a USB RS-485 adapter, or a pseudo-terminal in tests and the simulator). The only
 * class that touches jSerialComm: its boolean and -1 returns become typed results here.
 *
 * <p>Not safe for concurrent use; {@link SerialBus} serialises access.
 */
public final class SerialLine implements Line {

    /** Line settings; the default is 9600 8N1, what the LED boards ship with. */
    public record Settings(int baud, int dataBits, Parity parity, int stopBits) {
        public static final Settings DEFAULT = new Settings(9600, 8, Parity.NONE, 1);

        public Settings {
            Objects.requireNonNull(parity, "parity");
            if (baud < 1200 || dataBits < 7 || dataBits > 8 || stopBits < 1 || stopBits > 2) {
                throw new IllegalArgumentException("unusable serial settings: " + baud + " " + dataBits + parity + stopBits);
            }
        }

        /** The line settings of a board profile ({@code 9600, 'E', 1}), 8 data bits. */
        public static Settings of(int baud, char parity, int stopBits) {
            return new Settings(baud, 8, switch (parity) {
                case 'E' -> Parity.EVEN;
                case 'O' -> Parity.ODD;
                default -> Parity.NONE;
            }, stopBits);
        }

        /**
         * The silence Modbus RTU needs between frames: 3.5 character times, fixed at 1.75 ms above 19200 baud
         * (Modbus over serial line, §2.5.1.1). Kept on every bus, whatever its protocol.
         */
        public long interFrameNanos() {
            if (baud > 19200) {
                return 1_750_000L;
            }
            return Math.round(3.5 * bitsPerChar() * 1e9 / baud);
        }

        /** How long {@code bytes} characters take on the wire. */
        public long nanosFor(int bytes) {
            return Math.round((double) bytes * bitsPerChar() * 1e9 / baud);
        }

        /** Bits on the wire per character (start + data + parity + stop). */
        public int bitsPerChar() {
            return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
        }
    }

    public enum Parity { NONE, EVEN, ODD }

    /** Opening either gives a line or says why not. */
    public sealed interface Opening {
        record Opened(SerialLine line) implements Opening {
        }

        record Failed(String reason) implements Opening {
        }
    }

    /** How long one read waits for the first byte; callers loop up to their own deadline. */
    private static final int READ_SLICE_MILLIS = 10;

    private final SerialPort port;
    private final String path;
    /** Where discarded input goes; the bus drains the line every character time while it keeps the silence. */
    private final byte[] sink = new byte[256];

    private SerialLine(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    public static Opening open(String path, Settings settings) {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            return new Opening.Failed("no such port " + path + ": " + e.getMessage());
        }
        int parity = switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        port.setComPortParameters(settings.baud(), settings.dataBits(),
                settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, parity);
        // Semi-blocking: a read returns as soon as one byte is there, or after the slice with 0.
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_SLICE_MILLIS, 0);
        if (!port.openPort(0)) {
            return new Opening.Failed("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
        }
        return new Opening.Opened(new SerialLine(port, path));
    }

    @Override
    public String path() {
        return path;
    }

    /** Writes all bytes; false when the port is gone. */
    @Override
    public boolean write(byte[] bytes) {
        int written = 0;
        while (written < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - written, written);
            if (n <= 0) {
                return false;
            }
            written += n;
        }
        return true;
    }

    /**
     * Reads what has arrived, waiting up to a short slice for the first byte.
     *
     * @return bytes read (0 when nothing arrived), or -1 when the port is gone
     */
    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (!port.isOpen()) {
            return -1;
        }
        return port.readBytes(buffer, length, offset);
    }

    /** Throws away bytes already received (a late answer to an earlier request): how many, or -1 when the port is gone. */
    @Override
    public int discardInput() {
        int available = port.bytesAvailable();
        if (available < 0) {
            return -1;
        }
        int discarded = 0;
        while (available > 0) {
            int n = port.readBytes(sink, Math.min(available, sink.length), 0);
            if (n < 0) {
                return -1;
            }
            discarded += n;
            available = port.bytesAvailable();
            if (available < 0) {
                return -1;
            }
        }
        return discarded;
    }

    /** Whether the device is still there (an unplugged USB adapter reports an error here). */
    @Override
    public boolean isAlive() {
        return port.isOpen() && port.bytesAvailable() >= 0;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
