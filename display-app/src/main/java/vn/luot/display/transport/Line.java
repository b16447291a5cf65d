package vn.luot.display.transport;

/**
 * A byte pipe to the boards: a serial port (USB RS-485 adapter, pseudo-terminal) or a TCP connection to an
 * Ethernet serial-device server. Not safe for concurrent use; {@link SerialBus} serialises access.
 */
public interface Line extends AutoCloseable {

    String path();

    /** Writes all bytes; false when the line is gone. */
    boolean write(byte[] bytes);

    /**
     * Reads what has arrived, waiting up to a short slice for the first byte.
     *
     * @return bytes read (0 when nothing arrived), or -1 when the line is gone
     */
    int read(byte[] buffer, int offset, int length);

    /**
     * Throws away bytes already received (a late answer to an earlier request).
     *
     * @return how many bytes were thrown away, or -1 when the line is gone
     */
    int discardInput();

    /** Whether the device is still there. */
    boolean isAlive();

    @Override
    void close();

    /** Opening either gives a line or says why not. */
    sealed interface Opening {
        record Opened(Line line) implements Opening {
        }

        record Failed(String reason) implements Opening {
        }
    }

    /** {@code tcp://host:port} opens a TCP connection (a serial-device server in raw TCP mode), anything else a serial port. */
    static Opening open(String path, SerialLine.Settings settings) {
        if (TcpLine.isTcp(path)) {
            return TcpLine.connect(path);
        }
        SerialLine.Opening o = SerialLine.open(path, settings);
        return o instanceof SerialLine.Opening.Opened opened ? new Opening.Opened(opened.line())
                : new Opening.Failed(((SerialLine.Opening.Failed) o).reason());
    }
}
