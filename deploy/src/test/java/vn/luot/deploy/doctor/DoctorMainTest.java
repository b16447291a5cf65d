package vn.luot.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.testing.CommandRun;
import vn.luot.deploy.run.Supervised;

/** {@code luot doctor} and {@code Supervised}: usage errors exit 2 with a one-line message naming the option. */
class DoctorMainTest {

    @Test
    void aMissingValueNamesTheOption() {
        CommandRun run = CommandRun.of(new DoctorMain(), "--config", "/etc/luot/kiosk.toml", "--config");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("--config");
        assertThat(run.err()).contains("Usage: luot doctor");
    }

    @Test
    void noConfigIsAUsageError() {
        CommandRun run = CommandRun.of(new DoctorMain());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("--config");
    }

    @Test
    void anUnknownOptionIsNamed() {
        CommandRun run = CommandRun.of(new DoctorMain(), "--config", "/etc/luot/kiosk.toml", "--fix");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.message()).contains("'--fix'");
    }

    @Test
    void supervisedNeedsTheProgramAndPassesEveryOptionAfterItOn() {
        CommandRun none = CommandRun.of(Supervised.commandLine());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.message()).contains("MAIN-CLASS");
        // The program's own options are not Supervised's: they reach the program (which here does not exist).
        CommandRun run = CommandRun.of(Supervised.commandLine(), "vn.luot.NoSuchMain", "--config", "/etc/luot/kiosk.toml");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("ClassNotFoundException");
    }
}
