package vn.luot.deploy.run;

import java.util.Optional;

/** One question the watchdog asks before it tells systemd the program is alive. */
@FunctionalInterface
public interface HealthProbe {

    /** Empty when healthy, else what is wrong (logged, and the watchdog ping is withheld). */
    Optional<String> problem();
}
