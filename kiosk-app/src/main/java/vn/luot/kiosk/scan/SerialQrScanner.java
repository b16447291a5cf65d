package vn.luot.kiosk.scan;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A QR scanner on a serial port (USB-serial or the Pi's UART): each code ends with CR and/or LF. A
 * pulled cable is noticed (the read fails) and the port is reopened when the device returns, so the
 * kiosk never needs a restart. An endless line is cut at {@link #MAX_CODE_BYTES} and still delivered
 * (the kiosk then refuses it as not a code) rather than filling memory.
 */
public final class SerialQrScanner implements QrScanner {

    static final int MAX_CODE_BYTES = 8192;
    private static final Logger LOG = Logger.getLogger(SerialQrScanner.class.getName());

    private final String path;
    private final int baud;
    private final Duration retry;
    private volatile Status status = Status.DISCONNECTED;
    private volatile boolean closed;
    private Thread reader;

    public SerialQrScanner(String path, int baud, Duration retry) {
        this.path = Objects.requireNonNull(path, "path");
        this.baud = baud;
        this.retry = retry;
    }

    @Override
    public synchronized void start(Consumer<String> onScan) {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        reader = new Thread(() -> readLoop(onScan), "qr-scanner:" + path);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Status status() {
        return status;
    }

    private void readLoop(Consumer<String> onScan) {
        boolean reportedMissing = false;
        while (!closed) {
            SerialPort port = open();
            if (port == null) {
                if (!reportedMissing) {
                    LOG.warning("QR scanner " + path + " not available; retrying every " + retry.toMillis() + " ms");
                    reportedMissing = true;
                }
                status = Status.DISCONNECTED;
                LockSupport.parkNanos(retry.toNanos());
                continue;
            }
            reportedMissing = false;
            status = Status.CONNECTED;
            LOG.info("QR scanner connected on " + path);
            try {
                readCodes(port, onScan);
            } finally {
                port.closePort();
                status = Status.DISCONNECTED;
                if (!closed) {
                    LOG.warning("QR scanner " + path + " disconnected; waiting for it to return");
                }
            }
        }
    }

    /** The open port, or null while the device is absent (its path does not even exist when unplugged). */
    private SerialPort open() {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            return null;
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 500, 0);
        return port.openPort() ? port : null;
    }

    private void readCodes(SerialPort port, Consumer<String> onScan) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        while (!closed) {
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\r' || b == '\n') {
                    deliver(line, onScan);
                } else if (line.size() < MAX_CODE_BYTES) {
                    line.write(b);
                } else {
                    deliver(line, onScan);
                    line.write(b);
                }
            }
        }
    }

    private static void deliver(ByteArrayOutputStream line, Consumer<String> onScan) {
        if (line.size() > 0) {
            String code = line.toString(StandardCharsets.UTF_8);
            line.reset();
            try {
                onScan.accept(code);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "scan handler failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = reader;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
