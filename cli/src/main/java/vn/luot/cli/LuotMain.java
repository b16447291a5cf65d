package vn.luot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import vn.luot.bench.BenchMain;
import vn.luot.core.devices.EnrolMain;
import vn.luot.bench.QueueWalkthrough;
import vn.luot.demo.DemoMain;
import vn.luot.deploy.doctor.DoctorMain;
import vn.luot.display.DisplayMain;
import vn.luot.display.voice.AnnounceMain;
import vn.luot.kiosk.KioskMain;
import vn.luot.kiosk.PrinterTestMain;
import vn.luot.printer.virtual.VirtualPrinterMain;
import vn.luot.report.ReportMain;
import vn.luot.server.BookingServerMain;

/**
 * {@code ./luot help [COMMAND]} and {@code ./luot completion}: every program's own picocli command as a
 * subcommand of one {@code luot} command, for the generated help and the bash completion. The programs run from
 * their own modules ({@code ./luot} dispatches to each one's main with that module's class path); {@code test}
 * and {@code build} are the shell script's own and are here only to be listed and completed.
 */
@Command(name = "luot", header = "Lượt — branch queue firmware",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        footer = {"", "./luot help COMMAND (or ./luot COMMAND --help) for a command's options;"
                + " source <(./luot completion) to complete them in bash."})
public final class LuotMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The luot command with every subcommand, in the order the help lists them. */
    public static CommandLine commandLine() {
        CommandLine luot = new CommandLine(new LuotMain())
                .addSubcommand("demo", named("demo", new DemoMain()))
                .addSubcommand("walkthrough", named("walkthrough", new QueueWalkthrough()))
                .addSubcommand("server", named("server", new BookingServerMain()))
                .addSubcommand("kiosk", named("kiosk", new KioskMain()))
                .addSubcommand("display", named("display", new DisplayMain()))
                .addSubcommand("announce", named("announce", new AnnounceMain()))
                .addSubcommand("printer", named("printer", new VirtualPrinterMain()))
                .addSubcommand("printer-test", named("printer-test", new PrinterTestMain()))
                .addSubcommand("bench", named("bench", new BenchMain()))
                .addSubcommand("doctor", named("doctor", new DoctorMain()))
                .addSubcommand("enrol", named("enrol", new EnrolMain()))
                .addSubcommand("report", named("report", new ReportMain()))
                .addSubcommand("test", new Test())
                .addSubcommand("build", new Build())
                .addSubcommand("completion", new Completion())
                .addSubcommand("help", new HelpCommand());
        // picocli applies these to the subcommands already added.
        return luot.setCaseInsensitiveEnumValuesAllowed(true).setUsageHelpWidth(100);
    }

    /** A program's command under its name here: standalone its usage says "luot server", here "server". */
    private static CommandLine named(String name, Object command) {
        CommandLine line = new CommandLine(command);
        line.getCommandSpec().name(name);
        return line;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code ./luot test}: run by the shell script (it installs packages with apt-get first); listed here. */
    @Command(name = "test", description = {"Every test (CI runs exactly this): installs the Debian packages the tests"
            + " need that this machine lacks (.ci/test-packages; apt-get, with sudo when not root), then ./mvnw -B verify"
            + " and the deploy/test scripts.", "Extra arguments go to Maven."})
    static final class Test implements Callable<Integer> {
        @Option(names = "--quick", description = "the fast tier: no tests tagged slow, no deploy/test scripts")
        boolean quick;

        @Unmatched
        List<String> maven = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "luot test runs from the ./luot script, not from Java");
        }
    }

    /** {@code ./luot build}: run by the shell script; listed here. */
    @Command(name = "build", description = "(Re)build everything, skipping tests.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "luot build runs from the ./luot script, not from Java");
        }
    }

    /** {@code ./luot completion}: the bash completion script of every command and option. */
    @Command(name = "completion", description = "Prints the bash completion script: source <(./luot completion).")
    static final class Completion implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine luot = spec.commandLine().getParent();
            luot.getOut().print(AutoComplete.bash("luot", luot));
            luot.getOut().flush();
            return 0;
        }
    }
}
