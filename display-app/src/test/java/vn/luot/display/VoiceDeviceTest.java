package vn.luot.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Purpose;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.buttons.ButtonAction;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.voice.AlsaSink;
import vn.luot.display.voice.AlsaSinkTest;
import vn.luot.display.voice.Announcer;
import vn.luot.display.voice.AudioSink;
import vn.luot.display.voice.ClipLibrary;
import vn.luot.display.voice.Espeak;
import vn.luot.display.voice.Pcm;

/**
 * A NEXT press on the display, through the call desk and the announcer, to the ALSA device of
 * {@code voice.device}, played by the real aplay into alsa-lib's file PCM (see {@link AlsaSinkTest}).
 */
class VoiceDeviceTest {

    @TempDir
    Path dir;

    @Test
    void aCallOnTheButtonsIsHeardOnTheConfiguredAlsaDevice() throws Exception {
        AlsaSinkTest.requireAplay();
        DisplayConfig config = DisplayRig.config(dir, "", "");
        assertThat(config.voice().alsaDevice()).as("the demo leaves the device to the branch").isEmpty();
        Path tv = dir.resolve("tv.wav");
        AlsaSink alsa = new AlsaSink("aplay", "sysdefault:CARD=vc4hdmi1", config.voice().leadSilence(),
                AlsaSinkTest.alsaWritingTo(dir.resolve("asound.conf"), "sysdefault", tv));
        BlockingQueue<AudioSink.PlayResult> played = new LinkedBlockingQueue<>();
        AudioSink speaker = audio -> {
            AudioSink.PlayResult r = alsa.play(audio);
            played.add(r);
            return r;
        };
        MutableClock clock = MutableClock.at("2026-11-23T09:05");
        try (Display display = Display.start(config, clock, Optional.of(speaker))) {
            String label = display.queue().issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket().label();
            assertThat(display.voiceStatus()).as("nothing said yet").isEmpty();

            assertThat(display.simulatedButtons().orElseThrow().press(1, ButtonAction.NEXT)).isTrue();

            assertThat(played.poll(30, TimeUnit.SECONDS)).as("aplay: %s", alsa.lastOutcome())
                    .isEqualTo(AudioSink.PlayResult.PLAYED);
            // The display records what its speaker answered just after the speaker returns.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(display.voiceStatus()).contains(AudioSink.PlayResult.PLAYED));
            Pcm heard;
            try (InputStream in = Files.newInputStream(tv)) {
                heard = Pcm.readWav(in);
            }
            Pcm expected;
            try (Announcer a = new Announcer(ClipLibrary.shipped(), Optional.of(Espeak.northern()), x -> AudioSink.PlayResult.WRITTEN)) {
                expected = a.audioOf(vn.luot.display.voice.CallWording.of(display.queue().branch(), true).sentence(label, 1));
            }
            int lead = (int) (Pcm.RATE * config.voice().leadSilence().toMillis() / 1000);
            assertThat(heard.rms(0, lead)).isZero();
            assertThat(heard.slice(lead, lead + expected.length()).samples()).isEqualTo(expected.samples());
            assertThat(heard.rms(lead, lead + expected.length())).isGreaterThan(500);
        }
    }
}
