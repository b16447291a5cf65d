package vn.luot.display.voice;

import java.util.logging.Logger;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The sound card (HDMI or the 3.5 mm jack to the waiting-room amplifier). Without one, each announcement
 * answers {@link PlayResult#NO_DEVICE}; that is logged once, not every call, and is never fatal.
 */
public final class SpeakerSink implements AudioSink {

    private static final Logger LOG = Logger.getLogger(SpeakerSink.class.getName());

    private boolean noDeviceLogged;

    @Override
    public PlayResult play(Pcm audio) {
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
            LOG.warning("playing an announcement failed: " + e);
            return PlayResult.FAILED;
        } finally {
            line.close();
        }
    }
}
