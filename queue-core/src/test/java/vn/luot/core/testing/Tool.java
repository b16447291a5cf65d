package vn.luot.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from Debian that tests start, and the package that installs it; every package named here is in
 * {@code .ci/test-packages}, the one list {@code ./luot test} installs ({@code TestPackagesListTest} checks).
 * {@link #require()} skips the test, saying why, where the program is missing; under {@code CI=true} or
 * {@code LUOT_REQUIRE_TOOLS=1} it fails instead, so a CI run never goes green with tests quietly skipped.
 * For a whole class: {@link RequiresTools}.
 */
public enum Tool {
    SOCAT("socat", "socat"),
    CHATTR("chattr", "e2fsprogs"),
    XVFB("Xvfb", "xvfb"),
    CHROMIUM("chromium", "chromium"),
    CHROMEDRIVER("chromedriver", "chromium-driver"),
    DPKG_DEB("dpkg-deb", "dpkg"),
    SYSTEMD_ANALYZE("systemd-analyze", "systemd"),
    ESPEAK_NG("espeak-ng", "espeak-ng"),
    APLAY("aplay", "alsa-utils"),
    SOX("sox", "sox"),
    ZBARIMG("zbarimg", "zbar-tools"),
    MBPOLL("mbpoll", "mbpoll"),
    LINTIAN("lintian", "lintian"),
    PYMODBUS("python3", "python3-pymodbus", "python3", "-c", "import pymodbus"),
    DEBOOTSTRAP("debootstrap", "debootstrap"),
    QEMU_AARCH64("qemu-aarch64-static", "qemu-user-static");

    private static final List<String> SYSTEM_DIRS = List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private final String program;
    private final String debianPackage;
    private final List<String> probe;
    private volatile Boolean installed;

    Tool(String program, String debianPackage, String... probe) {
        this.program = program;
        this.debianPackage = debianPackage;
        this.probe = List.of(probe);
    }

    public String program() {
        return program;
    }

    public String debianPackage() {
        return debianPackage;
    }

    /** The program's path, found on PATH or in the system's bin directories. */
    public Path path() {
        return find().orElseThrow(() -> new IllegalStateException(missing()));
    }

    public boolean installed() {
        Boolean known = installed;
        if (known == null) {
            known = find().isPresent() && (probe.isEmpty() || probeSucceeds());
            installed = known;
        }
        return known;
    }

    /** Skips the calling test where this program is missing, or fails it when CI requires every tool. */
    public void require() {
        require(installed(), required(), missing());
    }

    static void require(boolean installed, boolean required, String missing) {
        if (installed) {
            return;
        }
        if (required) {
            fail(missing + "; CI=true (or LUOT_REQUIRE_TOOLS=1) requires every test tool");
        }
        Assumptions.abort(missing);
    }

    /** Whether a missing tool fails the test instead of skipping it. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("LUOT_REQUIRE_TOOLS"));
    }

    private String missing() {
        return program + " is not installed (Debian package " + debianPackage
                + "; `./luot test` installs it, or apt-get install " + debianPackage + ")";
    }

    private Optional<Path> find() {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(
                        Arrays.stream(pathVariable.split(File.pathSeparator)).filter(d -> !d.isEmpty()),
                        SYSTEM_DIRS.stream())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private boolean probeSucceeds() {
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
