package vn.luot.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's audio lines on fake Pis: a {@code /proc/asound} and device-tree model of each kind, DRM
 * connectors in a fake sysfs, and the real aplay opening the configured device through an ALSA
 * configuration of the test's own, whose {@code sysdefault} and {@code plughw} PCMs are alsa-lib's file
 * plugin (so "opens" is aplay's and alsa-lib's verdict, and what it played lands in a file). Needs alsa-utils.
 */
class AudioCheckTest {

    private static final String PI5_CARDS = """
             0 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0
                                  vc4-hdmi-0
             1 [vc4hdmi1       ]: vc4-hdmi - vc4-hdmi-1
                                  vc4-hdmi-1
            """;
    private static final String PI4_CARDS = """
             0 [Headphones     ]: bcm2835_headpho - bcm2835 Headphones
                                  bcm2835 Headphones
             1 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0
                                  vc4-hdmi-0
             2 [vc4hdmi1       ]: vc4-hdmi - vc4-hdmi-1
                                  vc4-hdmi-1
            """;
    private static final String USB_CARD = """
             3 [Device         ]: USB-Audio - USB Audio Device
                                  C-Media Electronics Inc. USB Audio Device at usb-xhci-hcd.0-1, full speed
            """;
    private static final String I2S_CARD = """
             3 [sndrpihifiberry]: HifiberryDacp - snd_rpi_hifiberry_dacplus
                                  snd_rpi_hifiberry_dacplus
            """;

    @TempDir
    Path dir;

    private Path proc;
    private Path sys;
    private Path played;
    private Map<String, String> alsa;

    @BeforeEach
    void fakePi() throws Exception {
        Process aplay = new ProcessBuilder("aplay", "--version").redirectErrorStream(true).start();
        aplay.getInputStream().readAllBytes();
        assertThat(aplay.waitFor()).as("aplay runs (apt-get install alsa-utils)").isZero();
        proc = Files.createDirectories(dir.resolve("proc"));
        sys = dir.resolve("sys");
        for (String connector : List.of("HDMI-A-1", "HDMI-A-2")) {
            Files.createDirectories(sys.resolve("class/drm/card1-" + connector));
            Files.writeString(sys.resolve("class/drm/card1-" + connector + "/status"), "connected\n");
        }
        played = dir.resolve("played.raw");
        Path conf = dir.resolve("asound.conf");
        Files.writeString(conf, """
                pcm.sysdefault {
                    @args [ CARD ]
                    @args.CARD { type string default "0" }
                    type file
                    slave.pcm { type null }
                    file "%1$s"
                    format "raw"
                }
                pcm.plughw {
                    @args [ CARD DEV ]
                    @args.CARD { type string }
                    @args.DEV { type integer default 0 }
                    type file
                    slave.pcm { type null }
                    file "%1$s"
                    format "raw"
                }
                pcm.default { type file slave.pcm { type null } file "%1$s" format "raw" }
                """.formatted(played));
        alsa = Map.of("ALSA_CONFIG_PATH", conf.toString());
    }

    private void pi(String model, String cards) throws IOException {
        Files.createDirectories(proc.resolve("device-tree"));
        Files.writeString(proc.resolve("device-tree/model"), model + "\0");
        Files.createDirectories(proc.resolve("asound"));
        Files.writeString(proc.resolve("asound/cards"), cards);
    }

    private void screen(String connector, boolean connected) throws IOException {
        Files.writeString(sys.resolve("class/drm/card1-" + connector + "/status"), connected ? "connected\n" : "disconnected\n");
    }

    private List<Finding> examine(String deviceLine, String pinMapExtra, boolean allInOne) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        if (allInOne) {
            Files.writeString(etc.resolve("kiosk.toml"), "# the all-in-one's kiosk\n");
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Path file = etc.resolve("display.toml");
        Files.writeString(file, """
                device_id = "hub"
                data_dir = "%s"
                [hub]
                port = 0
                [boards]
                simulated = true
                [buttons]
                simulated = true
                pin_map = \"""
                gpio:17 1 NEXT
                %s
                \"""
                [voice]
                output = "speaker"
                %s
                """.formatted(data, pinMapExtra, deviceLine));
        Host host = new Host(sys, Clock.systemUTC(), Duration.ofSeconds(2), () -> {
            throw new IllegalStateException("no GPIO here");
        }, proc, alsa);
        List<Finding> findings = new Doctor(host).examine(file);
        assertThat(findings).extracting(Finding::check).contains("sound", "audio");
        return findings;
    }

