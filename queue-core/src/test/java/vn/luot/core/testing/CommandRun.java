package vn.luot.core.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * A program's picocli command run in-process, as {@code main} would run it but without {@code System.exit}:
 * its exit status and what it wrote through picocli (usage, usage errors). The command's own output on
 * {@code System.out} is not captured.
 */
public record CommandRun(int status, String out, String err) {

    /** Runs {@code command}: a {@code @Command} object, or a {@link CommandLine} set up as the program's main sets it up. */
    public static CommandRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = command instanceof CommandLine given ? given
                : new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        int status = line
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new CommandRun(status, out.toString(), err.toString());
    }

    /** The first line of the error output: picocli's one-line message, before the usage. */
    public String message() {
        return err.lines().findFirst().orElse("");
    }
}
