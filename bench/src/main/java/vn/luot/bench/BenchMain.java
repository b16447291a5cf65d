package vn.luot.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Entry point of {@code ./luot bench NAME}: one subcommand per benchmark; each writes target/bench/NAME.json. */
@Command(name = "luot bench", subcommands = {PrinterBench.class, HelpCommand.class},
        description = "Benchmarks and drills; each writes target/bench/NAME.json.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    private static final Path OUT = Path.of("target", "bench");

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which benchmark? name one of the commands below");
    }

    @Command(name = "core", description = "Queue benchmark: check-in, call-next, fold.")
    int core() throws Exception {
        CoreBench.run(OUT);
        return 0;
    }

    @Command(name = "crash", description = "SIGKILL power-loss drill of the queue store.")
    int crash(@Option(names = "--kills", paramLabel = "N", defaultValue = "300", description = "kills (default 300)") int kills,
            @Option(names = "--seed", paramLabel = "S", description = "the drill's seed (default: a new one)") Long seed,
            @Option(names = "--control", description = "the negative control, which must report problems") boolean control)
            throws Exception {
        return CrashBench.run(kills, seed != null ? seed : System.nanoTime(), control, OUT);
    }

    @Command(name = "sync", description = "Sync benchmark against a real booking server on loopback.")
    int sync() throws Exception {
        SyncBench.run(OUT);
        return 0;
    }

    @Command(name = "kiosk", description = "Kiosk scan-to-print, cold start and memory, on Monocle.")
    int kiosk() throws Exception {
        KioskBench.run(OUT);
        return 0;
    }

    @Command(name = "display", description = "Button press to LED, TV board and voice; check-in to TV.")
    int display() throws Exception {
        DisplayBench.run(OUT);
        return 0;
    }

    @Command(name = "day", description = "A branch day 08:00-17:00 on a compressed clock under faults, server and kiosks"
            + " in their own JVMs; checks nothing lost, duplicated or divergent.")
    int day(@Option(names = "--seed", paramLabel = "N", description = "the day's seed (default: a new one)") Long seed,
            @Option(names = "--short", description = "a tenth of the citizens, at twice the clock rate") boolean shortDay)
            throws Exception {
        return DayBench.run(seed != null ? seed : System.nanoTime() % 1_000_000, shortDay, OUT);
    }
}
