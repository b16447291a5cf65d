package vn.luot.display.voice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A named ALSA PCM ({@code voice.device}, e.g. {@code sysdefault:CARD=vc4hdmi1} for a Pi's HDMI-A-2), played
 * through {@code aplay -D} from alsa-utils. Java Sound on Linux opens only {@code default} and
 * {@code plughw:CARD,DEV}, and the Pi's vc4-hdmi takes only IEC958 frames, which its {@code sysdefault}/
 * {@code default} PCMs make: this is the path that reaches a TV on either HDMI port, a USB card or an I2S HAT.
 *
 * <p>Each announcement starts with {@code leadIn} of silence: many TVs mute the first part of a new HDMI
 * audio stream, which would swallow the chime. A device that cannot be opened (unplugged USB card, unknown
 * PCM, aplay missing) answers {@link PlayResult#NO_DEVICE}, logged on the change, never thrown.
 * Called on the announcer's thread only.
 */
public final class AlsaSink implements AudioSink {

    private static final Logger LOG = Logger.getLogger(AlsaSink.class.getName());
    /** How long aplay may take beyond the audio itself (opening the device, draining) before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String program;
    private final String device;
    private final Duration leadIn;
    private final Map<String, String> environment;
    private volatile Outcome last;

    /** What aplay said: the result, and its own words when it failed. */
    public record Outcome(PlayResult result, String detail) {
    }

    /**
     * @param environment added to aplay's environment (tests point {@code ALSA_CONFIG_PATH} at their own
     *                    configuration; empty on the Pi)
     */
    public AlsaSink(String program, String device, Duration leadIn, Map<String, String> environment) {
        this.program = Objects.requireNonNull(program, "program");
        if (device == null || device.isBlank() || device.startsWith("-")) {
            throw new IllegalArgumentException("an ALSA device name, e.g. sysdefault:CARD=vc4hdmi1: '" + device + "'");
        }
        this.device = device;
        this.leadIn = Objects.requireNonNull(leadIn, "leadIn");
        this.environment = Map.copyOf(environment);
    }

    public static AlsaSink aplay(String device, Duration leadIn) {
        return new AlsaSink("aplay", device, leadIn, Map.of());
    }

    public String device() {
        return device;
    }

    @Override
    public PlayResult play(Pcm audio) {
        return record(playOutcome(audio));
    }

    /** Plays 100 ms of silence without the lead-in (nobody hears it) and reports as {@link #play} does. */
    @Override
    public java.util.Optional<PlayResult> probe() {
        Pcm blip = Pcm.silence(Pcm.RATE, Duration.ofMillis(100));
        return java.util.Optional.of(record(new AlsaSink(program, device, Duration.ZERO, environment).playOutcome(blip)));
    }

    /** Keeps the outcome and logs a change: a device lost is logged once, not at every call. */
    private PlayResult record(Outcome now) {
        Outcome before = last;
        last = now;
        if (now.result() != PlayResult.PLAYED && (before == null || before.result() != now.result())) {
            LOG.warning("voice.device " + device + ": " + now.detail()
                    + (now.result() == PlayResult.NO_DEVICE ? "; calls are shown but not spoken" : ""));
        } else if (now.result() == PlayResult.PLAYED && before != null && before.result() != PlayResult.PLAYED) {
            LOG.info("voice.device " + device + " plays again");
        }
        return now.result();
    }

    /** The last announcement's outcome; null before the first. */
    public Outcome lastOutcome() {
        return last;
    }

    /** Plays {@code audio} after the lead-in silence and says how it went, with aplay's message on failure. */
    public Outcome playOutcome(Pcm audio) {
        Pcm stream = Pcm.silence(audio.sampleRate(), leadIn).append(audio);
        ProcessBuilder pb = new ProcessBuilder(List.of(program, "-q", "-D", device, "-t", "raw", "-f", "S16_LE",
                "-r", Integer.toString(audio.sampleRate()), "-c", "1", "-"))
                .redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Outcome(PlayResult.NO_DEVICE, program + " cannot run (" + e.getMessage()
                    + "): apt-get install alsa-utils");
        }
        CompletableFuture<String> said = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stream.littleEndianBytes());
        } catch (IOException e) {
            // aplay exits at once when the device does not open: its message below says why.
        }
        try {
            if (!p.waitFor(stream.duration().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Outcome(PlayResult.FAILED, "aplay did not finish within " + stream.duration().plus(GRACE).toSeconds()
                        + " s (a device held by another program?)");
            }
            String message = said.get(GRACE.toMillis(), TimeUnit.MILLISECONDS).strip();
            if (p.exitValue() == 0) {
                return new Outcome(PlayResult.PLAYED, "");
            }
            String detail = message.isEmpty() ? "aplay exit " + p.exitValue() : message.replace('\n', ' ');
            boolean noDevice = message.contains("audio open error") || message.contains("Unknown PCM")
                    || message.contains("cannot find card");
            return new Outcome(noDevice ? PlayResult.NO_DEVICE : PlayResult.FAILED, detail);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(PlayResult.FAILED, "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Outcome(p.exitValue() == 0 ? PlayResult.PLAYED : PlayResult.FAILED, "aplay exit " + p.exitValue());
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            byte[] b = in.readNBytes(8192);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
