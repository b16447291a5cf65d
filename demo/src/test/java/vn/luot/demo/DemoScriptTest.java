package vn.luot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./luot demo --headless --script} as CI runs it: a fresh JVM, the whole branch, every step checked. */
@Tag("slow")
class DemoScriptTest {

    @TempDir
    Path dir;

    @Test
    void theScriptedMorningPassesHeadlessAndLeavesBoardSnapshots() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort() > 60000 ? 41000 : probe.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(),
                "--headless", "--script", "--dir", dir.toString(), "--port", Integer.toString(port));
        Process demo = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(demo.exitValue()).as(output).isZero();
        assertThat(output).contains("the morning went as it should").doesNotContain("✗");
        assertThat(output.lines().filter(l -> l.contains("✓")).count()).isGreaterThanOrEqualTo(15);
        assertThat(dir.resolve("snapshots/tv-board.png")).isNotEmptyFile();
        assertThat(dir.resolve("snapshots/kiosk.png")).isNotEmptyFile();
        try (var tickets = Files.list(dir.resolve("kiosk/tickets"))) {
            assertThat(tickets.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(4);
        }
        assertThat(output).as("no personal data in the demo's output").doesNotContain("Nguyễn Văn An");
        assertThat(output).as("the demo pins the key set root on the hub and the kiosk")
                .doesNotContain("taken unverified").doesNotContain("REFUSED");
        assertThat(Files.readString(dir.resolve("kiosk.toml"))).containsPattern("key_set_root = \"ed25519:[A-Za-z0-9_-]{43}\"");
    }
}
