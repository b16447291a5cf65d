package vn.luot.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.sim.SocatPair;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;

/**
 * {@code ./luot kiosk} in a real window (GTK on an Xvfb display, not Monocle): a code from the serial
 * scanner comes out as a printed ticket. `./luot test` installs xvfb and GTK.
 */
@RequiresTools({Tool.SOCAT, Tool.XVFB})
@Tag("slow")
class KioskWindowTest {

    @TempDir
    Path dir;

    @Test
    void theKioskRunsInARealWindowAndPrintsAScannedCode() throws Exception {
        Process xvfb = startXvfb();
        String display = ":" + new java.io.BufferedReader(new java.io.InputStreamReader(xvfb.getInputStream(),
                StandardCharsets.US_ASCII)).readLine().strip();
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("keys.json"), KioskRig.keys().toJson(), StandardCharsets.UTF_8);
        try (SocatPair cable = SocatPair.start(dir.resolve("scanner"), dir.resolve("scanner-peer"));
                KioskRig codes = new KioskRig(Files.createDirectories(dir.resolve("rig")), Runnable::run)) {
            Path config = dir.resolve("kiosk.toml");
            Files.writeString(config, """
                    device_id = "kiosk-window"
                    data_dir = "%s"
                    branch = "demo"
                    [upstream]
                    url = "http://127.0.0.1:9"
                    token = "t"
                    [printer]
                    simulated = true
                    tickets_dir = "%s"
                    [scanner]
                    kind = "serial"
                    port = "%s"
                    """.formatted(data, data.resolve("tickets"), cable.device()), StandardCharsets.UTF_8);
            ProcessBuilder java = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "vn.luot.kiosk.KioskMain",
                    "--config", config.toString(), "--windowed", "--now", "2026-11-23T08:40"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("kiosk.log").toFile());
            java.environment().put("DISPLAY", display);
            Process kiosk = java.start();
            try {
                Path tickets = data.resolve("tickets");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                boolean printed = false;
                while (!printed && System.nanoTime() < deadline && kiosk.isAlive()) {
                    // resend until the window is up and the scanner open: a code scanned twice is a reprint, never a second ticket
                    cable.send(codes.qr(codes.booking("LD", 14, "09:00-09:30", false)) + "\r\n");
                    TimeUnit.MILLISECONDS.sleep(1500);
                    printed = textOfTickets(tickets).contains("LD-014");
                }
                assertThat(printed).as(Files.readString(dir.resolve("kiosk.log"))).isTrue();
                String log = Files.readString(dir.resolve("kiosk.log"));
                assertThat(log).doesNotContain("Exception").doesNotContain("Monocle");
            } finally {
                kiosk.destroy();
                if (!kiosk.waitFor(10, TimeUnit.SECONDS)) {
                    kiosk.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts Xvfb on a free display number; -displayfd makes it print the number once it accepts clients. */
    private static Process startXvfb() throws IOException {
        return new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1080x1920x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String textOfTickets(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                all.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
