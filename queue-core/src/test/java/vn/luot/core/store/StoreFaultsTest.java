package vn.luot.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.testing.Tool;

/** A database the device cannot use is a clear error naming the file; nothing is half-written. */
class StoreFaultsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");

    private LocalQueue.Builder queue(Path file) {
        return LocalQueue.builder().file(file).deviceId("kiosk-1").branch(DemoBranch.create()).clock(clock);
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftUntouched() throws IOException {
        Path file = dir.resolve("queue.db");
        Files.writeString(file, "this is a config file, not a database\n");
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> queue(file).open())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.NOT_A_DATABASE);
                    assertThat(e.getMessage()).contains(file.toString()).contains("Move it aside");
                });
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void anotherProgramsDatabaseIsRefusedNotMigrated() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE people (name TEXT)");
        }
        assertThatThrownBy(() -> queue(file).open())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.FOREIGN_DATABASE);
                    assertThat(e.getMessage()).contains(file.toString());
                });
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            assertThat(rs.getInt(1)).as("no table of ours was added").isEqualTo(1);
        }
    }

    @Test
    void aDatabaseFromANewerLuotIsRefusedWithBothVersions() throws Exception {
        Path file = dir.resolve("queue.db");
        queue(file).open().close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 42");
        }
        assertThatThrownBy(() -> queue(file).open())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.NEWER_SCHEMA);
                    assertThat(e.getMessage()).contains(file.toString()).contains("42").contains("newer Lượt");
                });
    }

    @Test
    void aDamagedDatabaseIsReportedAsCorrupt() throws Exception {
        Path file = dir.resolve("queue.db");
        try (LocalQueue q = queue(file).open()) {
            for (int i = 0; i < 200; i++) {
                q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            assertThat(raf.length()).isGreaterThan(3 * 4096L);
            raf.seek(2 * 4096L);
            raf.write(new byte[4096 * 2]);
            raf.seek(2 * 4096L + 100);
            raf.write("garbage in the middle of a b-tree page".getBytes());
        }
        assertThatThrownBy(() -> queue(file).open())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isIn(StoreException.Kind.CORRUPT, StoreException.Kind.NOT_A_DATABASE);
                    assertThat(e.getMessage()).contains(file.toString());
                });
    }

    @Test
    void aMissingFolderIsACleanErrorNamingThePath() {
        Path file = dir.resolve("no/such/folder/queue.db");
        assertThatThrownBy(() -> queue(file).open())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.CANNOT_OPEN);
                    assertThat(e.getMessage()).contains(file.getParent().toString());
                });
    }

    @Test
    void aReadOnlyDatabaseRefusesTheWriteAndKeepsTheQueueAsItWas() throws Exception {
        Path file = dir.resolve("queue.db");
        try (LocalQueue q = queue(file).open()) {
            q.checkIn(Fixtures.booking("HT", 1, "09:00-09:30", false));
        }
        makeReadOnly(file);
        try (LocalQueue q = queue(file).open()) {
            assertThatThrownBy(() -> q.issueWalkIn("HT", Purpose.SUBMIT, false, null))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.kind()).isEqualTo(StoreException.Kind.READ_ONLY);
                        assertThat(e.getMessage()).contains(file.toString());
                    });
            assertThat(q.tickets()).hasSize(1);
            assertThat(q.waiting("HT")).hasSize(1);
        } finally {
            makeWritable(file);
        }
    }

    @Test
    void hittingTheSizeCapIsReportedAsAFullDiskAndLosesNothing() {
        Path file = dir.resolve("queue.db");
        try (LocalQueue q = queue(file).maxDatabaseBytes(96 * 1024).open()) {
            StoreException full = null;
            int issued = 0;
            while (full == null && issued < 5_000) {
                try {
                    q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
                    issued++;
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertThat(full).isNotNull();
            assertThat(full.kind()).isEqualTo(StoreException.Kind.DISK_FULL);
            assertThat(full.getMessage()).contains(file.toString()).contains("full");
            assertThat(q.waiting("HT")).as("memory did not run ahead of disk").hasSize(issued);
            assertThat(q.store().loadTickets()).hasSize(issued);
        }
        try (LocalQueue q = queue(file).open()) {
            int before = q.tickets().size();
            assertThat(q.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket().id().number())
                    .as("the failed write consumed no number").isEqualTo(500 + before);
        }
    }

    @Test
    void aRealFullDiskIsReportedAndTheQueueCarriesOnOnceSpaceIsFreed() throws Exception {
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString()) == 0,
                "needs root to mount a small tmpfs (CI runs as root)");
        try {
            Path file = mount.resolve("queue.db");
            try (LocalQueue q = queue(file).open()) {
                q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
                Path filler = mount.resolve("filler");
                fill(filler);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
                    }
                }).isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.DISK_FULL);
                    assertThat(e.getMessage()).contains(file.toString());
                });
                int issued = q.tickets().size();
                Files.delete(filler);
                assertThat(q.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket().id().number())
                        .isEqualTo(500 + issued);
                assertThat(q.store().integrityCheck()).isEqualTo("ok");
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException expectedWhenFull) {
            // The disk is full now, which is what the test needs.
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void makeReadOnly(Path file) throws Exception {
        if (isRoot()) {
            // Root ignores permission bits; the immutable attribute stops root too.
            Tool.CHATTR.require();
            assertThat(run("chattr", "+i", file.toString())).as("chattr +i").isZero();
        } else {
            assertThat(file.toFile().setWritable(false)).isTrue();
        }
    }

    private static void makeWritable(Path file) throws Exception {
        if (isRoot()) {
            run("chattr", "-i", file.toString());
        } else {
            file.toFile().setWritable(true);
        }
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
