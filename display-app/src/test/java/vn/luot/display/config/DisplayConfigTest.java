package vn.luot.display.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.luot.core.config.ConfigException;
import vn.luot.display.DisplayRig;

class DisplayConfigTest {

    @Test
    void theShippedDemoConfigIsValid() {
        DisplayConfig demo = DisplayConfig.demo();
        assertThat(demo.boards().board()).hasSize(5);
        assertThat(demo.counterPinHashes()).hasSize(10);
    }

    @Test
    void callsSayTheFieldAndAreRepeatedTwiceUnlessTheBranchSaysOtherwise() throws Exception {
        assertThat(DisplayConfig.demo().voice().saysField()).isTrue();
        assertThat(DisplayConfig.demo().voice().repeatCount()).isEqualTo(2);
        String demo = new String(DisplayConfig.class.getResourceAsStream("/demo-display.toml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String bare = demo.replace("say_field = true\n", "").replace("repeat = 2\n", "");
        assertThat(DisplayConfig.parse(Path.of("d.toml"), bare).voice().saysField()).as("absent: said").isTrue();
        assertThat(DisplayConfig.parse(Path.of("d.toml"), bare).voice().repeatCount()).isEqualTo(2);
        DisplayConfig unique = DisplayConfig.parse(Path.of("d.toml"),
                demo.replace("say_field = true", "say_field = false").replace("repeat = 2", "repeat = 1"));
        assertThat(unique.voice().saysField()).isFalse();
        assertThat(unique.voice().repeatCount()).isEqualTo(1);
        assertThatThrownBy(() -> DisplayConfig.parse(Path.of("d.toml"), demo.replace("repeat = 2", "repeat = 4")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("repeat").hasMessageContaining("1..3");
    }

    @Test
    void aSecondNextIsGuardedForFiveSecondsUnlessTheBranchSaysOtherwise() throws Exception {
        String demo = new String(DisplayConfig.class.getResourceAsStream("/demo-display.toml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(DisplayConfig.demo().staff().repeatGuard()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(DisplayConfig.parse(Path.of("d.toml"), demo.replace("repeat_guard_seconds = 5\n", ""))
                .staff().repeatGuard()).as("absent: the default").isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(DisplayConfig.parse(Path.of("d.toml"), demo.replace("repeat_guard_seconds = 5", "repeat_guard_seconds = 0"))
                .staff().repeatGuard()).isZero();
        assertThatThrownBy(() -> DisplayConfig.parse(Path.of("d.toml"),
                demo.replace("repeat_guard_seconds = 5", "repeat_guard_seconds = 600")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("repeat_guard_seconds")
                .hasMessageContaining("0..60");
    }

    @Test
    void aMisspelledKeyNamesTheKeyAndTheLineAndNothingStarts() throws Exception {
        String text = """
                device_id = "hub"
                data_dir = "x"
                [hub]
                port = 8090
                [boards]
                simulated = true
                baud_rate = 9600
                """;
        assertThatThrownBy(() -> DisplayConfig.parse(Path.of("display.toml"), text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("display.toml:7")
                .hasMessageContaining("baud_rate")
                .hasMessageContaining("known keys here: baud, board, health_seconds, parity, port, profile, simulated, stop_bits");
    }

    @Test
    void aBadValueNamesItsKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String good = DisplayRig.config(dir, "", "").toString();
        assertThat(good).isNotEmpty();
        String text = new String(DisplayConfig.class.getResourceAsStream("/demo-display.toml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("profile = \"modbus-led\"", "profile = \"modbus\"");
        assertThatThrownBy(() -> DisplayConfig.parse(Path.of("d.toml"), text))
                .isInstanceOf(ConfigException.class).hasMessageContaining("profile")
                .hasMessageContaining("luot, modbus-led, dm36, dm56, not modbus");
        String badPin = text.replace("profile = \"modbus\"", "profile = \"luot\"")
                .replaceFirst("\"3\" = \"[^\"]+\"", "\"3\" = \"1234\"");
        assertThatThrownBy(() -> DisplayConfig.parse(Path.of("d.toml"), badPin))
                .hasMessageContaining("--hash-pin");
    }

    @Test
    void anExpanderPinTheDatasheetMakesOutputOnlyIsAConfigErrorNamingThePinMap() throws Exception {
        String text = new String(DisplayConfig.class.getResourceAsStream("/demo-display.toml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("gpio:21 1 DISSATISFIED", "mcp:0x20:15 1 DISSATISFIED");
        assertThatThrownBy(() -> DisplayConfig.parse(Path.of("d.toml"), text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("d.toml:")
                .hasMessageContaining("pin_map: pin map line 16 'mcp:0x20:15 1 DISSATISFIED'")
                .hasMessageContaining("GPB7");
    }
}
