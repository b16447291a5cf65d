package vn.luot.display.voice;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the shipped clips: {@code ClipGenerator display-app/src/main/resources/voice}. Every standard
 * phrase through espeak-ng (Northern voice), trimmed of its padding, plus the synthesised chime. See
 * hardware-docs/voice.md for recording real voices instead.
 */
public final class ClipGenerator {

    private ClipGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClipGenerator OUTPUT_FOLDER");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Espeak espeak = Espeak.northern();
        write(out.resolve(ClipLibrary.CHIME + ".wav"), Chime.synthesize(Pcm.RATE));
        for (String phrase : ClipLibrary.standardPhrases()) {
            Pcm clip = espeak.speak(phrase).orElseThrow(() -> new IllegalStateException(
                    "espeak-ng could not speak '" + phrase + "' (apt-get install espeak-ng)")).trimmed(300);
            write(out.resolve(ClipLibrary.fileName(phrase)), clip);
            System.out.printf("%-16s %-22s %4d ms%n", phrase, ClipLibrary.fileName(phrase), clip.duration().toMillis());
        }
    }

    private static void write(Path file, Pcm pcm) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            pcm.writeWav(o);
        }
    }
}
