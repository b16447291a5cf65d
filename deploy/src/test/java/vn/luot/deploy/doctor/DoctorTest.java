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
    private Path branchFile;
    /** What wlr-randr prints in the screen session: the touch screen on its side, turned by the session. */
    private String wlrRandr = wlrRandr("1920x1080", "90");

    static String wlrRandr(String mode, String transform) {
        return "HDMI-A-1 \"Iiyama PL2292H (HDMI-A-1)\"\n  Enabled: yes\n  Modes:\n    " + mode
                + " px, 60.000000 Hz (preferred, current)\n  Position: 0,0\n  Transform: " + transform + "\n  Scale: 1.000000\n";
    }

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
        Files.writeString(sysfs.resolve("class/drm/card1-HDMI-A-1/modes"), "1920x1080\n1280x720\n");
        // The rest of a well-installed Pi, below the same root: NTP synchronised, an RTC, a plain root.
        Files.createDirectories(sysfs.resolve("class/rtc/rtc0"));
        Files.writeString(sysfs.resolve("class/rtc/rtc0/name"), "rpi-rtc soc:rpi_rtc\n");
        Files.createDirectories(dir.resolve("run/systemd/timesync"));
        Files.writeString(dir.resolve("run/systemd/timesync/synchronized"), "");
        Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("proc/mounts"), "/dev/mmcblk0p2 / ext4 rw,noatime 0 0\nproc /proc proc rw 0 0\n");
        branchFile = dir.resolve("branch.toml");
        Files.writeString(branchFile, """
                id = "hn-caugiay"
                name = "Chi nhánh số 8 (Cầu Giấy)"
                hours = ["08:00-11:30"]
                slot_minutes = 30
                fields = [ { code = "HT", name_vi = "Hộ tịch", name_en = "Civil status" } ]
                counters = [ { number = 1, fields = ["HT"] } ]
                """, StandardCharsets.UTF_8);
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
        }), () -> java.util.Optional.of(wlrRandr));
    }

    private Path kioskConfig(String... replacements) throws IOException {
        String text = """
                device_id = "kiosk-1"
                data_dir = "%s"
                branch = "%s"

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

                [screen]
                output = "HDMI-A-1"
                transform = "90"
                """.formatted(dir.resolve("data"), branchFile, upstream.getAddress().getPort(), dir.resolve("kiosk.token"),
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

    /** The branch's ticket key as the hub makes it: 32 bytes, owner only. */
    private Path ticketKey(byte[] key, String mode) throws Exception {
        Path file = dir.resolve("data/ticket.key");
        Files.createDirectories(file.getParent());
        Files.write(file, key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void reportsEveryCheckOkForAKioskOnWorkingDevices() throws Exception {
        ticketKey(new byte[32], "rw-------");
        List<Finding> findings = doctor(Clock.systemUTC()).examine(kioskConfig());

        assertThat(findings).extracting(Finding::check)
                .containsExactly("config", "token", "printer", "scanner", "ticket-key", "screen", "upstream", "clock", "database",
                        "branch", "output", "ntp", "rtc", "storage");
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
        assertThat(text.lines().filter(l -> l.startsWith("OK "))).hasSize(13);
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
    void warnsThatAPrinterSilentToStatusRequestsIsPrintedToWithoutStatus() throws Exception {
        virtualPrinter.setAnswersStatus(false);

        Finding printer = find(doctor(Clock.systemUTC()).examine(kioskConfig()), "printer");

        assertThat(printer.level()).isEqualTo(Finding.Level.WARN);
        assertThat(printer.line()).contains("STATUS_UNSUPPORTED", "status unsupported", "printer.status = \"none\"");
        assertThat(virtualPrinter.statusRequests()).isEqualTo(6);
    }

    @Test
    void withStatusQueriesOffTheDoctorSendsNoDleEotAndSaysPaperOutGoesUnnoticed() throws Exception {
        Path config = kioskConfig("transport = \"tcp:", "status = \"none\"\ntransport = \"tcp:");

        Finding printer = find(doctor(Clock.systemUTC()).examine(config), "printer");

        assertThat(printer.level()).isEqualTo(Finding.Level.WARN);
        assertThat(printer.line()).contains("NOT_QUERIED", "paper out and an open cover go unnoticed");
        assertThat(virtualPrinter.statusRequests()).isZero();
    }

    @Test
    void failsAnUnparsableTransportNamingFileLineAndKey() throws Exception {
        Path config = kioskConfig("transport = \"tcp:", "transport = \"parallel:");

        List<Finding> findings = doctor(Clock.systemUTC()).examine(config);

        Finding check = find(findings, "config");
        assertThat(check.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(check.detail()).startsWith(config + ":12: printer.transport: 'parallel:127.0.0.1:");
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
    void theTicketKeyIsShownByFingerprintAndAMissingReadableOrEmptyOneIsSaid() throws Exception {
        Path config = kioskConfig();
        Finding missing = find(doctor(Clock.systemUTC()).examine(config), "ticket-key");
        assertThat(missing.level()).isEqualTo(Finding.Level.WARN);
        assertThat(missing.line()).contains("will not open its tickets' links").contains("/var/lib/luot/display/ticket.key");

        Path key = ticketKey(new byte[32], "rw-------");
        Finding present = find(doctor(Clock.systemUTC()).examine(config), "ticket-key");
        assertThat(present.level()).isEqualTo(Finding.Level.OK);
        // SHA-256 of 32 zero bytes begins 66 68 7a ad
        assertThat(present.detail()).contains("fingerprint 66:68:7a:ad");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(find(doctor(Clock.systemUTC()).examine(config), "ticket-key").line())
                .startsWith("FAIL").contains("readable by other users").contains("chmod 600");

        ticketKey(new byte[0], "rw-------");
        assertThat(find(doctor(Clock.systemUTC()).examine(config), "ticket-key").line())
                .startsWith("FAIL").contains("is 0 bytes, not 32");
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
        Path config = kioskConfig();
        upstream.stop(0);

        List<Finding> findings = doctor(Clock.systemUTC()).examine(config);

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

    /** LED boards on the far end of the pty the display config names as its RS-485 adapter. */
    private vn.luot.display.simulator.SimulatedBoards boardsOnTheBus(
            java.util.function.UnaryOperator<vn.luot.display.simulator.SimulatedBoards.Builder> boards) throws Exception {
        java.util.concurrent.BlockingQueue<String> log = new java.util.concurrent.LinkedBlockingQueue<>();
        vn.luot.display.simulator.SimulatedBoards sim = boards.apply(vn.luot.display.simulator.SimulatedBoards
                .builder(dir.resolve("scanner-far").toString(), Clock.systemUTC()).log(log::add)).build().start();
        String line;
        do {
            line = log.poll(5, TimeUnit.SECONDS);
        } while (line != null && !line.startsWith("listening on"));
        assertThat(line).as("the simulated boards opened their pty").isNotNull();
        return sim;
    }

    @Test
    void checksADisplayWithItsLedBusOnAPtyAndSimulatedButtons() throws Exception {
        wlrRandr = wlrRandr("1920x1080", "normal");
        List<Finding> findings;
        try (var boards = boardsOnTheBus(b -> b.board(1, "luot"))) {
            findings = doctor(Clock.systemUTC()).examine(displayConfig("device_id = \"display-1\"\n",
                    "device_id = \"display-1\"\nbranch = \"" + branchFile + "\"\n"));
        }

        assertThat(findings).extracting(Finding::check).containsExactly("config", "token", "hub", "leds", "led-board",
                "buttons", "i2c", "audio", "ticket-key", "staff", "screen", "upstream", "clock", "database", "branch", "output",
                "ntp", "rtc", "storage");
        assertThat(findings).as(report(findings)).noneMatch(f -> f.level() == Finding.Level.FAIL);
        assertThat(find(findings, "config").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(findings, "hub").detail()).contains("kiosk-1 (kiosk)");
        assertThat(find(findings, "leds").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(findings, "leds").detail()).contains(scannerPort + " opens at 9600 baud", "counters 1");
        assertThat(find(findings, "buttons").detail()).contains("2 button inputs on GPIO", "simulated");
        assertThat(find(findings, "audio").detail()).contains(dir.resolve("data/announcements").toString());
    }

    @Test
    void saysWhoCanSignInToTheStaffPageAndWhetherSharedPinsStillDo() throws Exception {
        Path config = displayConfig("[boards]", "[staff]\nsupervisor_pin = \"" + vn.luot.display.web.PinHash.hash("9999")
                + "\"\n\n[staff.counter_pins]\n\"1\" = \"" + vn.luot.display.web.PinHash.hash("1001") + "\"\n\n[boards]");
        Finding none = find(doctor(Clock.systemUTC()).examine(config), "staff");
        assertThat(none.level()).isEqualTo(Finding.Level.WARN);
        assertThat(none.detail()).contains("no personal staff accounts yet");

        Files.createDirectories(dir.resolve("data"));
        try (var accounts = vn.luot.core.staff.StaffAccounts.open(dir.resolve("data/staff.db"), Clock.systemUTC())) {
            accounts.create("ha", "Phạm Thu Hà", vn.luot.core.staff.StaffRole.SUPERVISOR, "h", "test");
            Finding supervisorOnly = find(doctor(Clock.systemUTC()).examine(config), "staff");
            assertThat(supervisorOnly.level()).isEqualTo(Finding.Level.WARN);
            assertThat(supervisorOnly.detail()).contains("1 active personal account(s), 1 supervisor(s)")
                    .contains("shared counter PINs still sign in").doesNotContain("supervisor PIN");
            accounts.create("lan", "Nguyễn Thị Lan", vn.luot.core.staff.StaffRole.CLERK, "h", "test");
            accounts.create("old", "Người cũ", vn.luot.core.staff.StaffRole.CLERK, "h", "test");
            accounts.setDisabled("old", true);
        }
        Finding personal = find(doctor(Clock.systemUTC()).examine(config), "staff");
        assertThat(personal.level()).isEqualTo(Finding.Level.OK);
        assertThat(personal.detail()).isEqualTo("2 active personal account(s), 1 supervisor(s), 1 disabled; no shared PIN"
                + " signs in");
        assertThat(personal.detail()).as("no staff name in the doctor's output").doesNotContain("Hà", "Lan");
    }

    @Test
    void pingsEveryLedBoardAndSaysOfEachWhetherItAnswersIsSilentOrRefusesItsRegister() throws Exception {
        List<Finding> findings;
        // Counter 3 is configured as a DM36 but the board is of the register-0 family: it has no registers 0..5.
        try (var boards = boardsOnTheBus(b -> b.board(1, "luot").board(3, "modbus-led"))) {
            findings = doctor(Clock.systemUTC()).examine(displayConfig("board = [ { counter = 1, address = 1, protocol = \"luot\" } ]",
                    "board = [ { counter = 1, address = 1, profile = \"luot\" },"
                            + " { counter = 2, address = 2, profile = \"modbus-led\" },"
                            + " { counter = 3, address = 3, profile = \"dm36\" } ]"));
        }
        List<Finding> boards = findings.stream().filter(f -> f.check().equals("led-board")).toList();
        assertThat(boards).as(report(findings)).hasSize(3);
        assertThat(boards.get(0).level()).isEqualTo(Finding.Level.OK);
        assertThat(boards.get(0).detail()).contains("counter 1, address 1 (luot): OK");
        assertThat(boards.get(1).level()).isEqualTo(Finding.Level.FAIL);
        assertThat(boards.get(1).detail()).contains("counter 2, address 2 (modbus-led): not answering");
        assertThat(boards.get(2).level()).isEqualTo(Finding.Level.FAIL);
        assertThat(boards.get(2).detail()).contains("counter 3, address 3 (dm36): answers but refuses the register (exception 2)");
        assertThat(boards.get(2).fix()).contains("profile");
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
        assertThat(check.detail()).startsWith(config + ":22: buttons.pin_map: pin map line 2 'gpio:99 1 RECALL'");
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
