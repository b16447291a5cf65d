package vn.luot.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * `./luot test` installs from one list; every tool a test may require has its package on it, and a missing
 * tool skips a test on a developer's machine but fails it in CI.
 */
class TestPackagesListTest {

    // Surefire runs in the module's directory; the list sits at the repository's root.
    private static final Path LIST = Path.of("..", ".ci", "test-packages");

    private static List<String> listedPackages() throws IOException {
        return Files.readAllLines(LIST).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    @Test
    void everyToolATestCanRequireIsInstalledByTheTestCommand() throws IOException {
        assertThat(listedPackages())
                .containsAll(Arrays.stream(Tool.values()).map(Tool::debianPackage).distinct().toList());
    }

    @Test
    void everyListedPackageSaysWhichTestsNeedIt() throws IOException {
        assertThat(Files.readAllLines(LIST).stream().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .allSatisfy(line -> assertThat(line).matches("[a-z0-9.+-]+ +# .*\\S.*"));
    }

    @Test
    void aMissingToolSkipsTheTestNamingItsPackage() {
        assertThatThrownBy(() -> Tool.require(false, false, "socat is not installed (Debian package socat)"))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("Debian package socat");
    }

    @Test
    void aMissingToolFailsTheTestWhenCiRequiresEveryTool() {
        assertThatThrownBy(() -> Tool.require(false, true, "socat is not installed (Debian package socat)"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("CI=true");
    }

    @Test
    void anInstalledToolLetsTheTestRun() {
        Tool.require(true, true, "never shown");
    }
}
