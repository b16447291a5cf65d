package vn.luot.display.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair from socat: what the display device sees as a USB RS-485 adapter ({@link #a()}) and
 * the bus with the boards ({@link #b()}). The simulated hardware of the demo and the tests; killing it is
 * pulling the adapter, {@link #replug()} starts a new pair on the same paths. Throws, naming the package,
 * when socat is not installed: tests fail rather than skip (CI installs it).
 */
public final class SocatPair implements AutoCloseable {

    private final Path a;
    private final Path b;
    private Process process;

    private SocatPair(Path a, Path b) {
        this.a = a;
        this.b = b;
    }

    public static SocatPair start(Path dir) {
        SocatPair pair = new SocatPair(dir.resolve("adapter"), dir.resolve("bus"));
        pair.launch();
        return pair;
    }

    public String a() {
        return a.toString();
    }

    public String b() {
        return b.toString();
    }

    /** Pulls the adapter: both ends of the pair disappear. */
    public void kill() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Plugs an adapter back in: a new pair on the same link paths. */
    public void replug() {
        launch();
    }

    private void launch() {
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("socat is needed for simulated LED boards and is not installed "
                    + "(apt-get install socat): " + e.getMessage(), e);
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        StringBuilder seen = new StringBuilder();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("<eof>")) {
                    break;
                }
                seen.append(line).append('\n');
                if (line.contains("starting data transfer loop")) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("socat did not start a pty pair within 5 s:\n" + seen);
    }

    @Override
    public void close() {
        kill();
    }
}
