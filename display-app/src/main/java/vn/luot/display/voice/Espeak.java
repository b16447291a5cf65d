package vn.luot.display.voice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * espeak-ng (Debian package {@code espeak-ng}) speaking Vietnamese, for words no clip covers. A missing
 * program is logged once and answered with "nothing", never an exception: the call still shows on the boards.
 * Safe for concurrent use.
 */
public final class Espeak {

    private static final Logger LOG = Logger.getLogger(Espeak.class.getName());

    private final String program;
    private final String voice;
    private final int wordsPerMinute;
    private final AtomicBoolean missingLogged = new AtomicBoolean();

    public Espeak(String program, String voice, int wordsPerMinute) {
        this.program = program;
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
    }

    /** Northern Vietnamese, a little slower than espeak-ng's default: many listeners are elderly. */
    public static Espeak northern() {
        return new Espeak("espeak-ng", "vi", 140);
    }

    public Optional<Pcm> speak(String text) {
        Process p;
        try {
            p = new ProcessBuilder(List.of(program, "-v", voice, "-s", Integer.toString(wordsPerMinute), "--stdout", text))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            if (missingLogged.compareAndSet(false, true)) {
                LOG.warning("espeak-ng is not available (" + e.getMessage() + "); words without a clip stay silent."
                        + " Install it: apt-get install espeak-ng");
            }
            return Optional.empty();
        }
        try (InputStream out = p.getInputStream()) {
            byte[] wav = out.readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || wav.length == 0) {
                p.destroyForcibly();
                LOG.warning("espeak-ng failed to speak '" + text + "' (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
                return Optional.empty();
            }
            return Optional.of(Pcm.readWav(new ByteArrayInputStream(wav)));
        } catch (IOException e) {
            LOG.warning("espeak-ng output for '" + text + "' unreadable: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
