package vn.luot.display.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a machine without socat (a newcomer's fresh Debian with only a JDK) the display's simulated LED boards
 * go on a loopback TCP port instead of a pty pair, say so in one line, and the boards answer: the display runs
 * as its own program with a PATH on which there is no socat.
 */
class DisplayWithoutSocatTest {

    @TempDir
    Path dir;

    @Test
    void theDisplayPutsItsSimulatedBoardsOnLoopbackTcpWhenSocatIsMissing() throws Exception {
        String demo = new String(DisplayWithoutSocatTest.class.getResourceAsStream("/demo-display.toml").readAllBytes(),
                StandardCharsets.UTF_8);
        Path config = dir.resolve("display.toml");
        Files.writeString(config, demo.replace("data_dir = \"luot-data/display\"", "data_dir = \"" + dir.resolve("data") + "\"")
                .replace("bind = \"0.0.0.0\"", "bind = \"127.0.0.1\"").replace("port = 8090", "port = 0")
                .replace("url = \"http://127.0.0.1:8080\"", "url = \"\"").replace("output = \"wav\"", "output = \"none\"")
                .replace("espeak = true", "espeak = false"));
        Path emptyBin = Files.createDirectories(dir.resolve("bin"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "vn.luot.display.DisplayMain", "--headless",
                "--config", config.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", emptyBin.toString());
        Process display = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(display.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the display ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            StringBuilder seen = new StringBuilder();
            boolean onTcp = false;
            boolean running = false;
            boolean boardOnline = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(onTcp && running && boardOnline) && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertThat(display.isAlive()).as("the display runs:\n" + seen).isTrue();
                    continue;
                }
                seen.append(line).append('\n');
                onTcp |= line.contains("simulated LED boards on a loopback TCP port") && line.contains("socat");
                running |= line.contains("running: hub on port");
                boardOnline |= line.matches(".*tcp://127\\.0\\.0\\.1:\\d+: board 1 is ONLINE.*");
            }
            assertThat(onTcp).as("says in one line where the boards are:\n" + seen).isTrue();
            assertThat(running).as("the display runs:\n" + seen).isTrue();
            assertThat(boardOnline).as("board 1 answers over loopback TCP:\n" + seen).isTrue();
        } finally {
            display.destroy();
            display.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
