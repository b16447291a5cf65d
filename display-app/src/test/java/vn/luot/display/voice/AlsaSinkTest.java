package vn.luot.display.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real aplay (alsa-utils) and alsa-lib, with an ALSA configuration of this test's own: its named PCM is
 * alsa-lib's {@code file} plugin over a {@code null} slave, so what reaches "the speaker" lands in a WAV file
 * alsa-lib writes, header and all. Needs {@code apt-get install alsa-utils}.
 */
public class AlsaSinkTest {

    @TempDir
    Path dir;

    /**
     * An ALSA configuration whose PCM {@code name} (with a {@code CARD} argument, as {@code sysdefault:CARD=x}
     * has) writes what it is sent to {@code file}; aplay reads it through {@code ALSA_CONFIG_PATH}.
     */
    public static Map<String, String> alsaWritingTo(Path config, String name, Path file) throws IOException {
        Files.writeString(config, """
                pcm.%s {
                    @args [ CARD ]
                    @args.CARD { type string default "tv" }
                    type file
                    slave.pcm { type null }
                    file "%s"
                    format "wav"
                }
                """.formatted(name, file));
        return Map.of("ALSA_CONFIG_PATH", config.toString());
    }

    public static void requireAplay() {
        try {
            Process p = new ProcessBuilder("aplay", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "aplay runs");
        } catch (IOException | InterruptedException e) {
            org.junit.jupiter.api.Assertions.fail("aplay is missing: apt-get install alsa-utils (" + e.getMessage() + ")");
        }
    }

    @Test
    void aCallPlayedOnANamedAlsaPcmArrivesThereAsTheSameAudioAfterTheLeadInSilence() throws Exception {
        requireAplay();
        Path tv = dir.resolve("tv.wav");
        Map<String, String> env = alsaWritingTo(dir.resolve("asound.conf"), "sysdefault", tv);
        AlsaSink sink = new AlsaSink("aplay", "sysdefault:CARD=vc4hdmi1", Duration.ofMillis(500), env);
        CallSentence call = CallSentence.of("HT-208", 3);

        Announcer.Announcement played;
        try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.of(Espeak.northern()), sink)) {
            played = announcer.announce(call).get(30, TimeUnit.SECONDS);
        }
        Path wavDir = dir.resolve("wav");
        try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.of(Espeak.northern()),
                WavFileSink.numberedIn(wavDir))) {
            announcer.announce(call).get(30, TimeUnit.SECONDS);
        }

        assertThat(played.result()).as("aplay: %s", sink.lastOutcome()).isEqualTo(AudioSink.PlayResult.PLAYED);
        Pcm heard = read(tv);
        Pcm written = read(wavDir.resolve("announcement-0001.wav"));
        assertThat(heard.sampleRate()).as("22 050 Hz 16-bit mono, as alsa-lib's header says").isEqualTo(Pcm.RATE);
        int lead = Pcm.RATE / 2;
        assertThat(heard.rms(0, lead)).as("500 ms of silence first, for a TV that unmutes late").isZero();
        assertThat(heard.slice(lead, lead + written.length()).samples())
                .as("then exactly the announcement the WAV sink wrote for the same call").isEqualTo(written.samples());
        assertThat(written.rms(0, written.length())).as("which is not silence").isGreaterThan(500);
        // aplay pads its last period with silence; nothing else follows.
        assertThat(heard.length() - lead - written.length()).isBetween(0, Pcm.RATE / 2);
        assertThat(heard.rms(lead + written.length(), heard.length())).isZero();
        assertThat(heard.duration()).isBetween(written.duration().plusMillis(500), written.duration().plusMillis(1000));
    }

    @Test
    void aDeviceThatDoesNotExistIsNoDeviceWithAplaysReasonAndTheNextCallStillGoesOut() throws Exception {
        requireAplay();
        Map<String, String> env = alsaWritingTo(dir.resolve("asound.conf"), "sysdefault", dir.resolve("tv.wav"));
        AlsaSink sink = new AlsaSink("aplay", "hw:CARD=vc4hdmi9,DEV=0", Duration.ZERO, env);
        try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.empty(), sink)) {
            Announcer.Announcement a = announcer.announce(CallSentence.of("HT-001", 1)).get(30, TimeUnit.SECONDS);
            assertThat(a.result()).isEqualTo(AudioSink.PlayResult.NO_DEVICE);
            assertThat(sink.lastOutcome().detail()).contains("audio open error");
            assertThat(announcer.lastResult()).contains(AudioSink.PlayResult.NO_DEVICE);
            assertThat(announcer.announce(CallSentence.of("HT-002", 1)).get(30, TimeUnit.SECONDS).result())
                    .isEqualTo(AudioSink.PlayResult.NO_DEVICE);
        }
    }

    @Test
    void theStartUpProbeTellsTheStatusBeforeAnyCallWithoutASound() throws Exception {
        requireAplay();
        Path tv = dir.resolve("tv.wav");
        Map<String, String> env = alsaWritingTo(dir.resolve("asound.conf"), "sysdefault", tv);
        try (Announcer good = new Announcer(ClipLibrary.shipped(), Optional.empty(),
                     new AlsaSink("aplay", "sysdefault:CARD=vc4hdmi1", Duration.ofMillis(500), env));
             Announcer missing = new Announcer(ClipLibrary.shipped(), Optional.empty(),
                     new AlsaSink("aplay", "plughw:CARD=Device,DEV=0", Duration.ofMillis(500), env))) {
            assertThat(good.lastResult()).isEmpty();
            assertThat(good.probe().get(30, TimeUnit.SECONDS)).contains(AudioSink.PlayResult.PLAYED);
            assertThat(good.lastResult()).contains(AudioSink.PlayResult.PLAYED);
            Pcm blip = read(tv);
            assertThat(blip.duration()).as("100 ms, no lead-in, padded to aplay's period").isBetween(
                    Duration.ofMillis(100), Duration.ofMillis(600));
            assertThat(blip.rms(0, blip.length())).isZero();

            assertThat(missing.probe().get(30, TimeUnit.SECONDS)).contains(AudioSink.PlayResult.NO_DEVICE);
            assertThat(missing.lastResult()).contains(AudioSink.PlayResult.NO_DEVICE);
        }
        assertThat(WavFileSink.numberedIn(dir.resolve("w")).probe()).as("a file has nothing to try").isEmpty();
    }

    @Test
    void withoutAplayTheSinkSaysWhatToInstall() {
        AlsaSink sink = new AlsaSink(dir.resolve("no-aplay").toString(), "default", Duration.ZERO, Map.of());
        AlsaSink.Outcome o = sink.playOutcome(Pcm.silence(Pcm.RATE, Duration.ofMillis(10)));
        assertThat(o.result()).isEqualTo(AudioSink.PlayResult.NO_DEVICE);
        assertThat(o.detail()).contains("apt-get install alsa-utils");
    }

    private static Pcm read(Path wav) throws IOException {
        try (InputStream in = Files.newInputStream(wav)) {
            return Pcm.readWav(in);
        }
    }
}
