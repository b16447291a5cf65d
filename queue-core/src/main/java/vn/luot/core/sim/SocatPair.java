package vn.luot.core.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial cable for simulated hardware (the demo's LED bus, the tests' scanners and boards): a
 * pseudo-terminal pair made by socat, {@link #device()} being the end the
 * code under test opens as its serial port and {@link #peer()} the end the test (or a simulated
 * device) uses. {@link #unplug()} removes both ends, as pulling a USB adapter does; {@link #replug()}
 * makes a new pair on the same paths. A fresh pair per test: jSerialComm leaves a pty at VMIN=0 after
 * closing it. Throws, naming the package, when socat is missing: tests fail rather than skip (CI installs it).
 */
public final class SocatPair implements AutoCloseable {

    private final Path device;
    private final Path peer;
    private Process process;

    private SocatPair(Path device, Path peer) {
        this.device = device;
        this.peer = peer;
    }

    public static SocatPair start(Path device, Path peer) {
        SocatPair pair = new SocatPair(device, peer);
        pair.launch();
        return pair;
    }

    public Path device() {
        return device;
    }

    public Path peer() {
        return peer;
    }

    /** Writes to the peer end, as the device on the other side of the cable would. */
    public void send(byte[] bytes) throws IOException {
        Files.write(peer, bytes);
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Pulls the cable: socat ends and both links disappear. */
    public void unplug() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((Files.exists(device) || Files.exists(peer)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Plugs the cable back in: a new pair on the same paths. */
    public void replug() {
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder("socat", "-d", "-d",
                    "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + peer).start();
        } catch (IOException e) {
            throw new IllegalStateException("socat is needed for simulated serial devices (apt-get install socat): " + e.getMessage(), e);
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // socat ended
            }
            lines.add("<eof>");
        }, "socat stderr");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        StringBuilder seen = new StringBuilder();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("<eof>")) {
                    break;
                }
                seen.append(line).append('\n');
                // socat logs this once both ptys exist and their links are made
                if (line.contains("starting data transfer loop")) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new IllegalStateException("socat did not make a pty pair within 10 s:\n" + seen);
    }

    @Override
    public void close() {
        unplug();
    }
}
