package vn.luot.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.store.QueueStore;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * luot doctor against simulated devices that speak the real protocols: the virtual ESC/POS printer
 * on loopback TCP, a scanner port that is a socat pseudo-terminal, an upstream on loopback HTTP, a
 * real SQLite queue file and a sysfs tree with a connected HDMI screen.
 */
@RequiresTools(Tool.SOCAT)
class DoctorTest {

    @TempDir
    Path dir;

    private VirtualPrinter virtualPrinter;
    private VirtualPrinterServer printerServer;
    private HttpServer upstream;
    private Process socat;
    private Path scannerPort;
    private Path sysfs;

    @BeforeEach
    void devices() throws Exception {
        virtualPrinter = new VirtualPrinter(dir.resolve("tickets"), 576, BundledFonts.load());
        printerServer = VirtualPrinterServer.startOnLoopback(virtualPrinter, 0);
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        scannerPort = dir.resolve("scanner");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + scannerPort, "pty,raw,echo=0,link=" + dir.resolve("scanner-far"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 1000 && !Files.exists(scannerPort); i++) {
            assertThat(socat.isAlive()).as("socat (apt-get install socat) runs").isTrue();
            TimeUnit.MILLISECONDS.sleep(10);
        }
        sysfs = dir.resolve("sys");
        Files.createDirectories(sysfs.resolve("class/drm/card1-HDMI-A-1"));
        Files.createDirectories(sysfs.resolve("class/drm/card1-HDMI-A-2"));
        Files.writeString(sysfs.resolve("class/drm/card1-HDMI-A-1/status"), "connected\n");
        Files.writeString(sysfs.resolve("class/drm/card1-HDMI-A-2/status"), "disconnected\n");
        Path data = Files.createDirectories(dir.resolve("data"));
        QueueStore.open(data.resolve("queue.db")).close();
        Path token = dir.resolve("kiosk.token");
        Files.writeString(token, "secret-device-token\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() throws Exception {
        printerServer.close();
        upstream.stop(0);
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
    }

    private Doctor doctor(Clock clock) {
        return new Doctor(new Host(sysfs, clock, Duration.ofSeconds(2), () -> {
            throw new IllegalStateException("no GPIO on the build machine");
        }));
    }

    private Path kioskConfig(String... replacements) throws IOException {
        String text = """
                device_id = "kiosk-1"
                data_dir = "%s"
                branch = "demo"

                [upstream]
                url = "http://127.0.0.1:%d"
                token_file = "%s"

                [printer]
                simulated = false
                profile = "generic-80mm"
                transport = "tcp:127.0.0.1:%d"

                [scanner]
                kind = "serial"
                port = "%s"
                baud = 9600
                """.formatted(dir.resolve("data"), upstream.getAddress().getPort(), dir.resolve("kiosk.token"),
                printerServer.port(), scannerPort);
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path file = dir.resolve("kiosk.toml");
        Files.writeString(file, text);
        return file;
    }

    private static String report(List<Finding> findings) {
        return String.join("\n", findings.stream().map(Finding::line).toList());
    }

    @Test
    void reportsEveryCheckOkForAKioskOnWorkingDevices() throws Exception {
        List<Finding> findings = doctor(Clock.systemUTC()).examine(kioskConfig());

        assertThat(findings).extracting(Finding::check)
                .containsExactly("config", "token", "printer", "scanner", "screen", "upstream", "clock", "database");
        assertThat(findings).as(report(findings)).allMatch(f -> f.level() == Finding.Level.OK);
        assertThat(report(findings)).contains("tcp://127.0.0.1:" + printerServer.port(), "READY", "connected: HDMI-A-1",
                "trusted", "integrity ok").doesNotContain("secret-device-token");
    }

    @Test
    void exitsZeroAndPrintsOneLinePerCheckWhenNothingFails() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DoctorMain.run(List.of(kioskConfig()), doctor(Clock.systemUTC()), new PrintStream(out, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        assertThat(text.lines().filter(l -> l.startsWith("OK "))).hasSize(8);
        assertThat(text).endsWith("luot doctor: no FAIL\n");
    }

    @Test
    void namesFileLineAndKeyOfAMisspelledKeyAndExitsOne() throws Exception {
        Path config = kioskConfig("baud = 9600", "buad = 9600");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = DoctorMain.run(List.of(config), doctor(Clock.systemUTC()), new PrintStream(out, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(text).contains("FAIL config    " + config + ":17: scanner.buad: unknown key 'buad'")
                .contains("-> fix 'scanner.buad' on line 17");
    }

    @Test
    void failsThePrinterWhenItReportsPaperOut() throws Exception {
        virtualPrinter.setPaperOut(true);

        Finding printer = find(doctor(Clock.systemUTC()).examine(kioskConfig()), "printer");

        assertThat(printer.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(printer.line()).contains("PAPER_OUT").contains("load a paper roll");
    }

    @Test
    void failsAnUnparsableTransportNamingFileLineAndKey() throws Exception {
        Path config = kioskConfig("transport = \"tcp:", "transport = \"parallel:");

        List<Finding> findings = doctor(Clock.systemUTC()).examine(config);

        Finding check = find(findings, "config");
        assertThat(check.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(check.detail()).startsWith(config + ":12: transport: 'parallel:127.0.0.1:");
        assertThat(find(findings, "printer").level()).isEqualTo(Finding.Level.WARN);
    }

    @Test
    void failsTheScannerWhenItsPortIsMissing() throws Exception {
        Path config = kioskConfig(scannerPort.toString(), dir.resolve("no-such-port").toString());

        Finding scanner = find(doctor(Clock.systemUTC()).examine(config), "scanner");

        assertThat(scanner.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(scanner.line()).contains(config + ":16: scanner.port: " + dir.resolve("no-such-port") + " does not exist");
    }

    @Test
    void failsAClockThreeHoursOffTheUpstream() throws Exception {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofHours(-3));

        Finding clock = find(doctor(behind).examine(kioskConfig()), "clock");

        assertThat(clock.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(clock.detail()).contains("not trusted: off by +3 h 0 min");
        assertThat(clock.fix()).contains("timedatectl set-ntp true");
    }

    @Test
    void failsATokenFileOthersCanRead() throws Exception {
        Files.setPosixFilePermissions(dir.resolve("kiosk.token"), PosixFilePermissions.fromString("rw-r--r--"));

        Finding token = find(doctor(Clock.systemUTC()).examine(kioskConfig()), "token");

        assertThat(token.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(token.line()).contains("readable by other users").contains("chmod 600").doesNotContain("secret");
    }

    @Test
    void failsADatabaseThatIsNotSqliteWithoutTouchingIt() throws Exception {
        Path db = dir.resolve("data/queue.db");
        Files.delete(db);
        Files.writeString(db, "not a database");

        Finding database = find(doctor(Clock.systemUTC()).examine(kioskConfig()), "database");

        assertThat(database.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(database.detail()).contains(db + " is not an SQLite file");
        assertThat(Files.readString(db)).isEqualTo("not a database");
    }

    @Test
    void failsAnUnreachableUpstreamAndLeavesTheClockUnchecked() throws Exception {
        upstream.stop(0);

        List<Finding> findings = doctor(Clock.systemUTC()).examine(kioskConfig());

        assertThat(find(findings, "upstream").level()).isEqualTo(Finding.Level.FAIL);
        assertThat(find(findings, "clock").level()).isEqualTo(Finding.Level.WARN);
    }

    @Test
    void failsWhenNoScreenIsConnected() throws Exception {
        Files.writeString(sysfs.resolve("class/drm/card1-HDMI-A-1/status"), "disconnected\n");

        Finding screen = find(doctor(Clock.systemUTC()).examine(kioskConfig()), "screen");

        assertThat(screen.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(screen.fix()).contains("HDMI");
    }

    /** A display config in DisplayConfig's keys: real LED bus on the pty, simulated buttons, calls to WAV files. */
    private Path displayConfig(String... replacements) throws IOException {
        String text = """
                device_id = "display-1"
                data_dir = "%s"

                [hub]
                port = 0
                devices = [
                  { id = "kiosk-1", role = "kiosk", token_sha256 = "%s" },
                ]

                [upstream]
                url = "http://127.0.0.1:%d"
                token_file = "%s"

                [boards]
                simulated = false
                port = "%s"
                baud = 9600
                board = [ { counter = 1, address = 1, protocol = "luot" } ]

                [buttons]
                simulated = true
                pin_map = \"""
                gpio:17 1 NEXT
                gpio:27 1 RECALL
                mcp:0x20:0 1 VERY_SATISFIED
                \"""

                [voice]
                output = "wav"
                wav_dir = "%s"
                """.formatted(dir.resolve("data"), "0".repeat(64), upstream.getAddress().getPort(), dir.resolve("kiosk.token"),
                scannerPort, dir.resolve("data/announcements"));
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path file = dir.resolve("display.toml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void checksADisplayWithItsLedBusOnAPtyAndSimulatedButtons() throws Exception {
        List<Finding> findings = doctor(Clock.systemUTC()).examine(displayConfig());

        assertThat(findings).extracting(Finding::check).containsExactly("config", "token", "hub", "leds", "buttons", "i2c",
                "audio", "screen", "upstream", "clock", "database");
        assertThat(findings).as(report(findings)).noneMatch(f -> f.level() == Finding.Level.FAIL);
        assertThat(find(findings, "config").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(findings, "hub").detail()).contains("kiosk-1 (kiosk)");
        assertThat(find(findings, "leds").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(findings, "leds").detail()).contains(scannerPort + " opens at 9600 baud", "counters 1");
        assertThat(find(findings, "buttons").detail()).contains("2 button inputs on GPIO", "simulated");
        assertThat(find(findings, "audio").detail()).contains(dir.resolve("data/announcements").toString());
    }

    @Test
    void namesFileLineAndKeyOfAKeyDisplayConfigDoesNotKnow() throws Exception {
        Path config = displayConfig("port = 0\n", "enabled = true\nport = 0\n");

        List<Finding> findings = doctor(Clock.systemUTC()).examine(config);

        Finding check = find(findings, "config");
        assertThat(check.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(check.detail()).startsWith(config + ":5: hub.enabled: unknown key 'enabled'");
        assertThat(check.fix()).startsWith("fix 'hub.enabled' on line 5");
        assertThat(find(findings, "devices").level()).isEqualTo(Finding.Level.WARN);
    }

    @Test
    void failsABadPinMapLineThroughTheDisplaysValidator() throws Exception {
        Path config = displayConfig("gpio:27 1 RECALL", "gpio:99 1 RECALL");

        Finding check = find(doctor(Clock.systemUTC()).examine(config), "config");

        assertThat(check.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(check.detail()).startsWith(config + ":22: pin_map: pin map line 2 'gpio:99 1 RECALL'");
    }

    @Test
    void warnsWhenNoKioskMaySyncWithTheHub() throws Exception {
        Path config = displayConfig("  { id = \"kiosk-1\", role = \"kiosk\", token_sha256 = \"" + "0".repeat(64) + "\" },\n", "");

        Finding hub = find(doctor(Clock.systemUTC()).examine(config), "hub");

        assertThat(hub.level()).isEqualTo(Finding.Level.WARN);
        assertThat(hub.detail()).startsWith(config + ":6: hub.devices: empty");
    }

    @Test
    void checksAServerConfigThroughTheServersOwnValidator() throws Exception {
        Path config = dir.resolve("server.toml");
        Files.writeString(config, "port = 0\n[[branches]]\nid = \"b\"\nname = \"B\"\nhours = [\"08:00-12:00\"]\n"
                + "fields = [{ code = \"HT\", name_vi = \"Hộ tịch\", name_en = \"Civil status\" }]\n"
                + "counters = [{ number = 1, fields = [\"HT\"] }]\n");

        List<Finding> findings = doctor(Clock.systemUTC()).examine(config);

        assertThat(findings).as(report(findings)).extracting(Finding::level).containsOnly(Finding.Level.OK);
    }

    private static Finding find(List<Finding> findings, String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " line in\n" + report(findings)));
    }
}
