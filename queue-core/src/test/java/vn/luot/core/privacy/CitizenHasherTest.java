package vn.luot.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.testing.MutableClock;

class CitizenHasherTest {

    private static final String CCCD = "001045012345";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");

    private LocalQueue kiosk(Path db) {
        return LocalQueue.builder().file(db).deviceId("kiosk-1").branch(DemoBranch.create()).clock(clock).open();
    }

    @Test
    void theHashKeyIsCreatedOwnerOnlyBesideTheDatabaseNotInIt() throws Exception {
        Path db = dir.resolve("queue.db");
        try (LocalQueue queue = kiosk(db)) {
            queue.issueWalkIn("HT", Purpose.SUBMIT, true, CCCD);
        }
        Path key = dir.resolve("queue.db.citizen-key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.size(key)).isEqualTo(32);
        byte[] keyBytes = Files.readAllBytes(key);
        assertThat(settings(db)).noneMatch(v -> v.contains(HexFormat.of().formatHex(keyBytes)));
    }

    @Test
    void anIdNumberCannotBeRecoveredFromQueueDbAloneButIsWithTheKeyFile() throws Exception {
        Path db = dir.resolve("queue.db");
        try (LocalQueue queue = kiosk(db)) {
            queue.issueWalkIn("HT", Purpose.SUBMIT, true, CCCD);
        }
        List<String> stored = query(db, "SELECT citizen_hash FROM citizen_refs");
        assertThat(stored).hasSize(1);
        // An attacker with the file tries every ID number of the citizen's birth year and province (10^5 of
        // them here, 10^12 in all), unsalted and salted with every value the database holds.
        List<byte[]> salts = new ArrayList<>();
        salts.add(new byte[0]);
        for (String v : settings(db)) {
            salts.add(v.getBytes(StandardCharsets.UTF_8));
            if (v.matches("([0-9a-f]{2})+")) {
                salts.add(HexFormat.of().parseHex(v));
            }
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String found = null;
        for (int n = 0; n < 100_000 && found == null; n++) {
            String candidate = String.format("0010450%05d", n);
            for (byte[] salt : salts) {
                sha.update(salt);
                String h = HexFormat.of().formatHex(sha.digest(candidate.getBytes(StandardCharsets.UTF_8)));
                if (h.equals(stored.get(0))) {
                    found = candidate;
                }
            }
        }
        assertThat(found).isNull();

        // The negative control: with the key file, the same search finds it.
        CitizenHasher withKey = CitizenHasher.openOrCreate(CitizenHasher.keyFileBeside(db));
        String recovered = null;
        for (int n = 0; n < 100_000 && recovered == null; n++) {
            String candidate = String.format("0010450%05d", n);
            if (withKey.hash(candidate).equals(stored.get(0))) {
                recovered = candidate;
            }
        }
        assertThat(recovered).isEqualTo(CCCD);
    }

    @Test
    void aDatabaseFromBeforeTheKeyedHashLosesItsSaltAndItsSaltedReferences() throws Exception {
        Path db = dir.resolve("queue.db");
        try (LocalQueue queue = kiosk(db)) {
            queue.issueWalkIn("HT", Purpose.SUBMIT, true, CCCD);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO device (key, value) VALUES ('citizen_salt', '" + "ab".repeat(32) + "')");
        }
        try (LocalQueue queue = kiosk(db)) {
            assertThat(queue.store().citizenRefCount()).isZero();
        }
        assertThat(query(db, "SELECT key FROM device")).doesNotContain("citizen_salt");
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedNamingTheFix() throws Exception {
        Path key = dir.resolve("k");
        CitizenHasher.openOrCreate(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CitizenHasher.openOrCreate(key)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("chmod 600 " + key);
    }

    @Test
    void theSameKeyGivesTheSameHashAndAnotherKeyAnother() {
        Path key = dir.resolve("k");
        assertThat(CitizenHasher.openOrCreate(key).hash(CCCD)).isEqualTo(CitizenHasher.openOrCreate(key).hash(" " + CCCD))
                .hasSize(64).isNotEqualTo(CitizenHasher.ephemeral().hash(CCCD));
    }

    private static List<String> settings(Path db) throws Exception {
        return query(db, "SELECT value FROM device");
    }

    private static List<String> query(Path db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
