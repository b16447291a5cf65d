package vn.luot.server.booking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 15 server for the tests: Debian's binaries ({@code /usr/lib/postgresql/15/bin}, or
 * {@code LUOT_PG_BIN}), a throwaway cluster made by {@code initdb} in a temp dir, started by {@code pg_ctl} on a
 * free loopback port with its unix socket in that dir; one cluster per test run (kept in the root context's
 * store, stopped and deleted when the run ends), one fresh database per {@link #newDatabase()}.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs the tests as root: then initdb and the server run as
 * {@code nobody} through {@code setpriv} (util-linux, in every Debian: no PAM, no login shell, no sudo needed),
 * with the temp dir given to {@code nobody}; as a normal user they run as that user. Without the binaries the
 * tests are skipped, or fail when {@code CI=true}, naming the Debian package {@code postgresql}.
 */
public final class PostgresCluster implements BeforeAllCallback {

    private static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class);
    }

    /** A new empty database on the shared cluster; its JDBC URL (user {@code luot}, trust authentication). */
    public String newDatabase() {
        String name = "luot_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.url("postgres"));
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return server.url(name);
    }

    /** The running cluster; stopped and deleted when the test run ends. */
    static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Path bin;
        private final Path dir;
        private final int port;
        private final List<String> asUser;

        private Server(Path bin, Path dir, int port, List<String> asUser) {
            this.bin = bin;
            this.dir = dir;
            this.port = port;
            this.asUser = asUser;
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=luot";
        }

        static Server start() {
            String configured = System.getenv("LUOT_PG_BIN");
            Path bin = configured != null ? Path.of(configured) : DEFAULT_BIN;
            if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
                String why = "PostgreSQL 15 is not installed (no initdb/pg_ctl in " + bin
                        + "): install the Debian package postgresql, or set LUOT_PG_BIN";
                if ("true".equals(System.getenv("CI"))) {
                    Assertions.fail(why);
                }
                Assumptions.abort(why);
            }
            try {
                Path dir = Files.createTempDirectory("luot-pg-");
                List<String> asUser = new ArrayList<>();
                if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0) {
                    Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
                    asUser.addAll(List.of("setpriv", "--reuid=nobody", "--regid=" + nobodyGroup(), "--clear-groups", "--"));
                }
                int port;
                try (ServerSocket free = new ServerSocket(0)) {
                    port = free.getLocalPort();
                }
                Server server = new Server(bin, dir, port, asUser);
                server.run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "luot",
                        "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
                // fsync off: a test cluster is thrown away, and the machine is shared.
                server.run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c max_connections=200", "start");
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            }
        }

        private static String nobodyGroup() throws IOException {
            // Debian names it nogroup, others nobody: take nobody's primary group by number.
            Process p = new ProcessBuilder("id", "-g", "nobody").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        }

        private void run(String... command) throws IOException {
            List<String> full = new ArrayList<>(asUser);
            full.addAll(List.of(command));
            Path log = Files.createTempFile("luot-pg-cmd-", ".log");
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    String out = Files.readString(log);
                    Path serverLog = dir.resolve("server.log");
                    throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out
                            + (Files.exists(serverLog) ? "\nserver log:\n" + Files.readString(serverLog) : ""));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
            } finally {
                Files.deleteIfExists(log);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            } finally {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
