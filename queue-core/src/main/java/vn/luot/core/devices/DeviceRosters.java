package vn.luot.core.devices;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.luot.core.store.SqliteDatabase;

/**
 * What the centre knows of the devices enrolled at its branches' hubs: each hub reports its registry (every token's
 * device, role, source, fingerprint and state, never a token), the centre keeps the latest report per branch, and
 * an operator's revocation of such a device waits here until the hub's next report, whose answer carries it; it is
 * cleared once the hub reports every token of that device revoked. A report can only speak for the reporting hub's
 * own branch (the caller passes the authenticated branch, never one from the body). Times come from the injected
 * clock. Safe for concurrent use.
 */
public final class DeviceRosters implements AutoCloseable {

    private static final int APPLICATION_ID = 0x4C54524F;
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE roster (
              branch TEXT NOT NULL, device TEXT NOT NULL, role TEXT NOT NULL, source TEXT NOT NULL,
              fingerprint TEXT NOT NULL, state TEXT NOT NULL, walk_in TEXT, reported_by TEXT NOT NULL,
              reported_ms INTEGER NOT NULL, PRIMARY KEY (branch, device, fingerprint));
            CREATE TABLE pending_revocation (
              branch TEXT NOT NULL, device TEXT NOT NULL, requested_by TEXT NOT NULL, requested_ms INTEGER NOT NULL,
              PRIMARY KEY (branch, device))
            """);

    /** One token of a device below a hub, as the hub reported it; {@code walkIn} is a kiosk's block, or null. */
    public record Reported(String branch, String device, String role, String source, String fingerprint, String state,
                           String walkIn, String reportedBy, Instant reportedAt, boolean revocationPending) {

        public boolean live() {
            return state.equals("ACTIVE") || state.equals("GRACE");
        }
    }

    /** One entry of a hub's report; {@code walkIn} ({@code 900-999}) is a kiosk's block, or null. */
    public record Entry(String device, String role, String source, String fingerprint, String state, String walkIn) {
    }

    private final Path file;
    private final Connection db;
    private final Clock clock;

    private DeviceRosters(Path file, Connection db, Clock clock) {
        this.file = file;
        this.db = db;
        this.clock = clock;
    }

    public static DeviceRosters open(Path file, Clock clock) {
        Path absolute = file.toAbsolutePath();
        return new DeviceRosters(absolute, SqliteDatabase.open(absolute, APPLICATION_ID, MIGRATIONS, 0),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Replaces {@code branch}'s roster with {@code hub}'s report, clears the revocations it shows done, and answers
     * the devices the hub must revoke now.
     */
    public synchronized List<String> report(String branch, String hub, List<Entry> entries) {
        long now = clock.millis();
        return SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement del = db.prepareStatement("DELETE FROM roster WHERE branch = ?")) {
                del.setString(1, branch);
                del.executeUpdate();
            }
            try (PreparedStatement ins = db.prepareStatement("INSERT OR REPLACE INTO roster (branch, device, role, source,"
                    + " fingerprint, state, walk_in, reported_by, reported_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Entry e : entries) {
                    ins.setString(1, branch);
                    ins.setString(2, e.device());
                    ins.setString(3, e.role());
                    ins.setString(4, e.source());
                    ins.setString(5, e.fingerprint());
                    ins.setString(6, e.state());
                    ins.setString(7, e.walkIn());
                    ins.setString(8, hub);
                    ins.setLong(9, now);
                    ins.executeUpdate();
                }
            }
            // Done: the hub lists no live token of the device any more.
            try (PreparedStatement done = db.prepareStatement("DELETE FROM pending_revocation WHERE branch = ? AND NOT"
                    + " EXISTS (SELECT 1 FROM roster r WHERE r.branch = pending_revocation.branch"
                    + " AND r.device = pending_revocation.device AND r.state IN ('ACTIVE', 'GRACE'))")) {
                done.setString(1, branch);
                done.executeUpdate();
            }
            List<String> revoke = new ArrayList<>();
            try (PreparedStatement st = db.prepareStatement("SELECT device FROM pending_revocation WHERE branch = ?"
                    + " ORDER BY device")) {
                st.setString(1, branch);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        revoke.add(rs.getString(1));
                    }
                }
            }
            return revoke;
        });
    }

    /**
     * An operator asks to revoke a device that a hub of {@code branch} reported; answers false when no hub reported
     * a live token of it (nothing to wait for).
     */
    public synchronized boolean requestRevocation(String branch, String device, String by) {
        boolean live = list(branch).stream().anyMatch(r -> r.device().equals(device) && r.live());
        if (!live) {
            return false;
        }
        long now = clock.millis();
        SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement("INSERT OR IGNORE INTO pending_revocation (branch, device,"
                    + " requested_by, requested_ms) VALUES (?, ?, ?, ?)")) {
                st.setString(1, branch);
                st.setString(2, device);
                st.setString(3, by);
                st.setLong(4, now);
                return st.executeUpdate();
            }
        });
        return true;
    }

    /** Whether a revocation of this device waits for its hub (the centre refuses what that device sends meanwhile). */
    public synchronized boolean revocationPending(String branch, String device) {
        try (PreparedStatement st = db.prepareStatement("SELECT 1 FROM pending_revocation WHERE branch = ? AND device = ?")) {
            st.setString(1, branch);
            st.setString(2, device);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    /** The latest reports, of {@code branch} or of every branch (null), by branch and device. */
    public synchronized List<Reported> list(String branch) {
        List<Reported> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT r.branch, r.device, r.role, r.source, r.fingerprint,"
                + " r.state, r.walk_in, r.reported_by, r.reported_ms, p.device IS NOT NULL FROM roster r"
                + " LEFT JOIN pending_revocation p"
                + " ON p.branch = r.branch AND p.device = r.device WHERE ? IS NULL OR r.branch = ?"
                + " ORDER BY r.branch, r.device, r.fingerprint")) {
            st.setString(1, branch);
            st.setString(2, branch);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Reported(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            Instant.ofEpochMilli(rs.getLong(9)), rs.getInt(10) != 0));
                }
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.close(db, file);
    }

    @Override
    public String toString() {
        return "DeviceRosters[" + file + "]";
    }
}
