package vn.luot.display.voice;

import java.nio.file.Path;
import java.util.Optional;
import vn.luot.core.config.BranchConfig;
import vn.luot.core.config.ConfigException;

/**
 * {@code ./luot announce --text HT-012 5 [--wav FILE] [--device ALSA-PCM] [--branch SPEC] [--spell-field]
 * [--number-only] [--repeat N]}: prints the sentence of a call as the display says it (the field's name from
 * the branch, {@code demo} unless {@code --branch} names a branch file); with {@code --wav} writes its audio
 * (chime first, said {@code --repeat} times, 2 by default), with {@code --device} plays it there as the
 * display would ({@code voice.device}, 500 ms lead-in): the installer's test of the TV's sound.
 */
public final class AnnounceMain {

    private AnnounceMain() {
    }

    public static void main(String[] args) throws Exception {
        String label = null;
        Integer counter = null;
        Path wav = null;
        String device = null;
        String branch = "demo";
        boolean spellField = false;
        boolean numberOnly = false;
        int repeat = Announcer.DEFAULT_REPEAT;
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
                case "--device" -> {
                    if (i + 1 >= args.length) {
                        usage("--device needs an ALSA device, e.g. sysdefault:CARD=vc4hdmi1");
                    }
                    device = args[++i];
                }
                case "--branch" -> {
                    if (i + 1 >= args.length) {
                        usage("--branch needs demo or a branch file");
                    }
                    branch = args[++i];
                }
                case "--spell-field", "--read-field" -> spellField = true;
                case "--number-only" -> numberOnly = true;
                case "--repeat" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-3]")) {
                        usage("--repeat needs 1, 2 or 3");
                    }
                    repeat = Integer.parseInt(args[++i]);
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (label == null) {
            usage("--text LABEL COUNTER is required");
        }
        CallSentence sentence;
        try {
            sentence = numberOnly ? CallSentence.numberOnly(label, counter)
                    : spellField ? CallSentence.withFieldCode(label, counter)
                    : CallWording.of(BranchConfig.named(branch), true).sentence(label, counter);
        } catch (IllegalArgumentException | ConfigException e) {
            usage(e.getMessage());
            return;
        }
        System.out.println(sentence.text());
        if (wav != null) {
            try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.of(Espeak.northern()),
                    WavFileSink.toFile(wav), repeat)) {
                Announcer.Announcement a = announcer.announce(sentence).get();
                System.err.printf("wrote %s (%d ms)%n", wav, a.audio().duration().toMillis());
            }
        }
        if (device != null) {
            AlsaSink sink;
            try {
                sink = AlsaSink.aplay(device, java.time.Duration.ofMillis(500));
            } catch (IllegalArgumentException e) {
                usage(e.getMessage());
                return;
            }
            try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.of(Espeak.northern()), sink,
                    repeat)) {
                Announcer.Announcement a = announcer.announce(sentence).get();
                System.err.printf("%s on %s%s%n", a.result(), device,
                        a.result() == AudioSink.PlayResult.PLAYED ? "" : ": " + sink.lastOutcome().detail());
                if (a.result() != AudioSink.PlayResult.PLAYED) {
                    System.exit(1);
                }
            }
        }
    }

    private static void usage(String problem) {
        System.err.println("announce: " + problem);
        System.err.println("usage: announce --text LABEL COUNTER [--wav FILE] [--device ALSA-PCM] [--branch demo|FILE]"
                + " [--spell-field | --number-only] [--repeat 1-3]");
        System.exit(2);
    }
}
