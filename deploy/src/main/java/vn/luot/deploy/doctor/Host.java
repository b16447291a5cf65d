package vn.luot.deploy.doctor;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import vn.luot.core.domain.BranchTime;

/**
 * What the doctor looks at besides the config: where sysfs is, the clock, how to reach GPIO. The
 * real one is {@link #system()}; tests give a fake sysfs tree and a fixed clock.
 *
 * @param sysfs     {@code /sys}: screens are found under {@code class/drm}
 * @param realGpio  a Pi4J context on the real pins (gpiod); called only for a config with real buttons
 */
public record Host(Path sysfs, Clock clock, Duration timeout, Supplier<Context> realGpio) {

    /** The file system the doctor looks at: {@code /} (the parent of {@code /sys}), or a test's tree. */
    public Path root() {
        Path parent = sysfs.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    public static Host system() {
        return new Host(Path.of("/sys"), Clock.system(BranchTime.ZONE), Duration.ofSeconds(3), Pi4J::newAutoContext);
    }
}
