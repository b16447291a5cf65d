package vn.luot.deploy.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds systemd's watchdog while the program is healthy. systemd sets {@code WATCHDOG_USEC} when the
 * unit has {@code WatchdogSec=}; every third of it, each probe is asked, and only if all are healthy
 * is {@code WATCHDOG=1} sent. A program that stops being healthy is killed by systemd at the end of
 * the period and restarted ({@code Restart=always}).
 *
 * <p>Java 17 cannot send the {@code sd_notify} datagram itself (no datagram sockets on Unix domain
 * addresses), so {@link #systemdNotify()} runs {@code systemd-notify}; the unit needs
 * {@code NotifyAccess=all} because that process is not the unit's main process. systemd may drop a
 * message whose short-lived sender has already exited before it was read; pinging three times per
 * period means one lost ping never kills a healthy program.
 */
public final class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class.getName());

    private final Duration interval;
    private final List<HealthProbe> probes;
    private final Consumer<String> notifier;
    private volatile String lastProblem;

    Watchdog(Duration interval, List<HealthProbe> probes, Consumer<String> notifier) {
        this.interval = interval;
        this.probes = List.copyOf(probes);
        this.notifier = notifier;
    }

    /** A watchdog when systemd asked for one (its environment has {@code WATCHDOG_USEC}), else empty. */
    public static Optional<Watchdog> fromEnvironment(Map<String, String> env, List<HealthProbe> probes,
                                                     Consumer<String> notifier) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || env.get("NOTIFY_SOCKET") == null) {
            return Optional.empty();
        }
        long micros;
        try {
            micros = Long.parseLong(usec.trim());
        } catch (NumberFormatException e) {
            LOG.warning("ignoring WATCHDOG_USEC='" + usec + "': not a number");
            return Optional.empty();
        }
        if (micros <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Watchdog(Duration.ofNanos(micros * 1000 / 3), probes, notifier));
    }

    public Duration interval() {
        return interval;
    }

    /** Asks every probe once and pings when all are healthy; returns whether it pinged. */
    public boolean check() {
        for (HealthProbe probe : probes) {
            Optional<String> problem = probe.problem();
            if (problem.isPresent()) {
                if (!problem.get().equals(lastProblem)) {
                    LOG.severe("not feeding the systemd watchdog: " + problem.get() + "; systemd will restart the program");
                }
                lastProblem = problem.get();
                return false;
            }
        }
        lastProblem = null;
        notifier.accept("WATCHDOG=1");
        return true;
    }

    /** Runs {@link #check()} every {@link #interval()} on a daemon thread. */
    public void start() {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    check();
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "watchdog check failed", e);
                }
            }
        }, "systemd-watchdog");
        t.setDaemon(true);
        t.start();
    }

    /** Sends a state string with the {@code systemd-notify} command, waiting at most 5 seconds. */
    public static Consumer<String> systemdNotify() {
        return state -> {
            try {
                Process p = new ProcessBuilder("systemd-notify", state).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    LOG.warning("systemd-notify " + state + " did not finish within 5 s");
                }
            } catch (IOException e) {
                LOG.warning("cannot run systemd-notify: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
