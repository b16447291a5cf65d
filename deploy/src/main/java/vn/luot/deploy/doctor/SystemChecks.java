package vn.luot.deploy.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an installer gets wrong outside the program's own config: the branch file, the screen's mode
 * and rotation, the clock's time source and battery, the SD card's protection. Everything is read
 * below {@link Host#root()} (the real {@code /} or a test's tree), so each line is tested on files.
 */
final class SystemChecks {

    /** The Raspberry Pi OS kernel command line: {@code video=HDMI-A-1:1920x1080@60} forces a mode. */
    static final String CMDLINE = "/boot/firmware/cmdline.txt";

    private static final Pattern MODE = Pattern.compile("(\\d+)x(\\d+)");
    private static final List<String> TRANSFORMS = List.of("normal", "90", "180", "270",
            "flipped", "flipped-90", "flipped-180", "flipped-270");

    private final Host host;
    private final Doctor.Settings cfg;
    private final Supplier<Optional<String>> wlrRandr;

    /**
     * @param wlrRandr what {@code wlr-randr} prints in the screen session, empty when there is none
     *                 (the doctor usually runs from SSH, outside cage or labwc)
     */
    SystemChecks(Host host, Doctor.Settings cfg, Supplier<Optional<String>> wlrRandr) {
        this.host = host;
        this.cfg = cfg;
        this.wlrRandr = wlrRandr;
    }

    static SystemChecks onThisMachine(Host host, Doctor.Settings cfg) {
        return new SystemChecks(host, cfg, SystemChecks::runWlrRandr);
    }

    /**
     * {@code branch = "demo"} is the built-in demo branch; the production templates ship it so that a first
     * start works. On a device with real hardware it would serve made-up counters and fields: FAIL.
     */
    Finding branch(boolean simulatedHardware) {
        String branch = cfg.text("branch");
        if (branch == null || branch.isBlank() || branch.equals("demo")) {
            String detail = cfg.where("branch") + " = \"demo\": the built-in demo branch (made-up fields and counters)";
            String fix = "write the branch file every device of the branch shares (installation.md, \"The branch file\") "
                    + "and set branch = \"/etc/luot/branch.toml\"";
            return simulatedHardware
                    ? Finding.warn("branch", detail + ", on simulated hardware", "fine on the bench; on a real device " + fix)
                    : Finding.fail("branch", detail + ", on a device with real hardware", fix);
        }
        Path file = Path.of(branch);
        if (!Files.isReadable(file)) {
            return Finding.fail("branch", cfg.where("branch") + ": " + branch + " cannot be read",
                    "copy the branch file there (mode 0644), or fix the path");
        }
        return Finding.ok("branch", "branch file " + branch);
    }

    /**
     * The screen's output: its mode (the kernel's preferred one from {@code /sys/class/drm}, or the current
     * one from wlr-randr), the rotation the session applied (only wlr-randr can tell), a portrait kiosk on a
     * landscape output, and a 4K TV that would show the 1080p board in its middle quarter.
     *
     * @param portrait  the kiosk's {@code orientation = "portrait"}; false for the TV board
     * @param transform the config's {@code screen.transform}, "normal" when not set
     */
    Finding output(String what, boolean portrait, String transform, String configuredOutput) {
        String wanted = transform == null || transform.isBlank() ? "normal" : transform.strip().toLowerCase(Locale.ROOT);
        if (!TRANSFORMS.contains(wanted)) {
            return Finding.fail("output", cfg.where("screen.transform") + ": '" + transform + "' is not one of "
                    + String.join(", ", TRANSFORMS), "e.g. transform = \"90\" for a portrait screen on its side");
        }
        List<String[]> connected = connectedOutputs();
        if (connected.isEmpty()) {
            return Finding.warn("output", "cannot tell the mode and rotation of the " + what + ": no connected output in "
                    + host.sysfs().resolve("class/drm"), "see the screen line");
        }
        String[] out = connected.stream().filter(c -> configuredOutput == null || c[0].equals(configuredOutput))
                .findFirst().orElse(connected.get(0));
        String name = out[0];
        String preferred = out[1];
        Optional<String[]> live = wlrRandr.get().flatMap(text -> currentOf(text, name));
        String mode = live.map(l -> l[0]).orElse(preferred);
        Matcher m = MODE.matcher(mode == null ? "" : mode);
        if (!m.find()) {
            return Finding.warn("output", name + ": cannot tell its mode (no modes in sysfs) nor its rotation",
                    "check the cable and the screen's power; then `wlr-randr` in the session shows both");
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        String forced = forcedMode(name);
        if (forced != null && live.isEmpty()) {
            Matcher f = MODE.matcher(forced);
            if (f.find()) {
                width = Integer.parseInt(f.group(1));
                height = Integer.parseInt(f.group(2));
            }
        }
        String source = live.isPresent() ? "current" : forced != null ? "forced by " + CMDLINE : "preferred";
        String modeText = name + " " + width + "x" + height + " (" + source + ")";
        boolean turned = wanted.endsWith("90") || wanted.endsWith("270");
        int shownWidth = turned ? height : width;
        int shownHeight = turned ? width : height;
        if (portrait && shownWidth > shownHeight) {
            return Finding.fail("output", modeText + " with transform " + wanted + ": a portrait kiosk on a landscape output "
                    + "is cut off (the walk-in button is off screen)",
                    "set [screen] transform = \"90\" (or \"270\", by how the screen is mounted) in the kiosk config");
        }
        if (width >= 3840 && forced == null) {
            return Finding.warn("output", modeText + ": a 4K output shows the 1080p " + what + " in its middle quarter",
                    "add video=" + name + ":1920x1080@60 to " + CMDLINE + " (one line) and reboot");
        }
        if (live.isPresent()) {
            String applied = live.get()[1];
            if (!applied.equals(wanted)) {
                return Finding.fail("output", modeText + ": rotation " + applied + ", the config asks for " + wanted,
                        "restart the program (luot-run applies it with wlr-randr), or check `wlr-randr` in the session");
            }
            return Finding.ok("output", modeText + ", rotation " + applied);
        }
        return Finding.warn("output", modeText + "; rotation: cannot tell outside the screen session (the config asks for "
                + wanted + ")", "look at the screen; `wlr-randr` inside the session shows the transform");
    }

    /** Where the clock gets its time: systemd-timesyncd (what the packages configure) or chrony. */
    Finding timeSource() {
        Path root = host.root();
        if (Files.exists(root.resolve("run/systemd/timesync/synchronized"))) {
            return Finding.ok("ntp", "synchronised by systemd-timesyncd (" + ntpServers() + ")");
        }
        if (Files.exists(root.resolve("run/chrony/chronyd.pid")) || Files.exists(root.resolve("run/chronyd.pid"))) {
            return Finding.ok("ntp", "chrony runs (`chronyc tracking` shows how far off the clock is)");
        }
        if (Files.isDirectory(root.resolve("run/systemd/timesync"))) {
            return Finding.warn("ntp", "systemd-timesyncd runs but has not synchronised yet (" + ntpServers() + ")",
                    "check the network and that UDP port 123 to the NTP servers is open; `timedatectl timesync-status`");
        }
        return Finding.warn("ntp", "no NTP client is running: the clock drifts, and check-in windows and tickets follow it",
                "sudo timedatectl set-ntp true (systemd-timesyncd), or install chrony");
    }

    /** A battery-backed clock keeps the time through a power cut without network (Pi 5: built in; Pi 4: DS3231). */
    Finding rtc() {
        Path rtc = host.sysfs().resolve("class/rtc/rtc0");
        if (!Files.isDirectory(rtc)) {
            return Finding.warn("rtc", "no real-time clock: after a power cut without network the clock restarts where it stopped",
                    "Pi 5: fit the RTC battery; Pi 4: a DS3231 module and dtoverlay=i2c-rtc,ds3231 in /boot/firmware/config.txt");
        }
        String name = read(rtc.resolve("name")).orElse("rtc0");
        Optional<String> battery = read(rtc.resolve("device/battery_voltage"))
                .or(() -> read(rtc.resolve("battery_voltage")));
        if (battery.isPresent()) {
            try {
                double volts = Long.parseLong(battery.get()) / 1_000_000.0;
                if (volts < 2.5) {
                    return Finding.warn("rtc", name + ": battery at " + String.format(Locale.ROOT, "%.2f", volts)
                            + " V, too low to keep the time", "replace the RTC battery");
                }
                return Finding.ok("rtc", name + ", battery " + String.format(Locale.ROOT, "%.2f", volts) + " V");
            } catch (NumberFormatException e) {
                // A driver that reports something else: the clock itself is there.
            }
        }
        return Finding.ok("rtc", name + " (rtc0)");
    }

    /**
     * The optional read-only root (Raspberry Pi OS's overlay file system): a power cut cannot damage the
     * system, but everything written under {@code /} is lost at reboot, so the queue's folder must be a
     * writable partition of its own.
     */
    Finding storage(String dataDir) {
        List<String[]> mounts = new ArrayList<>();
        for (String line : read(host.root().resolve("proc/mounts")).orElse("").split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 4) {
                mounts.add(f);
            }
        }
        if (mounts.isEmpty()) {
            return Finding.warn("storage", "cannot read " + host.root().resolve("proc/mounts"), "check /proc is mounted");
        }
        String[] rootMount = mountOf("/", mounts);
        String data = dataDir == null || dataDir.isBlank() ? "/var/lib/luot" : dataDir;
        String[] dataMount = mountOf(data, mounts);
        boolean overlay = rootMount != null && rootMount[2].equals("overlay");
        if (!overlay) {
            return Finding.ok("storage", "root file system " + (rootMount == null ? "(not in /proc/mounts)" : rootMount[2])
                    + " read-write; the read-only overlay is off (optional: installation.md, \"SD card\")");
        }
        if (dataMount == null || dataMount == rootMount || dataMount[2].equals("tmpfs") || dataMount[2].equals("overlay")) {
            return Finding.fail("storage", "read-only root (overlay), but " + data + " is on it: the queue is lost at every reboot",
                    "mount a writable partition on /var/lib/luot (installation.md, \"Read-only root\")");
        }
        if (Pattern.compile("(^|,)ro(,|$)").matcher(dataMount[3]).find()) {
            return Finding.fail("storage", data + " is on " + dataMount[1] + ", mounted read-only",
                    "mount it read-write (rw in /etc/fstab)");
        }
        return Finding.ok("storage", "read-only root (overlay); " + data + " writable on " + dataMount[1] + " (" + dataMount[2] + ")");
    }

    /** The longest mount point that contains {@code path}. */
    private static String[] mountOf(String path, List<String[]> mounts) {
        String[] best = null;
        for (String[] m : mounts) {
            String point = m[1];
            boolean contains = point.equals("/") || path.equals(point) || path.startsWith(point + "/");
            if (contains && (best == null || point.length() >= best[1].length())) {
                best = m;
            }
        }
        return best;
    }

    /** name and preferred mode of each connected connector, {@code {"HDMI-A-1", "1920x1080"}}. */
    private List<String[]> connectedOutputs() {
        List<String[]> out = new ArrayList<>();
        Path drm = host.sysfs().resolve("class/drm");
        if (!Files.isDirectory(drm)) {
            return out;
        }
        try (DirectoryStream<Path> cards = Files.newDirectoryStream(drm, "card*-*")) {
            for (Path connector : cards) {
                if (read(connector.resolve("status")).orElse("").equals("connected")) {
                    String modes = read(connector.resolve("modes")).orElse("");
                    out.add(new String[] {connector.getFileName().toString().replaceFirst("^card\\d+-", ""),
                            modes.isBlank() ? null : modes.lines().findFirst().orElse(null)});
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort((a, b) -> a[0].compareTo(b[0]));
        return out;
    }

    /** {@code video=HDMI-A-1:1920x1080@60} on the kernel command line forces that mode. */
    private String forcedMode(String output) {
        String cmdline = read(host.root().resolve("proc/cmdline")).orElse("");
        Matcher m = Pattern.compile("(?:^|\\s)video=" + Pattern.quote(output) + ":(\\d+x\\d+)").matcher(cmdline);
        return m.find() ? m.group(1) : null;
    }

    /** From wlr-randr's text: the output's current mode and its transform. */
    static Optional<String[]> currentOf(String text, String output) {
        String mode = null;
        String transform = null;
        boolean inside = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ")) {
                inside = line.startsWith(output + " ") || line.equals(output);
            } else if (inside) {
                String s = line.strip();
                if (s.contains("current")) {
                    Matcher m = MODE.matcher(s);
                    if (m.find()) {
                        mode = m.group();
                    }
                } else if (s.startsWith("Transform:")) {
                    transform = s.substring("Transform:".length()).strip();
                }
            }
        }
        return mode == null || transform == null ? Optional.empty() : Optional.of(new String[] {mode, transform});
    }

    private String ntpServers() {
        String conf = read(host.root().resolve("usr/lib/systemd/timesyncd.conf.d/50-luot.conf"))
                .or(() -> read(host.root().resolve("lib/systemd/timesyncd.conf.d/50-luot.conf"))).orElse("");
        Matcher m = Pattern.compile("(?m)^NTP=(.*)$").matcher(conf);
        return m.find() ? "servers " + m.group(1).strip() : "the system's NTP servers";
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** wlr-randr in the screen session, when the doctor runs inside it; empty otherwise. */
    private static Optional<String> runWlrRandr() {
        if (System.getenv("WAYLAND_DISPLAY") == null) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("wlr-randr").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
