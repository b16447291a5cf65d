package vn.luot.display.voice;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.luot.core.config.BranchConfig;
import vn.luot.core.config.ConfigException;

/**
 * {@code ./luot announce --text HT-012 5 [--wav FILE] [--device ALSA-PCM] [--branch SPEC] [--spell-field]
 * [--number-only] [--repeat N]}: prints the sentence of a call as the display says it (the field's name from
 * the branch, {@code demo} unless {@code --branch} names a branch file); with {@code --wav} writes its audio
 * (chime first, said {@code --repeat} times, 2 by default), with {@code --device} plays it there as the
 * display would ({@code voice.device}, 500 ms lead-in): the installer's test of the TV's sound.
 */
@Command(name = "luot announce", sortOptions = false,
        description = "Prints the sentence a call says (and writes its audio to FILE, or plays it on a device).")
public final class AnnounceMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--text", arity = "2", required = true, paramLabel = "LABEL COUNTER",
            description = "the ticket label and the counter number, e.g. HT-012 5")
    List<String> text;

    @Option(names = "--wav", paramLabel = "FILE", description = "write the call's audio to FILE")
    Path wav;

    @Option(names = "--device", paramLabel = "ALSA-PCM",
            description = "play it there as the display would, e.g. sysdefault:CARD=vc4hdmi1")
    String device;

    @Option(names = "--branch", paramLabel = "demo|FILE", defaultValue = "demo",
            description = "the branch whose field names are said (default ${DEFAULT-VALUE})")
    String branch;

    @Option(names = {"--spell-field", "--read-field"}, description = "say the field's code instead of its name")
    boolean spellField;

    @Option(names = "--number-only", description = "say only the number and the counter")
    boolean numberOnly;

    @Option(names = "--repeat", paramLabel = "1-3", description = "times the sentence is said (default 2)")
    int repeat = Announcer.DEFAULT_REPEAT;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AnnounceMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String label = text.get(0);
        int counter;
        try {
            counter = Integer.parseInt(text.get(1));
        } catch (NumberFormatException e) {
            throw usage("--text needs a ticket label and a counter number, not '" + text.get(1) + "'");
        }
        if (repeat < 1 || repeat > 3) {
            throw usage("--repeat needs 1, 2 or 3");
        }
        CallSentence sentence;
        try {
            sentence = numberOnly ? CallSentence.numberOnly(label, counter)
                    : spellField ? CallSentence.withFieldCode(label, counter)
                    : CallWording.of(BranchConfig.named(branch), true).sentence(label, counter);
        } catch (IllegalArgumentException | ConfigException e) {
            throw usage(e.getMessage());
        }
        out.println(sentence.text());
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
                throw usage(e.getMessage());
            }
            try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.of(Espeak.northern()), sink,
                    repeat)) {
                Announcer.Announcement a = announcer.announce(sentence).get();
                System.err.printf("%s on %s%s%n", a.result(), device,
                        a.result() == AudioSink.PlayResult.PLAYED ? "" : ": " + sink.lastOutcome().detail());
                if (a.result() != AudioSink.PlayResult.PLAYED) {
                    return 1;
                }
            }
        }
        return 0;
    }

    private ParameterException usage(String problem) {
        return new ParameterException(spec.commandLine(), problem);
    }
}
