package vn.luot.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProbesTest {

    @Test
    void readsTheTemperatureAndTheEmmcLifeTimeFromSys(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(root.resolve("sys/class/thermal/thermal_zone0/temp"), "48312\n");
        Files.createDirectories(root.resolve("sys/block/mmcblk0/device"));
        Files.writeString(root.resolve("sys/block/mmcblk0/device/life_time"), "0x02 0x04\n");
        SystemProbes probes = new SystemProbes(root);
        assertThat(probes.cpuCelsius()).hasValue(48.312);
        assertThat(probes.sdWearPercent()).hasValue(40);
    }

    @Test
    void whatCannotBeReadIsAbsent(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(root.resolve("sys/class/thermal/thermal_zone0/temp"), "garbage");
        SystemProbes probes = new SystemProbes(root);
        assertThat(probes.cpuCelsius()).isEmpty();
        assertThat(probes.sdWearPercent()).isEmpty();
    }

    @Test
    void theDiskOfAFolderHasItsUsedShare(@TempDir Path folder) {
        var disk = SystemProbes.disk(folder).orElseThrow();
        assertThat(disk.totalBytes()).isPositive();
        assertThat(disk.usedRatio()).isBetween(0.0, 1.0);
    }
}
