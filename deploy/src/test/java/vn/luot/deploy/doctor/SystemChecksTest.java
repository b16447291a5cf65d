package vn.luot.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's lines about the system around the program, each on a file tree laid out as on a Pi:
 * {@code sys/class/drm} and {@code sys/class/rtc}, {@code proc/cmdline} and {@code proc/mounts},
 * {@code run/systemd/timesync}, and wlr-randr's text as it prints it in a cage or labwc session.
 */
class SystemChecksTest {

    @TempDir
    Path root;

    private Host host;

    @BeforeEach
    void aPiWithOneHdmiScreen() throws IOException {
        host = new Host(root.resolve("sys"), Clock.systemUTC(), Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("no GPIO here");
        });
        write("sys/class/drm/card1-HDMI-A-1/status", "connected\n");
        write("sys/class/drm/card1-HDMI-A-1/modes", "1920x1080\n1280x720\n");
        write("sys/class/drm/card1-HDMI-A-2/status", "disconnected\n");
        write("proc/cmdline", "console=tty1 root=PARTUUID=1234-02 rootfstype=ext4 fsck.repair=yes rootwait\n");
        write("proc/mounts", "/dev/mmcblk0p2 / ext4 rw,noatime 0 0\n");
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private SystemChecks checks(String config, String wlrRandr) throws IOException {
        Path file = root.resolve("kiosk.toml");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        Doctor.Settings settings = new Doctor.Settings(file, config, new TomlMapper().readTree(config));
        return new SystemChecks(host, settings, () -> Optional.ofNullable(wlrRandr));
    }

    private SystemChecks checks(String config) throws IOException {
        return checks(config, null);
    }

