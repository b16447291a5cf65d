package vn.luot.deploy.doctor;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import vn.luot.core.domain.BranchTime;

/**
 * What the doctor looks at besides the config: where sysfs and procfs are, the clock, how to reach GPIO,
 * the environment of the aplay it runs. The real one is {@link #system()}; tests give fake sysfs and procfs
 * trees, a fixed clock and an ALSA configuration of their own.
 *
 * @param sysfs     {@code /sys}: screens are found under {@code class/drm}
 * @param realGpio  a Pi4J context on the real pins (gpiod); called only for a config with real buttons
 * @param procfs    {@code /proc}: sound cards under {@code asound}, the Pi model in {@code device-tree/model}
 * @param alsaEnvironment added to aplay's environment (e.g. {@code ALSA_CONFIG_PATH}); empty on a device
 */
public record Host(Path sysfs, Clock clock, Duration timeout, Supplier<Context> realGpio, Path procfs,
                   Map<String, String> alsaEnvironment) {

    public Host {
        alsaEnvironment = Map.copyOf(alsaEnvironment);
    }

    public Host(Path sysfs, Clock clock, Duration timeout, Supplier<Context> realGpio) {
        this(sysfs, clock, timeout, realGpio, Path.of("/proc"), Map.of());
    }

    /** The file system the doctor looks at: {@code /} (the parent of {@code /sys}), or a test's tree. */
    public Path root() {
        Path parent = sysfs.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    public static Host system() {
        return new Host(Path.of("/sys"), Clock.system(BranchTime.ZONE), Duration.ofSeconds(3), Pi4J::newAutoContext);
    }
}
