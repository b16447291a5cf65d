package vn.luot.display.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.display.transport.Line;
import vn.luot.display.transport.SerialLine;

/**
 * An RS-485 wire at a real line rate between two serial ends (pty peers of two socat pairs): every byte read on
 * one end is released on the other one character time after the previous one (10 bits at 9600 baud = 1.04 ms),
 * as a UART would send it. A pty alone carries bytes at memory speed; with this relay between the display and
 * the boards the latencies and the gaps between frames are those of the real line.
 *
 * <p>Each direction has its own thread; bytes going both ways at once (a collision on real RS-485) are both
 * delivered, so a test cannot rely on collisions being noticed.
 */
public final class PacedWire implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PacedWire.class.getName());

    private final List<Thread> threads = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final long charNanos;
    private final AtomicLong carried = new AtomicLong();
    private volatile boolean running = true;

    private PacedWire(SerialLine.Settings settings) {
        this.charNanos = settings.nanosFor(1);
    }

    /** Opens both ends and starts relaying; throws when an end cannot be opened. */
    public static PacedWire between(String left, String right, SerialLine.Settings settings) {
        PacedWire wire = new PacedWire(Objects.requireNonNull(settings, "settings"));
        Line a = wire.open(left, settings);
        Line b = wire.open(right, settings);
        CountDownLatch started = new CountDownLatch(2);
        wire.relay(a, b, left + " -> " + right, started);
        wire.relay(b, a, right + " -> " + left, started);
        try {
            started.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return wire;
    }

    /** Bytes carried so far, both ways. */
    public long bytesCarried() {
        return carried.get();
    }

    private Line open(String path, SerialLine.Settings settings) {
        Line.Opening opening = Line.open(path, settings);
        if (opening instanceof Line.Opening.Opened opened) {
            lines.add(opened.line());
            return opened.line();
        }
        close();
        throw new IllegalStateException("the paced wire cannot open " + path + ": "
                + ((Line.Opening.Failed) opening).reason());
    }

    private void relay(Line from, Line to, String name, CountDownLatch started) {
        Thread t = new Thread(() -> {
            started.countDown();
            byte[] buffer = new byte[512];
            byte[] one = new byte[1];
            long nextFree = System.nanoTime();
            while (running) {
                int n = from.read(buffer, 0, buffer.length);
                if (n < 0) {
                    if (running) {
                        LOG.warning(() -> "paced wire " + name + ": the end is gone");
                    }
                    return;
                }
                long now = System.nanoTime();
                // The first byte starts on the wire when it arrives (or when the previous one is out).
                long release = Math.max(now, nextFree);
                for (int i = 0; i < n; i++) {
                    release += charNanos;
                    long wait;
                    while ((wait = release - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    one[0] = buffer[i];
                    if (!to.write(one)) {
                        LOG.log(Level.WARNING, "paced wire " + name + ": write failed");
                        return;
                    }
                }
                nextFree = release;
                carried.addAndGet(n);
            }
        }, "paced-wire " + name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lines.forEach(Line::close);
    }
}
