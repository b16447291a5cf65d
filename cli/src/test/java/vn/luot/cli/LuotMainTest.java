package vn.luot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.luot.core.testing.CommandRun;

/** {@code ./luot help} and {@code ./luot completion}, generated from the programs' own commands. */
class LuotMainTest {

    private static final Path SCRIPT = Path.of("..", "luot");

    /** The commands the shell script dispatches: its case labels, help and its aliases aside. */
    private static Set<String> dispatched() throws Exception {
        Matcher m = Pattern.compile("(?m)^    ([a-z][a-z|-]*)\\)$").matcher(Files.readString(SCRIPT));
        return m.results().map(r -> r.group(1).split("\\|")[0]).collect(Collectors.toSet());
    }

    @Test
    void everyCommandTheScriptRunsIsListedAndEveryListedOneIsRun() throws Exception {
        Set<String> listed = LuotMain.commandLine().getSubcommands().keySet();
        assertThat(dispatched()).isNotEmpty().containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void helpListsEveryCommandAndHelpOfOneCommandNamesItUnderLuot() {
        CommandRun all = CommandRun.of(LuotMain.commandLine(), "help");
        assertThat(all.status()).isZero();
        assertThat(all.out()).contains("Lượt", "demo", "server", "kiosk", "display", "announce", "printer-test",
                "bench", "doctor", "report", "walkthrough", "test", "build");
        CommandRun server = CommandRun.of(LuotMain.commandLine(), "help", "server");
        assertThat(server.out()).contains("Usage: luot server", "--now", "--demo");
        CommandRun crash = CommandRun.of(LuotMain.commandLine(), "bench", "help", "crash");
        assertThat(crash.out()).contains("Usage: luot bench crash", "--kills", "--control");
    }

    @Test
    void aUsageErrorInASubcommandExitsTwoNamingTheOption() {
        for (List<String> args : List.of(List.of("server", "--port"), List.of("report", "--demo", "--out"),
                List.of("display", "--hash-pin"), List.of("printer", "--width", "wide"))) {
            CommandRun run = CommandRun.of(LuotMain.commandLine(), args.toArray(String[]::new));
            assertThat(run.status()).as("%s", args).isEqualTo(2);
            assertThat(run.message()).as("%s", args).contains(args.get(args.size() - 1));
        }
        CommandRun unknown = CommandRun.of(LuotMain.commandLine(), "kiosk", "--fullscreen");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.message()).contains("'--fullscreen'");
    }

    @Test
    void theCompletionKnowsEveryCommandAndItsOptions() {
        CommandRun run = CommandRun.of(LuotMain.commandLine(), "completion");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("complete -F _complete_luot", "printer-test", "--hash-pin", "--previous-key",
                "--ignore-image-align", "crash", "--kills");
        for (CommandLine sub : LuotMain.commandLine().getSubcommands().values()) {
            assertThat(run.out()).contains(sub.getCommandName());
        }
    }
}