    private static Finding find(List<Finding> findings, String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void aPi5AllInOneWithTheTvOnHdmiA2IsOkAndTheSilenceWasReallyPlayed() throws Exception {
        pi("Raspberry Pi 5 Model B Rev 1.0", PI5_CARDS);
        List<Finding> f = examine("device = \"sysdefault:CARD=vc4hdmi1\"", "", true);

        assertThat(find(f, "sound").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(f, "sound").detail()).contains("0 vc4hdmi0 (HDMI HDMI-A-1)", "1 vc4hdmi1 (HDMI HDMI-A-2)");
        Finding audio = find(f, "audio");
        assertThat(audio.level()).as(audio.line()).isEqualTo(Finding.Level.OK);
        assertThat(audio.detail()).contains("sysdefault:CARD=vc4hdmi1 opens: HDMI-A-2", "a screen is connected");
        // 100 ms of S16 mono at 22 050 Hz, padded by aplay to its period: only zeros.
        byte[] raw = Files.readAllBytes(played);
        assertThat(raw.length).isGreaterThanOrEqualTo(4410);
        assertThat(raw).containsOnly((byte) 0);
    }

    @Test
    void warnsWhenAPi5AllInOneUsesTheDefaultDeviceWhichIsTheKioskScreen() throws Exception {
        pi("Raspberry Pi 5 Model B Rev 1.0", PI5_CARDS);
        Finding audio = find(examine("", "", true), "audio");
        assertThat(audio.level()).isEqualTo(Finding.Level.WARN);
        assertThat(audio.detail()).contains("HDMI-A-1", "kiosk's touch screen");
        assertThat(audio.fix()).contains("voice.device = \"sysdefault:CARD=vc4hdmi1\"");

        Finding explicit = find(examine("device = \"default\"", "", true), "audio");
        assertThat(explicit.level()).isEqualTo(Finding.Level.WARN);
        Finding port1 = find(examine("device = \"sysdefault:CARD=vc4hdmi0\"", "", true), "audio");
        assertThat(port1.level()).as("naming HDMI-A-1 on an all-in-one").isEqualTo(Finding.Level.WARN);
        assertThat(port1.fix()).contains("vc4hdmi1");
    }

    @Test
    void warnsWhenAPi4LiteUsesTheDefaultDeviceWhichIsTheJack() throws Exception {
        pi("Raspberry Pi 4 Model B Rev 1.4", PI4_CARDS);
        Finding audio = find(examine("", "", false), "audio");
        assertThat(audio.level()).isEqualTo(Finding.Level.WARN);
        assertThat(audio.detail()).contains("3.5 mm jack", "TV stays silent");
        assertThat(audio.fix()).contains("sysdefault:CARD=vc4hdmi0");

        Finding jack = find(examine("device = \"plughw:CARD=Headphones,DEV=0\"", "", false), "audio");
        assertThat(jack.level()).isEqualTo(Finding.Level.WARN);
        assertThat(jack.detail()).contains("3.5 mm jack");
    }

    @Test
    void aPi4DisplayOnHdmiA1IsOkButWarnsWhenNothingIsPluggedIntoThatPort() throws Exception {
        pi("Raspberry Pi 4 Model B Rev 1.4", PI4_CARDS);
        assertThat(find(examine("device = \"sysdefault:CARD=vc4hdmi0\"", "", false), "audio").level())
                .isEqualTo(Finding.Level.OK);
        screen("HDMI-A-1", false);
        Finding unplugged = find(examine("device = \"sysdefault:CARD=vc4hdmi0\"", "", false), "audio");
        assertThat(unplugged.level()).isEqualTo(Finding.Level.WARN);
        assertThat(unplugged.detail()).contains("nothing is connected on HDMI-A-1");
    }

    @Test
    void aUsbSoundCardIsOk() throws Exception {
        pi("Raspberry Pi 5 Model B Rev 1.0", PI5_CARDS + USB_CARD);
        Finding audio = find(examine("device = \"plughw:CARD=Device,DEV=0\"", "", true), "audio");
        assertThat(audio.level()).as(audio.line()).isEqualTo(Finding.Level.OK);
        assertThat(audio.detail()).contains("USB sound card Device");
    }

    @Test
    void failsADeviceThatDoesNotOpenWithAplaysReasonAndTheKeysLine() throws Exception {
        pi("Raspberry Pi 5 Model B Rev 1.0", PI5_CARDS);
        Finding audio = find(examine("device = \"hw:CARD=vc4hdmi7,DEV=0\"", "", false), "audio");
        assertThat(audio.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(audio.detail()).contains("display.toml:15: voice.device", "does not open", "audio open error");
    }

    @Test
    void failsAnI2sHatWhosePinsTheButtonsUse() throws Exception {
        pi("Raspberry Pi 4 Model B Rev 1.4", PI4_CARDS + I2S_CARD);
        Finding clash = find(examine("device = \"plughw:CARD=sndrpihifiberry,DEV=0\"", "gpio:20 1 RECALL\ngpio:21 1 NO_SHOW", false), "audio");
        assertThat(clash.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(clash.detail()).contains("BCM 20, 21", "buttons.pin_map");

        Finding free = find(examine("device = \"plughw:CARD=sndrpihifiberry,DEV=0\"", "", false), "audio");
        assertThat(free.level()).isEqualTo(Finding.Level.OK);
        assertThat(free.detail()).contains("BCM 18-21 free");
    }

    @Test
    void failsWithoutAnySoundCard() throws Exception {
        List<Finding> f = examine("device = \"sysdefault:CARD=vc4hdmi0\"", "", false);
        assertThat(find(f, "sound").level()).isEqualTo(Finding.Level.FAIL);
        assertThat(find(f, "sound").detail()).contains("no sound card");
    }
}
