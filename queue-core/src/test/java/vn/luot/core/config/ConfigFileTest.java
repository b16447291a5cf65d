package vn.luot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where {@link ConfigFile} says a key is: the line an installer opens in an editor. */
class ConfigFileTest {

    private static final String TEXT = """
            device_id = "hub-1"            # line 1
            [hub]
            port = 8080
            devices = [
              { id = "kiosk-1", role = "kiosk" },
              { id = "kiosk-2", role = "visitor" },
            ]
            [boards]
            # port = "/dev/old"
            port = "/dev/luot-rs485"
            board = [
              { counter = 1, address = 1 },
              { counter = 2,
                address = 300 },
            ]
            [staff.counter_pins]
            "3" = "x"
            [[printer]]
            port = "a"
            [[printer]]
            port = "b"
            """;

    @Test
    void aKeyThatAppearsInSeveralTablesIsFoundInItsOwn() {
        assertThat(ConfigFile.lineOf(TEXT, "hub.port")).isEqualTo(3);
        assertThat(ConfigFile.lineOf(TEXT, "boards.port")).as("not the commented-out line, not [hub]'s").isEqualTo(10);
        assertThat(ConfigFile.lineOf(TEXT, "printer[1].port")).isEqualTo(21);
        assertThat(ConfigFile.lineOf(TEXT, "printer[0].port")).isEqualTo(19);
    }

    @Test
    void aKeyInsideAnInlineTableOfAnArrayIsFoundByItsIndex() {
        assertThat(ConfigFile.lineOf(TEXT, "hub.devices[1].role")).isEqualTo(6);
        assertThat(ConfigFile.lineOf(TEXT, "boards.board[1].address")).as("a table spread over two lines").isEqualTo(14);
        assertThat(ConfigFile.lineOf(TEXT, "boards.board[0].address")).isEqualTo(12);
        assertThat(ConfigFile.lineOf(TEXT, "hub.devices.id")).as("no index: the first").isEqualTo(5);
    }

    @Test
    void tablesQuotedKeysAndBareKeysAreFound() {
        assertThat(ConfigFile.lineOf(TEXT, "boards")).isEqualTo(8);
        assertThat(ConfigFile.lineOf(TEXT, "staff.counter_pins.3")).isEqualTo(17);
        assertThat(ConfigFile.lineOf(TEXT, "device_id")).isEqualTo(1);
        assertThat(ConfigFile.lineOf(TEXT, "port")).as("a bare key not at the top: its first line").isEqualTo(3);
        assertThat(ConfigFile.lineOf(TEXT, "nowhere.at_all")).isZero();
        assertThat(ConfigFile.lineOf(TEXT, null)).isZero();
    }

    record Boards(String port, List<Board> board) {
    }

    record Board(Integer counter, Integer address) {
    }

    record Hub(Integer port) {
    }

    record File(Hub hub, Boards boards) {
    }

    @Test
    void aParseErrorNamesTheLineOfTheKeyInItsTableNotTheFirstKeyOfThatName() {
        String text = """
                [hub]
                port = 8080
                [boards]
                port = "/dev/luot-rs485"
                board = [
                  { counter = 1, address = 1 },
                  { counter = 2, adress = 2 },
                ]
                """;
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("display.toml"), text, File.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("display.toml:7: boards.board[1].adress: unknown key 'adress'");
        String wrongType = text.replace("adress = 2", "address = 2").replace("port = 8080", "port = 8080\n")
                .replace("port = \"/dev/luot-rs485\"", "port = [1]");
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("display.toml"), wrongType, File.class))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(5))
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("boards.port"));
    }
}
