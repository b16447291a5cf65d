package vn.luot.printer.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A printer on an RS-232 or USB-serial port (also a pseudo-terminal, e.g. a socat link). The only
 * class that touches jSerialComm; its boolean and -1 returns become exceptions here.
 */
public final class SerialTransport implements PrinterTransport {

    private static final int WRITE_TIMEOUT_MS = 5000;

    private final String path;
    private final int baud;

    public SerialTransport(String path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    @Override
    public PrinterLink open() throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new IOException("serial port " + path + " does not exist (printer unplugged or wrong path in the config)");
        }
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, WRITE_TIMEOUT_MS);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + port.getLastErrorCode() + ")");
        }
        return new SerialLink(port, path);
    }

    @Override
    public String describe() {
        return "serial:" + path + "@" + baud;
    }

    private static final class SerialLink implements PrinterLink {
        private final SerialPort port;
        private final String path;

        SerialLink(SerialPort port, String path) {
            this.port = port;
            this.path = path;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            int offset = 0;
            while (offset < bytes.length) {
                int n = port.writeBytes(bytes, bytes.length - offset, offset);
                if (n <= 0) {
                    throw new IOException("write to " + path + " failed (error " + port.getLastErrorCode() + ")");
                }
                offset += n;
            }
        }

        @Override
        public int read(byte[] buffer, Duration timeout) throws IOException {
            if (!Files.exists(Path.of(path))) {
                throw new IOException(path + " disappeared");
            }
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    (int) Math.max(1, timeout.toMillis()), WRITE_TIMEOUT_MS);
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                throw new IOException("read from " + path + " failed (error " + port.getLastErrorCode() + ")");
            }
            return n;
        }

        @Override
        public void discardInput() throws IOException {
            int available = port.bytesAvailable();
            if (available < 0) {
                throw new IOException(path + " is gone (error " + port.getLastErrorCode() + ")");
            }
            if (available > 0) {
                port.readBytes(new byte[available], available);
            }
        }

        @Override
        public void close() {
            port.closePort();
        }
    }
}
