package vn.luot.display.voice;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Regenerates the shipped clips: {@code ClipGenerator display-app/src/main/resources/voice}. Every standard
 * phrase through espeak-ng (Northern voice), trimmed of its padding, plus the synthesised chime. See
 * hardware-docs/voice.md for recording real voices instead.
 */
@Command(name = "ClipGenerator",
        description = "Regenerates the shipped voice clips with espeak-ng (Northern voice) into OUTPUT_FOLDER.")
public final class ClipGenerator implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Parameters(index = "0", paramLabel = "OUTPUT_FOLDER", description = "e.g. display-app/src/main/resources/voice")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClipGenerator()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        Espeak espeak = Espeak.northern();
        write(out.resolve(ClipLibrary.CHIME + ".wav"), Chime.synthesize(Pcm.RATE));
        for (String phrase : ClipLibrary.standardPhrases()) {
            Pcm clip = espeak.speak(phrase).orElseThrow(() -> new IllegalStateException(
                    "espeak-ng could not speak '" + phrase + "' (apt-get install espeak-ng)")).trimmed(300);
            write(out.resolve(ClipLibrary.fileName(phrase)), clip);
            System.out.printf("%-16s %-22s %4d ms%n", phrase, ClipLibrary.fileName(phrase), clip.duration().toMillis());
        }
        return 0;
    }

    private static void write(Path file, Pcm pcm) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            pcm.writeWav(o);
        }
    }
}
