package vn.luot.deploy.doctor;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code luot doctor --config FILE [--config FILE...]}: one line per check, OK / WARN / FAIL and what to
 * do; exit status 1 when any check FAILs, 2 on a usage error. hardware-docs/troubleshooting.md explains
 * every line.
 */
@Command(name = "luot doctor",
        description = {"Checks a device: config, printer, serial ports, GPIO pins, audio, screen, clock, upstream,"
                + " SQLite file; one line per check (OK/WARN/FAIL), exit 1 on FAIL.",
                "hardware-docs/troubleshooting.md explains every line."})
public final class DoctorMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "a kiosk, display or server config (repeatable)")
    List<Path> configs;

    public static void main(String[] args) {
        // One line per check: the libraries' own progress logging would bury them.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        System.exit(new CommandLine(new DoctorMain()).execute(args));
    }

    @Override
    public Integer call() {
        return run(configs, new Doctor(Host.system()), new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    /** Examines every config, prints the findings and returns the exit status. */
    static int run(List<Path> configs, Doctor doctor, PrintStream out) {
        boolean failed = false;
        for (Path config : configs) {
            out.println("== " + config);
            for (Finding f : doctor.examine(config)) {
                out.println(f.line());
                failed |= f.level() == Finding.Level.FAIL;
            }
        }
        out.println(failed ? "luot doctor: something FAILed: fix the FAIL lines above first (hardware-docs/troubleshooting.md)"
                : "luot doctor: no FAIL");
        return failed ? 1 : 0;
    }
}
