package vn.luot.display.voice;

import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Java Sound's default line: ALSA {@code default}, which is the 3.5 mm jack on a Pi 4 Lite and HDMI-A-1 on a
 * Pi 5, so only right where that is the waiting-room speaker (a desktop, a demo); a named device goes through
 * {@link AlsaSink}. Without a device, each announcement
 * answers {@link PlayResult#NO_DEVICE}; that is logged once, not every call, and is never fatal.
 */
public final class SpeakerSink implements AudioSink {

    private static final Logger LOG = Logger.getLogger(SpeakerSink.class.getName());

    private final java.time.Duration leadIn;
    private boolean noDeviceLogged;

    public SpeakerSink() {
        this(java.time.Duration.ZERO);
    }

    /** @param leadIn silence before each announcement (a TV that unmutes a new HDMI stream late) */
    public SpeakerSink(java.time.Duration leadIn) {
        this.leadIn = leadIn;
    }

    /** Opens and closes Java Sound's default line. */
    @Override
    public java.util.Optional<PlayResult> probe() {
        Pcm format = Pcm.silence(Pcm.RATE, java.time.Duration.ZERO);
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(format.format());
            line.open(format.format());
            line.close();
            return java.util.Optional.of(PlayResult.PLAYED);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            if (!noDeviceLogged) {
                noDeviceLogged = true;
                LOG.warning("no sound device (" + e.getMessage() + "); calls are shown but not spoken");
            }
            return java.util.Optional.of(PlayResult.NO_DEVICE);
        }
    }

    @Override
    public PlayResult play(Pcm audio) {
        audio = Pcm.silence(audio.sampleRate(), leadIn).append(audio);
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(audio.format());
            line.open(audio.format());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            if (!noDeviceLogged) {
                noDeviceLogged = true;
                LOG.warning("no sound device (" + e.getMessage() + "); calls are shown but not spoken");
            }
            return PlayResult.NO_DEVICE;
        }
        try {
            noDeviceLogged = false;
            line.start();
            byte[] bytes = audio.littleEndianBytes();
            line.write(bytes, 0, bytes.length);
            line.drain();
            return PlayResult.PLAYED;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "playing an announcement failed", e);
            return PlayResult.FAILED;
        } finally {
            line.close();
        }
    }
}