    @Test
    void failsTheDemoBranchOnADeviceWithRealHardwareNamingTheLine() throws IOException {
        Finding f = checks("device_id = \"kiosk-1\"\nbranch = \"demo\"\n").branch(false);

        assertThat(f.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(f.detail()).contains("kiosk.toml:2: branch", "demo", "real hardware");
        assertThat(f.fix()).contains("/etc/luot/branch.toml", "The branch file");
    }

    @Test
    void onlyWarnsAboutTheDemoBranchOnSimulatedHardware() throws IOException {
        assertThat(checks("branch = \"demo\"\n").branch(true).level()).isEqualTo(Finding.Level.WARN);
    }

    @Test
    void acceptsAReadableBranchFileAndFailsAMissingOne() throws IOException {
        write("etc/luot/branch.toml", "id = \"hn-caugiay\"\n");
        Path branch = root.resolve("etc/luot/branch.toml");

        assertThat(checks("branch = \"" + branch + "\"\n").branch(false).level()).isEqualTo(Finding.Level.OK);
        assertThat(checks("branch = \"" + root.resolve("nowhere.toml") + "\"\n").branch(false).level())
                .isEqualTo(Finding.Level.FAIL);
    }

    @Test
    void failsAPortraitKioskOnALandscapeOutputThatIsNotTurned() throws IOException {
        Finding f = checks("orientation = \"portrait\"\n").output("kiosk screen", true, null, null);

        assertThat(f.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(f.detail()).contains("HDMI-A-1 1920x1080 (preferred)", "transform normal", "walk-in button");
        assertThat(f.fix()).contains("transform = \"90\"");
    }

    @Test
    void reportsTheModeAndRotationWlrRandrShowsWhenTheyMatchTheConfig() throws IOException {
        Finding f = checks("[screen]\ntransform = \"90\"\n", DoctorTest.wlrRandr("1920x1080", "90"))
                .output("kiosk screen", true, "90", "HDMI-A-1");

        assertThat(f.level()).as(f.line()).isEqualTo(Finding.Level.OK);
        assertThat(f.detail()).isEqualTo("HDMI-A-1 1920x1080 (current), rotation 90");
    }

    @Test
    void failsWhenTheSessionDidNotApplyTheConfiguredRotation() throws IOException {
        Finding f = checks("[screen]\ntransform = \"270\"\n", DoctorTest.wlrRandr("1920x1080", "90"))
                .output("kiosk screen", true, "270", "HDMI-A-1");

        assertThat(f.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(f.detail()).contains("rotation 90, the config asks for 270");
    }

    @Test
    void warnsThatItCannotTellTheRotationOutsideTheScreenSession() throws IOException {
        Finding f = checks("[screen]\ntransform = \"90\"\n").output("kiosk screen", true, "90", "HDMI-A-1");

        assertThat(f.level()).isEqualTo(Finding.Level.WARN);
        assertThat(f.detail()).contains("HDMI-A-1 1920x1080 (preferred)", "cannot tell", "asks for 90");
    }

    @Test
    void warnsAbout4kOutputsAndNamesTheKernelOptionThatForces1080p() throws IOException {
        write("sys/class/drm/card1-HDMI-A-1/modes", "3840x2160\n1920x1080\n");

        Finding f = checks("").output("TV board", false, null, null);

        assertThat(f.level()).isEqualTo(Finding.Level.WARN);
        assertThat(f.detail()).contains("3840x2160", "middle quarter");
        assertThat(f.fix()).contains("video=HDMI-A-1:1920x1080@60", "/boot/firmware/cmdline.txt");
    }

    @Test
    void takesTheModeTheKernelCommandLineForces() throws IOException {
        write("sys/class/drm/card1-HDMI-A-1/modes", "3840x2160\n1920x1080\n");
        write("proc/cmdline", "console=tty1 video=HDMI-A-1:1920x1080@60 rootwait\n");

        Finding f = checks("").output("TV board", false, null, null);

        assertThat(f.detail()).contains("HDMI-A-1 1920x1080 (forced by /boot/firmware/cmdline.txt)").doesNotContain("quarter");
    }

    @Test
    void failsATransformWlrRandrDoesNotKnow() throws IOException {
        Finding f = checks("[screen]\ntransform = \"sideways\"\n").output("kiosk screen", true, "sideways", null);

        assertThat(f.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(f.detail()).contains("screen.transform", "sideways", "flipped-270");
    }

    @Test
    void warnsWhenNoOutputIsConnected() throws IOException {
        write("sys/class/drm/card1-HDMI-A-1/status", "disconnected\n");

        Finding f = checks("").output("kiosk screen", true, null, null);

        assertThat(f.level()).isEqualTo(Finding.Level.WARN);
        assertThat(f.detail()).contains("cannot tell");
    }

    @Test
    void saysItIsSynchronisedWhenTimesyncdHasSynchronised() throws IOException {
        write("run/systemd/timesync/synchronized", "");
        write("usr/lib/systemd/timesyncd.conf.d/50-luot.conf", "[Time]\nNTP=0.vn.pool.ntp.org 1.vn.pool.ntp.org\n");

        Finding f = checks("").timeSource();

        assertThat(f.level()).isEqualTo(Finding.Level.OK);
        assertThat(f.detail()).contains("systemd-timesyncd", "0.vn.pool.ntp.org");
    }

    @Test
    void acceptsChronyInsteadOfTimesyncd() throws IOException {
        write("run/chrony/chronyd.pid", "812\n");

        assertThat(checks("").timeSource().detail()).contains("chrony");
    }

    @Test
    void warnsWhenTimesyncdHasNotSynchronisedOrNoNtpClientRuns() throws IOException {
        assertThat(checks("").timeSource().detail()).contains("no NTP client");
        Files.createDirectories(root.resolve("run/systemd/timesync"));

        Finding f = checks("").timeSource();

        assertThat(f.level()).isEqualTo(Finding.Level.WARN);
        assertThat(f.detail()).contains("not synchronised yet");
    }

    @Test
    void warnsWithoutABatteryClockAndNamesTheDs3231Overlay() throws IOException {
        Finding f = checks("").rtc();

        assertThat(f.level()).isEqualTo(Finding.Level.WARN);
        assertThat(f.fix()).contains("dtoverlay=i2c-rtc,ds3231");
    }

    @Test
    void reportsTheRtcAndWarnsWhenItsBatteryIsLow() throws IOException {
        write("sys/class/rtc/rtc0/name", "rpi-rtc soc:rpi_rtc\n");
        write("sys/class/rtc/rtc0/battery_voltage", "3012000\n");
        assertThat(checks("").rtc().detail()).isEqualTo("rpi-rtc soc:rpi_rtc, battery 3.01 V");

        write("sys/class/rtc/rtc0/battery_voltage", "1200000\n");
        Finding low = checks("").rtc();

        assertThat(low.level()).isEqualTo(Finding.Level.WARN);
        assertThat(low.detail()).contains("1.20 V");
    }

    @Test
    void acceptsAPlainWritableRootAndSaysTheOverlayIsOptional() throws IOException {
        Finding f = checks("").storage("/var/lib/luot/kiosk");

        assertThat(f.level()).isEqualTo(Finding.Level.OK);
        assertThat(f.detail()).contains("ext4 read-write", "overlay is off");
    }

    @Test
    void failsAReadOnlyRootWhenTheQueueFolderIsOnTheOverlay() throws IOException {
        write("proc/mounts", "overlayroot / overlay rw,relatime,lowerdir=/media/root-ro,upperdir=/media/root-rw/overlay 0 0\n"
                + "/dev/mmcblk0p2 /media/root-ro ext4 ro,relatime 0 0\ntmpfs-root /media/root-rw tmpfs rw 0 0\n");

        Finding f = checks("").storage("/var/lib/luot/kiosk");

        assertThat(f.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(f.detail()).contains("lost at every reboot");
        assertThat(f.fix()).contains("/var/lib/luot");
    }

    @Test
    void acceptsAReadOnlyRootWithTheQueueOnAWritablePartition() throws IOException {
        write("proc/mounts", "overlayroot / overlay rw,relatime 0 0\n/dev/mmcblk0p3 /var/lib/luot ext4 rw,noatime 0 0\n");

        Finding f = checks("").storage("/var/lib/luot/kiosk");

        assertThat(f.level()).as(f.line()).isEqualTo(Finding.Level.OK);
        assertThat(f.detail()).contains("read-only root (overlay)", "/var/lib/luot/kiosk writable on /var/lib/luot (ext4)");
    }

    @Test
    void failsAQueuePartitionMountedReadOnly() throws IOException {
        write("proc/mounts", "overlayroot / overlay rw 0 0\n/dev/mmcblk0p3 /var/lib/luot ext4 ro,noatime 0 0\n");

        assertThat(checks("").storage("/var/lib/luot/kiosk").level()).isEqualTo(Finding.Level.FAIL);
    }
}
