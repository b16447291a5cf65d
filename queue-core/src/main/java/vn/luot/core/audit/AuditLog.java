package vn.luot.core.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import vn.luot.core.store.SqliteDatabase;

/**
 * Who did what, when and from where: every staff, supervisor and operator action, in its own SQLite file. The
 * log is append-only: this class has no path that changes or removes a row, and triggers in the file refuse an
 * {@code UPDATE} or {@code DELETE} from anyone else (re-created at every open, so a dropped trigger comes back).
 * Each row also carries a SHA-256 chain over the row before it, so an edit made around the triggers (with the
 * file open in another program) shows in {@link #verify()}. Times come from the injected clock.
 * Safe for concurrent use.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int APPLICATION_ID = 0x4C544155;
    private static final String GENESIS = "0".repeat(64);
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE audit_log (
              id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
              action TEXT NOT NULL, detail TEXT NOT NULL, remote TEXT NOT NULL, chain TEXT NOT NULL)
            """);
    private static final List<String> TRIGGERS = List.of(
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log"
                    + " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log"
                    + " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");

    /**
     * One action.
     *
     * @param actor  who: a staff account's user name, {@code counter 3} for a PIN sign-in, an operator's name
     * @param role   {@code clerk}, {@code supervisor}, {@code operator}
     * @param action what, as a stable key (its text is in the page's bundle), e.g. {@code device.revoke}
     * @param detail the action's object (a device id, a counter, a ticket label); never a secret or a citizen's data
     * @param remote the client address the request came from
     */
    public record Entry(long id, Instant at, String actor, String role, String action, String detail, String remote) {
    }

    private final Path file;
    private final Connection db;
    private final Clock clock;
    private String last;

    private AuditLog(Path file, Connection db, Clock clock) throws SQLException {
        this.file = file;
        this.db = db;
        this.clock = clock;
        try (Statement st = db.createStatement()) {
            for (String trigger : TRIGGERS) {
                st.execute(trigger);
            }
            try (ResultSet rs = st.executeQuery("SELECT chain FROM audit_log ORDER BY id DESC LIMIT 1")) {
                this.last = rs.next() ? rs.getString(1) : GENESIS;
            }
        }
    }

    public static AuditLog open(Path file, Clock clock) {
        Path absolute = file.toAbsolutePath();
        Connection db = SqliteDatabase.open(absolute, APPLICATION_ID, MIGRATIONS, 0);
        try {
            return new AuditLog(absolute, db, Objects.requireNonNull(clock, "clock"));
        } catch (SQLException e) {
            SqliteDatabase.closeQuietly(db);
            throw SqliteDatabase.translate(absolute, "open", e);
        }
    }

    /** Appends one action, committed durably when this returns. */
    public synchronized Entry append(String actor, String role, String action, String detail, String remote) {
        Instant at = clock.instant();
        String a = text(actor);
        String r = text(role);
        String act = text(action);
        String d = text(detail);
        String from = text(remote);
        String chain = chain(last, at.toEpochMilli(), a, r, act, d, from);
        long id = SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement("INSERT INTO audit_log (at_ms, actor, role, action, detail,"
                    + " remote, chain) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, at.toEpochMilli());
                st.setString(2, a);
                st.setString(3, r);
                st.setString(4, act);
                st.setString(5, d);
                st.setString(6, from);
                st.setString(7, chain);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        last = chain;
        return new Entry(id, at, a, r, act, d, from);
    }

    /** The latest {@code limit} entries, newest first. */
    public synchronized List<Entry> latest(int limit) {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT id, at_ms, actor, role, action, detail, remote"
                + " FROM audit_log ORDER BY id DESC LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
        return out;
    }

    /**
     * The id of the first row whose chain does not follow from the rows before it (an edited, inserted or removed
     * row), {@code Long.MAX_VALUE} when rows this process appended are gone from the end, or -1 when all follow.
     */
    public synchronized long verify() {
        String previous = GENESIS;
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, at_ms, actor, role, action, detail, remote, chain"
                     + " FROM audit_log ORDER BY id")) {
            long expectedId = 0;
            while (rs.next()) {
                long id = rs.getLong(1);
                String expected = chain(previous, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7));
                if (!expected.equals(rs.getString(8)) || (expectedId > 0 && id != expectedId)) {
                    LOG.severe(() -> "audit log " + file + ": row " + id + " does not follow from the rows before it");
                    return id;
                }
                previous = expected;
                expectedId = id + 1;
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
        return previous.equals(last) ? -1 : Long.MAX_VALUE;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String chain(String previous, long atMs, String... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.US_ASCII));
            sha.update(Long.toString(atMs).getBytes(StandardCharsets.US_ASCII));
            for (String f : fields) {
                byte[] bytes = f.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.close(db, file);
    }

    @Override
    public String toString() {
        return "AuditLog[" + file + "]";
    }
}
