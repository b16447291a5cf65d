package vn.luot.printer.transport;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A USB printer through the kernel's usblp driver ({@code /dev/usb/lp0}). Reads on that device
 * block until the printer answers, so a daemon thread pumps them into a queue and
 * {@link PrinterLink#read} waits on the queue with a deadline. A failure of that thread is kept
 * and thrown to the next caller, never only logged.
 */
public final class UsbDeviceTransport implements PrinterTransport {

    private final Path device;

    public UsbDeviceTransport(Path device) {
        this.device = device;
    }

    @Override
    public PrinterLink open() throws IOException {
        if (!Files.exists(device)) {
            throw new IOException("USB printer " + device + " is not present (unplugged or powered off)");
        }
        return new DeviceLink(device);
    }

    @Override
    public String describe() {
        return "usb:" + device;
    }

    private static final class DeviceLink implements PrinterLink {
        private final FileOutputStream out;
        private final FileInputStream in;
        private final BlockingQueue<Integer> received = new ArrayBlockingQueue<>(4096);
        private volatile IOException readFailure;

        DeviceLink(Path device) throws IOException {
            this.out = new FileOutputStream(device.toFile());
            FileInputStream input;
            try {
                input = new FileInputStream(device.toFile());
            } catch (IOException e) {
                out.close();
                throw e;
            }
            this.in = input;
            Thread pump = new Thread(this::pump, "usblp-reader " + device);
            pump.setDaemon(true);
            pump.start();
        }

        private void pump() {
            byte[] buffer = new byte[64];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        received.offer(buffer[i] & 0xff);
                    }
                }
                readFailure = new IOException("USB printer closed");
            } catch (IOException e) {
                readFailure = e;
            }
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        @Override
        public int read(byte[] buffer, Duration timeout) throws IOException {
            try {
                Integer first = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (readFailure != null) {
                        throw new IOException("reading from the USB printer failed", readFailure);
                    }
                    return 0;
                }
                buffer[0] = first.byteValue();
                int n = 1;
                Integer next;
                while (n < buffer.length && (next = received.poll()) != null) {
                    buffer[n++] = next.byteValue();
                }
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the printer", e);
            }
        }

        @Override
        public void discardInput() {
            received.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } finally {
                in.close();
            }
        }
    }
}
