package vn.luot.deploy.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;

/**
 * The built .deb files, read with Debian's own tools: {@code dpkg-deb -I/-c/-x} for the control data,
 * the file list with modes and owners, and {@code systemd-analyze verify} for the units, run on the
 * unpacked packages with the build machine's systemd units next to them.
 */
@RequiresTools({Tool.DPKG_DEB, Tool.SYSTEMD_ANALYZE})
class PackagesIT {

    private static final Path DEBS = Path.of(System.getProperty("luot.debs", "target/debs"));
    private static final String VERSION = System.getProperty("luot.version", "0.1.0-SNAPSHOT");
    /** What jdeb writes as the control's Version, and so the file names: 0.1.0-SNAPSHOT -> 0.1.0~snapshot. */
    private static final String DEB_VERSION = VERSION.replaceFirst("-", "~").toLowerCase(java.util.Locale.ROOT);
    private static final List<String> PACKAGES = List.of("luot-common", "luot-kiosk", "luot-display", "luot-server", "luot-allinone");
    private static final Path REPO = Path.of(System.getProperty("luot.repo", ".."));

    private static Path deb(String name) {
        String arch = name.equals("luot-common") || name.equals("luot-allinone") ? "all" : "arm64";
        Path deb = DEBS.resolve(name + "_" + DEB_VERSION + "_" + arch + ".deb");
        assertThat(deb).as("built by `./mvnw package`").exists();
        return deb;
    }

    record Run(int status, String out) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String info(String name, String part) throws Exception {
        Run r = part == null ? run("dpkg-deb", "-I", deb(name).toString()) : run("dpkg-deb", "-I", deb(name).toString(), part);
        assertThat(r.status()).as(r.out()).isZero();
        return r.out();
    }

