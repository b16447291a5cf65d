package vn.luot.core.health;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux tells about the machine a device runs on, read from {@code /sys} (under {@code root}, so a test gives
 * a folder laid out like it). Everything is optional: a value that cannot be read is absent, never an error.
 */
public final class SystemProbes {

    private final Path root;

    public SystemProbes(Path root) {
        this.root = root;
    }

    public static SystemProbes linux() {
        return new SystemProbes(Path.of("/"));
    }

    /** The SoC's temperature (Raspberry Pi: thermal zone 0, millidegrees). */
    public Optional<Double> cpuCelsius() {
        return read("sys/class/thermal/thermal_zone0/temp").flatMap(t -> {
            try {
                double c = Long.parseLong(t.strip()) / 1000.0;
                return c >= -40 && c <= 150 ? Optional.of(c) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The card's used life in percent, from an eMMC's {@code life_time} ("0x01 0x02": estimates of type A and B, in
     * 10 % steps, 0x0B past its end): the larger estimate. SD cards in a Pi's slot mostly do not expose it: absent.
     */
    public Optional<Integer> sdWearPercent() {
        return read("sys/block/mmcblk0/device/life_time").flatMap(t -> {
            int worst = 0;
            for (String part : t.strip().split("\\s+")) {
                try {
                    worst = Math.max(worst, Integer.decode(part));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return worst >= 1 && worst <= 11 ? Optional.of(Math.min(100, (worst - 1) * 10 + 10)) : Optional.empty();
        });
    }

    /** The file system of {@code folder}: used and total bytes. */
    public static Optional<Heartbeat.Disk> disk(Path folder) {
        // statvfs on the folder itself: Files.getFileStore looks the folder's mount up in /proc/mounts, and in a
        // chroot or container that lists the host's mounts the lookup fails though the disk is there
        File file = folder.toFile();
        long total = file.getTotalSpace();
        return total <= 0 ? Optional.empty()
                : Optional.of(new Heartbeat.Disk(Math.max(0, total - file.getUsableSpace()), total));
    }

    private Optional<String> read(String relative) {
        Path file = root.resolve(relative);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
