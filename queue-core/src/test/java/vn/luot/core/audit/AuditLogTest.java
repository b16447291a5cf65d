package vn.luot.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.MutableClock;

/** The audit log on a real SQLite file, attacked the way another program with the file would. */
class AuditLogTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00");

    @Test
    void recordsWhoWhatWhenAndFromWhereNewestFirst() {
        try (AuditLog log = AuditLog.open(dir.resolve("audit.db"), clock)) {
            log.append("lan.nguyen", "clerk", "counter.next", "counter 3", "192.168.1.40");
            clock.advance(Duration.ofMinutes(1));
            log.append("minh.tran", "supervisor", "device.revoke", "kiosk-2", "192.168.1.10");
            List<AuditLog.Entry> latest = log.latest(10);
            assertEquals(2, latest.size());
            AuditLog.Entry revoke = latest.get(0);
            assertEquals("minh.tran", revoke.actor());
            assertEquals("supervisor", revoke.role());
            assertEquals("device.revoke", revoke.action());
            assertEquals("kiosk-2", revoke.detail());
            assertEquals("192.168.1.10", revoke.remote());
            assertEquals(clock.instant(), revoke.at());
            assertEquals(-1, log.verify());
        }
    }

    @Test
    void anUpdateOrDeleteOfARowIsRefusedByTheFileItself() throws SQLException {
        Path file = dir.resolve("audit.db");
        try (AuditLog log = AuditLog.open(file, clock)) {
            log.append("minh.tran", "supervisor", "shift.move-morning", "", "192.168.1.10");
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = other.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE audit_log SET actor = 'someone-else'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM audit_log"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        try (AuditLog log = AuditLog.open(file, clock)) {
            assertEquals("minh.tran", log.latest(1).get(0).actor());
            assertEquals(-1, log.verify());
        }
    }

    @Test
    void anEditAroundTheTriggersShowsInVerifyAndTheTriggersComeBack() throws SQLException {
        Path file = dir.resolve("audit.db");
        try (AuditLog log = AuditLog.open(file, clock)) {
            log.append("lan.nguyen", "clerk", "counter.next", "counter 3", "192.168.1.40");
            log.append("lan.nguyen", "clerk", "counter.no-show", "counter 3", "192.168.1.40");
            log.append("lan.nguyen", "clerk", "counter.next", "counter 3", "192.168.1.40");
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = other.createStatement()) {
            st.execute("DROP TRIGGER audit_log_no_update");
            st.executeUpdate("UPDATE audit_log SET action = 'counter.next' WHERE id = 2");
        }
        try (AuditLog log = AuditLog.open(file, clock)) {
            assertEquals(2, log.verify(), "the edited row");
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = other.createStatement()) {
            assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE audit_log SET actor = 'x'"),
                    "the trigger is back after the open");
        }
    }
}