    /** "-rwxr-xr-x root/root ./usr/bin/luot-doctor" per entry. */
    private static List<String> contents(String name) throws Exception {
        Run r = run("dpkg-deb", "-c", deb(name).toString());
        assertThat(r.status()).as(r.out()).isZero();
        return r.out().lines().map(l -> l.split("\\s+")).map(f -> f[0] + " " + f[1] + " " + f[5]).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"luot-kiosk", "luot-display", "luot-server"})
    void programPackagesAreArm64AndDependOnJava17OrNewerAndTheCommonPackage(String name) throws Exception {
        String control = info(name, "control");

        // trixie has no openjdk-17: any Java 17 runtime will do (openjdk-21 and default-jre-headless provide it).
        assertThat(control).contains("Package: " + name + "\n", "Architecture: arm64\n",
                "default-jre-headless (>= 2:1.17) | java17-runtime-headless", "luot-common (= " + DEB_VERSION + ")",
                "init-system-helpers (>= 1.54~)")
                .doesNotContain("openjdk-17");
        assertThat(info(name, "conffiles")).contains("/etc/luot/" + name.substring(5) + ".toml");
    }

    @Test
    void kioskPackageCarriesItsJarsWithThePisJavaFxAndNotTheBuildMachines() throws Exception {
        List<String> files = contents("luot-kiosk");

        assertThat(files).contains(
                "-rw-r--r-- root/root ./usr/share/luot/kiosk/lib/kiosk-app-" + VERSION + ".jar",
                "-rw-r--r-- root/root ./usr/share/luot/kiosk/lib/luot-deploy.jar",
                "-rw-r--r-- root/root ./etc/luot/kiosk.toml",
                "-rw-r--r-- root/root ./lib/systemd/system/luot-kiosk.service");
        List<String> javafx = files.stream().filter(f -> f.contains("/javafx-")).toList();
        assertThat(javafx).isNotEmpty().allMatch(f -> f.endsWith("-linux-aarch64.jar"));
        // Every JavaFX module the kiosk was built with is there for the Pi.
        try (Stream<Path> built = Files.list(REPO.resolve("kiosk-app/target/lib"))) {
            built.map(p -> p.getFileName().toString()).filter(n -> n.matches("javafx-[a-z]+-.*-linux\\.jar"))
                    .map(n -> n.replace("-linux.jar", "-linux-aarch64.jar"))
                    .forEach(n -> assertThat(javafx).anyMatch(f -> f.endsWith("/" + n)));
        }
    }

    @Test
    void displayPackageShipsItsConfigWithThePinMapInsideAsTheOnlyConffile() throws Exception {
        assertThat(info("luot-display", "conffiles").strip()).isEqualTo("/etc/luot/display.toml");
        assertThat(contents("luot-display")).contains("-rw-r--r-- root/root ./etc/luot/display.toml",
                "-rw-r--r-- root/root ./usr/share/luot/display/lib/display-app-" + VERSION + ".jar")
                .noneMatch(f -> f.contains("pinmap"));
    }

    @Test
    void commonPackageShipsExecutableLaunchersUdevRulesAndNoSecret() throws Exception {
        List<String> files = contents("luot-common");

        assertThat(files).contains("-rwxr-xr-x root/root ./usr/bin/luot-doctor", "-rwxr-xr-x root/root ./usr/lib/luot/luot-run",
                "-rw-r--r-- root/root ./lib/udev/rules.d/60-luot.rules", "-rw-r--r-- root/root ./etc/pam.d/luot-session",
                "-rw-r--r-- root/root ./usr/share/doc/luot-common/README.md",
                "-rw-r--r-- root/root ./usr/share/bash-completion/completions/luot-doctor");
        assertThat(files).noneMatch(f -> f.endsWith(".token"));
        assertThat(info("luot-common", "control")).contains("Architecture: all\n", "Depends: adduser");
    }

    @Test
    void maintainerScriptsCreateTheUserAndAPrivateTokenFile(@TempDir Path dir) throws Exception {
        String common = info("luot-common", "postinst");
        assertThat(common).contains("adduser --system", "--home /var/lib/luot", "--shell /usr/sbin/nologin",
                "install -d -o luot -g luot -m 0750 /var/lib/luot");
        String kiosk = info("luot-kiosk", "postinst");
        assertThat(kiosk).contains("install -m 0600 -o luot -g luot /dev/null \"$token\"", "chmod 0600 \"$token\"",
                "for g in dialout lp video render; do", "deb-systemd-helper enable luot-kiosk.service");
        assertThat(info("luot-display", "postinst")).contains("for g in dialout gpio i2c video render audio; do");
        assertThat(info("luot-server", "postinst")).doesNotContain("adduser --quiet luot", ".token");
        assertThat(info("luot-kiosk", "prerm")).contains("deb-systemd-invoke stop luot-kiosk.service");
        // Every maintainer script is valid POSIX shell (dash is /bin/sh on Raspberry Pi OS).
        Run unpack = run("dpkg-deb", "-e", deb("luot-kiosk").toString(), dir.resolve("control").toString());
        assertThat(unpack.status()).as(unpack.out()).isZero();
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = dir.resolve("control").resolve(script);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-xr-x");
            Run syntax = run("sh", "-n", file.toString());
            assertThat(syntax.status()).as(script + ": " + syntax.out()).isZero();
        }
    }

    @Test
    void unitsPassSystemdAnalyzeVerify(@TempDir Path root) throws Exception {
        for (String name : PACKAGES) {
            Run x = run("dpkg-deb", "-x", deb(name).toString(), root.toString());
            assertThat(x.status()).as(x.out()).isZero();
        }
        // The units' neighbours (targets, logind, getty@) from this machine's systemd, and stand-ins
        // for the commands the packages Depend on but the build machine lacks.
        Path units = root.resolve("lib/systemd/system");
        try (Stream<Path> host = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path unit : host.toList()) {
                Path target = units.resolve(unit.getFileName());
                if (!Files.exists(target) && !Files.isDirectory(unit)) {
                    Files.copy(unit, target);
                }
            }
        }
        for (String command : List.of("usr/bin/cage", "usr/bin/labwc")) {
            Path stub = root.resolve(command);
            Files.createDirectories(stub.getParent());
            Files.writeString(stub, "#!/bin/sh\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> problems = new ArrayList<>();
        for (String unit : List.of("luot-kiosk.service", "luot-display.service", "luot-server.service", "luot-session.service")) {
            Run verify = run("systemd-analyze", "verify", "--man=no", "--root=" + root, "/lib/systemd/system/" + unit);
            if (verify.status() != 0 || !verify.out().isBlank()) {
                problems.add(unit + " (status " + verify.status() + "):\n" + verify.out());
            }
        }
        assertThat(problems).as("systemd-analyze verify finds nothing to say").isEmpty();
        String kiosk = Files.readString(units.resolve("luot-kiosk.service"));
        assertThat(kiosk).contains("Restart=always", "WatchdogSec=60", "NotifyAccess=all", "User=luot", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/luot/kiosk", "NoNewPrivileges=yes", "ExecStart=/usr/bin/cage -d -- /usr/lib/luot/luot-run kiosk");
        assertThat(Files.readString(units.resolve("luot-server.service"))).contains("PrivateDevices=yes", "Restart=always", "WatchdogSec=60");
    }

    @Test
    void udevRulesGiveTheThreeStableNames() throws Exception {
        Path rules = Path.of("src/deb/common/root/lib/udev/rules.d/60-luot.rules");
        List<String> lines = Files.readAllLines(rules).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        assertThat(String.join("\n", lines)).contains("SYMLINK+=\"luot-printer\"", "SYMLINK+=\"luot-scanner\"", "SYMLINK+=\"luot-rs485\"");
        // Each rule is comma-separated KEY==value / KEY+=value / KEY=value pairs with quoted values.
        assertThat(lines).allMatch(l -> l.matches("(\\s*[A-Z]+(\\{[a-zA-Z]+})?(==|\\+=|=)\"[^\"]*\"\\s*,?)+"));
    }

    @Test
    void everyFileNameCarriesTheVersionOfItsControlFileAndChangelog(@TempDir Path dir) throws Exception {
        for (String name : PACKAGES) {
            String control = info(name, "control");
            String version = control.lines().filter(l -> l.startsWith("Version: ")).findFirst().orElseThrow().substring(9);
            assertThat(deb(name).getFileName().toString()).as(name).startsWith(name + "_" + version + "_");
            Run x = run("dpkg-deb", "-x", deb(name).toString(), dir.resolve(name).toString());
            assertThat(x.status()).as(x.out()).isZero();
            Run changelog = run("zcat", dir.resolve(name).resolve("usr/share/doc/" + name + "/changelog.gz").toString());
            assertThat(changelog.out().lines().findFirst().orElseThrow()).as(name).startsWith("luot (" + version + ") ");
            assertThat(control).contains("Maintainer: Lượt firmware team <firmware@luot.vn>").doesNotContain("localhost");
        }
    }

    @Test
    void copyrightIsMachineReadableAndNamesTheLicenceOfEveryBundledJarAndTheFonts(@TempDir Path dir) throws Exception {
        List<String> jars = new ArrayList<>();
        for (String name : List.of("luot-kiosk", "luot-display", "luot-server")) {
            contents(name).stream().map(f -> f.substring(f.lastIndexOf(' ') + 3)).filter(f -> f.endsWith(".jar")).forEach(jars::add);
            Run x = run("dpkg-deb", "-x", deb(name).toString(), dir.toString());
            assertThat(x.status()).as(x.out()).isZero();
        }
        String copyright = Files.readString(dir.resolve("usr/share/doc/luot-kiosk/copyright"));
        assertThat(copyright).startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n")
                .contains("DejaVu", "License: Bitstream-Vera", "License: GPL-2 with Classpath exception", "License: Apache-2.0");
        List<java.nio.file.PathMatcher> globs = copyright.lines().filter(l -> l.startsWith("Files: ") && !l.equals("Files: *"))
                .flatMap(l -> java.util.Arrays.stream(l.substring(7).split(" ")))
                .map(g -> dir.getFileSystem().getPathMatcher("glob:" + g)).toList();
        // Every third-party jar (all but the project's own) is named by a Files: paragraph of its own.
        List<String> unnamed = jars.stream().filter(j -> !j.matches(".*/(kiosk-app|display-app|booking-server|queue-core|luot-deploy).*"))
                .filter(j -> globs.stream().noneMatch(g -> g.matches(Path.of(j)))).toList();
        assertThat(unnamed).as("jars without a licence in the copyright file").isEmpty();
    }

    @Test
    void luotDoctorHasAManPage(@TempDir Path dir) throws Exception {
        Run x = run("dpkg-deb", "-x", deb("luot-common").toString(), dir.toString());
        assertThat(x.status()).as(x.out()).isZero();
        Run man = run("sh", "-c", "zcat '" + dir.resolve("usr/share/man/man1/luot-doctor.1.gz") + "' | grep -c '^.SH'");
        assertThat(Integer.parseInt(man.out().strip())).isGreaterThanOrEqualTo(6);
    }

    /**
     * Debian's own checks. Errors and warnings fail; info tags pass (they are advice, and two are expected:
     * the arm64 packages keep their JavaFX natives inside jars under /usr/share, and systemd is the only
     * init system of Raspberry Pi OS, so there is no /etc/init.d script).
     */
    @Test
    void lintianFindsNoErrorAndNoWarning() throws Exception {
        List<String> command = new ArrayList<>(List.of("lintian", "--fail-on", "error,warning", "--no-tag-display-limit"));
        PACKAGES.forEach(p -> command.add(deb(p).toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        List<String> tags = out.lines().filter(l -> l.matches("^[EW]: .*")).toList();
        assertThat(tags).as(out).isEmpty();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void theLauncherTakesAJava17OrNewerAndRefusesAnOlderOne(@TempDir Path dir) throws Exception {
        Path launcher = Path.of("src/deb/common/root/usr/lib/luot/luot-java");
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path old = Files.createDirectories(dir.resolve("java-11-openjdk-arm64/bin"));
        Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"11.0.25\"\n");
        Path oldJava = Files.writeString(old.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(oldJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder good = new ProcessBuilder("sh", launcher.toString()).redirectErrorStream(true);
        good.environment().put("LUOT_JAVA", javaHome.resolve("bin/java").toString());
        Process p = good.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo(javaHome.resolve("bin/java").toString());

        ProcessBuilder bad = new ProcessBuilder("sh", launcher.toString()).redirectErrorStream(true);
        bad.environment().put("LUOT_JAVA", oldJava.toString());
        Process q = bad.start();
        String refused = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isEqualTo(1);
        assertThat(refused).contains("not a Java 17 or newer");
    }
}
