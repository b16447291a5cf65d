package vn.luot.deploy.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Supervised MAIN-CLASS [ARGS...]}: runs a program's {@code main} with the systemd watchdog fed
 * from inside the JVM (see {@link Watchdog}). {@code luot-run} starts every packaged program this way;
 * outside systemd it only runs the program.
 */
public final class Supervised {

    private Supervised() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: Supervised MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        Watchdog.fromEnvironment(System.getenv(),
                        List.of(new DeadlockProbe(), new FxThreadProbe(Duration.ofSeconds(10))), Watchdog.systemdNotify())
                .ifPresent(Watchdog::start);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
