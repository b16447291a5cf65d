package vn.luot.deploy.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code Supervised MAIN-CLASS [ARGS...]}: runs a program's {@code main} with the systemd watchdog fed
 * from inside the JVM (see {@link Watchdog}). {@code luot-run} starts every packaged program this way;
 * outside systemd it only runs the program. Everything after MAIN-CLASS is the program's, options included.
 */
@Command(name = "Supervised",
        description = "Runs a program's main with the systemd watchdog fed from inside the JVM.")
public final class Supervised implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Parameters(index = "0", paramLabel = "MAIN-CLASS", description = "the program, e.g. vn.luot.kiosk.KioskMain")
    String mainClass;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "its arguments")
    List<String> args = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Everything after MAIN-CLASS is the program's, options included. */
    public static CommandLine commandLine() {
        return new CommandLine(new Supervised()).setStopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        Watchdog.fromEnvironment(System.getenv(),
                        List.of(new DeadlockProbe(), new FxThreadProbe(Duration.ofSeconds(10))), Watchdog.systemdNotify())
                .ifPresent(Watchdog::start);
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
        return 0;
    }
}
