package vn.luot.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * luot-common installs the bash completion of {@code luot-doctor} (the command it puts on the Pi's PATH) at
 * /usr/share/bash-completion/completions/luot-doctor. The file is committed; this test keeps it what picocli
 * generates from {@link DoctorMain}. To regenerate it after changing the doctor's options, run this test with
 * {@code -Dluot.completion.write=true}.
 */
class DoctorCompletionTest {

    static final Path COMMITTED = Path.of("src/deb/common/root/usr/share/bash-completion/completions/luot-doctor");

    /** picocli's script without its first line: a completion file is sourced, never run (lintian: no #!). */
    static String generated() {
        String script = AutoComplete.bash("luot-doctor", new CommandLine(new DoctorMain()));
        return script.substring(script.indexOf('\n') + 1);
    }

    @Test
    void theCommittedCompletionIsWhatTheDoctorsOptionsGenerate() throws Exception {
        if (Boolean.getBoolean("luot.completion.write")) {
            Files.writeString(COMMITTED, generated());
        }
        assertThat(Files.readString(COMMITTED))
                .as("%s is out of date: run DoctorCompletionTest with -Dluot.completion.write=true", COMMITTED)
                .isEqualTo(generated());
        assertThat(generated()).doesNotStartWith("#!").contains("complete -F", "luot-doctor", "--config");
    }
}
