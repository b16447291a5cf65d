package vn.luot.display.voice;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ./luot announce --text HT-012 5 [--wav FILE] [--read-field]}: prints the sentence of a call and,
 * with {@code --wav}, writes its audio (chime first). Plays nothing: no speaker is assumed.
 */
public final class AnnounceMain {

    private AnnounceMain() {
    }

    public static void main(String[] args) throws Exception {
        String label = null;
        Integer counter = null;
        Path wav = null;
        boolean readField = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--text" -> {
                    if (i + 2 >= args.length) {
                        usage("--text needs a ticket label and a counter number");
                    }
                    label = args[++i];
                    counter = Integer.parseInt(args[++i]);
                }
                case "--wav" -> {
                    if (i + 1 >= args.length) {
                        usage("--wav needs a file");
                    }
                    wav = Path.of(args[++i]);
                }
                case "--read-field" -> readField = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (label == null) {
            usage("--text LABEL COUNTER is required");
        }
        CallSentence sentence;
        try {
            sentence = readField ? CallSentence.withFieldCode(label, counter) : CallSentence.of(label, counter);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        System.out.println(sentence.text());
        if (wav != null) {
            try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.of(Espeak.northern()),
                    WavFileSink.toFile(wav))) {
                Announcer.Announcement a = announcer.announce(sentence).get();
                System.err.printf("wrote %s (%d ms)%n", wav, a.audio().duration().toMillis());
            }
        }
    }

    private static void usage(String problem) {
        System.err.println("announce: " + problem);
        System.err.println("usage: announce --text LABEL COUNTER [--wav FILE] [--read-field]");
        System.exit(2);
    }
}
