package vn.luot.deploy.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.luot.display.buttons.PinMap;
import vn.luot.display.config.DisplayConfig;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.server.ServerConfig;

/** The config templates the packages install in /etc/luot pass the programs' own validators. */
class ConfigTemplatesTest {

    private static final Path DEB = Path.of("src/deb");

    private static Path template(String program) {
        return DEB.resolve(program + "/root/etc/luot/" + program + ".toml");
    }

    @Test
    void kioskTemplatePassesTheKiosksValidatorWithProductionValues() {
        KioskConfig config = KioskConfig.load(template("kiosk"));

        assertThat(config.printer().simulated()).isFalse();
        assertThat(config.printer().transport()).isEqualTo("usb:/dev/luot-printer");
        assertThat(config.scanner().port()).isEqualTo("/dev/luot-scanner");
        assertThat(config.dataDir()).isEqualTo("/var/lib/luot/kiosk");
        assertThat(config.upstream().token()).as("no token in a world-readable file").isNull();
        assertThat(config.upstream().tokenFile()).isEqualTo("/etc/luot/kiosk.token");
    }

    @Test
    void serverTemplatePassesTheServersValidator() {
        ServerConfig config = ServerConfig.load(template("server"));

        assertThat(config.toBranches()).hasSize(1);
        assertThat(config.devices()).isEmpty();
    }

    @Test
    void displayTemplatePassesTheDisplaysValidatorWithProductionValues() {
        DisplayConfig config = DisplayConfig.load(template("display"));

        assertThat(config.dataDir()).isEqualTo("/var/lib/luot/display");
        assertThat(config.boards().simulated()).isFalse();
        assertThat(config.boards().port()).isEqualTo("/dev/luot-rs485");
        assertThat(config.boards().board()).extracting(DisplayConfig.Board::counter).containsExactly(1, 2, 3, 4);
        assertThat(config.buttons().simulated()).isFalse();
        assertThat(config.voice().output()).isEqualTo("speaker");
        assertThat(config.upstream().token()).as("no token in a world-readable file").isNull();
        assertThat(config.upstream().tokenFile()).isEqualTo("/etc/luot/display.token");
        assertThat(config.counterPinHashes()).as("no demo PINs in production").isEmpty();
        assertThat(config.staff().supervisorPin()).isNull();
    }

    @Test
    void kiosksSyncWithTheHubOnThePortTheDisplayListensOn() {
        String hub = "http://luot-hub.local:" + DisplayConfig.load(template("display")).hub().port();
        KioskConfig kiosk = KioskConfig.load(template("kiosk"));

        assertThat(kiosk.upstream().url()).isEqualTo(hub);
        assertThat(kiosk.statusUrlBase()).as("the hub's waiting page").isEqualTo(hub + "/t/");
    }

    @Test
    void displayTemplatesPinMapIsTheWiringPagesDefault() throws IOException {
        String wiring = Files.readString(Path.of("../hardware-docs/wiring.md"));
        String section = wiring.substring(wiring.indexOf("## 4. Pin map text"));
        int begin = section.indexOf("```\n") + 4;
        String documented = section.substring(begin, section.indexOf("\n```", begin));

        PinMap template = PinMap.parse(DisplayConfig.load(template("display")).buttons().pinMap());

        assertThat(template).isEqualTo(PinMap.parse(documented));
        assertThat(template.wires()).hasSize(28);
        assertThat(template.ackOutputs()).hasSize(4);
        assertThat(template.expanderInterrupt()).hasValue(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk", "display", "server"})
    void everyKeyHasACommentAbove(String program) throws IOException {
        List<String> uncommented = new ArrayList<>();
        List<String> lines = Files.readAllLines(template(program));
        boolean commentedBlock = false;
        int depth = 0;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                commentedBlock = false;
            } else if (line.startsWith("#")) {
                commentedBlock = true;
            } else if (depth == 0 && line.matches("[a-z_]+\\s*=.*") && !commentedBlock) {
                uncommented.add(line);
            }
            depth += count(line.replaceAll("#.*", ""), '[') - count(line.replaceAll("#.*", ""), ']');
            if (line.startsWith("[")) {
                depth = 0;
            }
        }
        assertThat(uncommented).as("keys of %s.toml without a comment above them", program).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk", "display"})
    void devicesAreRealAndNamedByTheUdevRules(String program) throws IOException {
        String text = Files.readString(template(program));

        assertThat(text).doesNotContainPattern("(?m)^simulated\\s*=\\s*true").doesNotContain("/dev/ttyUSB", "/dev/usb/lp0\"");
        assertThat(text).containsPattern("/dev/luot-(printer|rs485)");
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
