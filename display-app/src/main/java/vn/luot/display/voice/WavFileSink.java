package vn.luot.display.voice;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Writes each announcement as a WAV file: {@code announcement-0001.wav}, … in a folder (simulator, tests),
 * or always the same file (the {@code announce --wav FILE} command).
 */
public final class WavFileSink implements AudioSink {

    private static final Logger LOG = Logger.getLogger(WavFileSink.class.getName());

    private final Path folder;
    private final Path file;
    private int count;

    private WavFileSink(Path folder, Path file) {
        this.folder = folder;
        this.file = file;
    }

    public static WavFileSink numberedIn(Path folder) {
        return new WavFileSink(folder, null);
    }

    public static WavFileSink toFile(Path file) {
        return new WavFileSink(null, file);
    }

    @Override
    public PlayResult play(Pcm audio) {
        Path target = file != null ? file : folder.resolve(String.format("announcement-%04d.wav", ++count));
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                audio.writeWav(out);
            }
            return PlayResult.WRITTEN;
        } catch (IOException e) {
            LOG.warning("cannot write announcement to " + target + ": " + e.getMessage());
            return PlayResult.FAILED;
        }
    }
}
