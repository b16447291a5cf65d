package vn.luot.kiosk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.config.ConfigException;

/** A config with a typo names the file, the line and the key, and the kiosk does not start half-configured. */
class KioskConfigTest {

    private static final String GOOD = """
            device_id = "kiosk-2"
            data_dir = "%s"
            idle_timeout_seconds = 45
            branch = "demo"
            [upstream]
            url = "http://127.0.0.1:9"
            token = "t"
            [printer]
            simulated = true
            profile = "generic-58mm"
            [scanner]
            kind = "keyboard"
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("kiosk.toml");
        Files.writeString(file, text.formatted(dir.resolve("data")), StandardCharsets.UTF_8);
        return file;
    }

    private ConfigException failure(String text) throws IOException {
        Path file = write(text);
        try {
            KioskConfig.load(file);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("accepted:\n" + text);
    }

    @Test
    void theShippedDemoConfigAndAGoodFileLoad() throws IOException {
        assertThat(KioskConfig.demo().deviceId()).isEqualTo("kiosk-1");
        KioskConfig good = KioskConfig.load(write(GOOD));
        assertThat(good.idleTimeoutSeconds()).isEqualTo(45);
        assertThat(good.printerProfile().paperWidthDots()).isLessThan(576);
        assertThat(good.branchDefinition().fields()).isNotEmpty();
    }

    @Test
    void printerStatusQueriesAreOnByDefaultAndOffWithNone() throws IOException {
        assertThat(KioskConfig.load(write(GOOD)).printerStatusQueries()).isTrue();
        assertThat(KioskConfig.load(write(GOOD.replace("simulated = true", "simulated = true\nstatus = \"none\"")))
                .printerStatusQueries()).isFalse();
        ConfigException wrong = failure(GOOD.replace("simulated = true", "simulated = true\nstatus = \"off\""));
        assertThat(wrong.getMessage()).contains("status", "'off'", "query", "none");
    }

    @Test
    void theVietnameseStrategyCanBeChosenWhereTheProfileHasThePageAndIsRefusedWhereItHasNone() throws IOException {
        KioskConfig cp1258 = KioskConfig.load(write(GOOD.replace("generic-58mm", "zjiang-pos5890")
                .replace("simulated = true", "simulated = true\nvietnamese = \"cp1258\"")));
        assertThat(cp1258.printerProfile().vietnamese()).isEqualTo(vn.luot.printer.profile.VietnameseStrategy.CP1258);
        assertThat(cp1258.printerProfile().cp1258Page()).isEqualTo(94);
        ConfigException none = failure(GOOD.replace("simulated = true", "simulated = true\nvietnamese = \"tcvn3\""));
        assertThat(none.getMessage()).contains("vietnamese", "generic-58mm");
    }

    @Test
    void aMisspelledKeyIsNamedWithItsLine() throws IOException {
        ConfigException e = failure(GOOD.replace("idle_timeout_seconds", "idle_timout_seconds"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("kiosk.toml:3").contains("idle_timout_seconds");
    }

    @Test
    void aWrongTypeAnUnknownProfileABadTransportAndAMissingBranchFileAreEachNamed() throws IOException {
        assertThat(failure(GOOD.replace("= 45", "= \"forty\"")).getMessage()).contains("idle_timeout_seconds");

        ConfigException profile = failure(GOOD.replace("generic-58mm", "epson-tm-t99"));
        assertThat(profile.key()).isEqualTo("printer.profile");
        assertThat(profile.line()).isEqualTo(10);
        assertThat(profile.getMessage()).contains("epson-tm-t99").contains("generic-80mm");

        ConfigException transport = failure(GOOD.replace("simulated = true", "simulated = false\ntransport = \"lpt1\""));
        assertThat(transport.key()).isEqualTo("printer.transport");
        assertThat(transport.line()).isEqualTo(10);

        ConfigException branch = failure(GOOD.replace("branch = \"demo\"", "branch = \"/nonexistent/branch.toml\""));
        assertThat(branch.key()).isEqualTo("branch");
        assertThat(branch.line()).isEqualTo(4);

        ConfigException pin = failure(GOOD.replace("token = \"t\"", "token = \"t\"\npins = [\"md5/x\"]"));
        assertThat(pin.key()).isEqualTo("upstream.pins");
        assertThat(pin.getMessage()).contains("https://");

        ConfigException scanner = failure(GOOD.replace("kind = \"keyboard\"", "kind = \"bluetooth\""));
        assertThat(scanner.key()).isEqualTo("scanner.kind");
    }

    @Test
    void aBranchFileWithTheServersShapeDefinesTheKiosksBranch() throws IOException {
        Path branchFile = dir.resolve("branch.toml");
        Files.writeString(branchFile, """
                id = "hn-caugiay"
                name = "Chi nhánh số 8 (Cầu Giấy)"
                hours = ["08:00-11:30"]
                slot_minutes = 30
                fields = [ { code = "HT", name_vi = "Hộ tịch", name_en = "Civil status" } ]
                counters = [ { number = 1, fields = ["HT"] } ]
                """, StandardCharsets.UTF_8);
        KioskConfig config = KioskConfig.load(write(GOOD.replace("\"demo\"", "\"" + branchFile + "\"")));
        assertThat(config.branchDefinition().id()).isEqualTo("hn-caugiay");
        assertThat(config.branchDefinition().slots()).hasSize(7);

        Files.writeString(branchFile, "id = \"x\"\nname = \"y\"\nhours = [\"8h-11h\"]\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KioskConfig.load(dir.resolve("kiosk.toml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("branch.toml");
    }

    @Test
    void theKioskWithATypoExitsNamingTheKeyAndCreatesNothing() throws Exception {
        Path file = write(GOOD.replace("[printer]", "[printr]"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "vn.luot.kiosk.KioskMain", "--config", file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("kiosk.toml:8").contains("printr");
        assertThat(dir.resolve("data")).as("nothing opened or created").doesNotExist();
    }
}
