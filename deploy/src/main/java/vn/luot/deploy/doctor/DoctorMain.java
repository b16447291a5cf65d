package vn.luot.deploy.doctor;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code luot doctor --config FILE [--config FILE...]}: one line per check, OK / WARN / FAIL and what to
 * do; exit status 1 when any check FAILs, 2 on a usage error. hardware-docs/troubleshooting.md explains
 * every line.
 */
public final class DoctorMain {

    private DoctorMain() {
    }

    public static void main(String[] args) {
        // One line per check: the libraries' own progress logging would bury them.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Path> configs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage(2);
                    }
                    configs.add(Path.of(args[++i]));
                }
                case "-h", "--help" -> usage(0);
                default -> {
                    System.err.println("luot doctor: unknown option " + args[i]);
                    usage(2);
                }
            }
        }
        if (configs.isEmpty()) {
            System.err.println("luot doctor: no config given (and none found in /etc/luot)");
            usage(2);
        }
        System.exit(run(configs, new Doctor(Host.system()), out));
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

    private static void usage(int status) {
        (status == 0 ? System.out : System.err).println(
                "usage: luot doctor --config FILE [--config FILE...]   (kiosk, display or server config)");
        System.exit(status);
    }
}
