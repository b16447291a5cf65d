package vn.luot.printer.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A pseudo-terminal pair made by socat: {@code kiosk} is what the printer driver opens as a
 * serial port, {@code printer} is where the virtual printer listens. A fresh pair per test:
 * jSerialComm leaves a pty at VMIN=0 after closing it.
 */
final class SocatPair implements AutoCloseable {

    final Path kiosk;
    final Path printer;
    private final Process process;

    private SocatPair(Path kiosk, Path printer, Process process) {
        this.kiosk = kiosk;
        this.printer = printer;
        this.process = process;
    }

    static SocatPair start(Path kiosk, Path printer) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("socat", "-d", "-d",
                    "pty,raw,echo=0,link=" + kiosk, "pty,raw,echo=0,link=" + printer)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("socat is required for the serial tests (apt-get install socat): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(kiosk) && Files.exists(printer))) {
            if (!p.isAlive()) {
                throw new AssertionError("socat exited with " + p.exitValue() + " before creating " + kiosk);
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("socat did not create " + kiosk + " and " + printer + " within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return new SocatPair(kiosk, printer, p);
    }

    /** Pulls the cable: socat ends, both links disappear. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping socat", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((Files.exists(kiosk) || Files.exists(printer)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
