package vn.luot.server.booking;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.store.SqliteDatabase;

/**
 * The central server's bookings and notifications (one SQLite file). Holds no name and no ID number:
 * a citizen is a salted SHA-256 of the ID, enough to apply the per-person limits.
 * Safe for concurrent use: every method is serialised.
 */
public final class BookingStore implements AutoCloseable {

    /** 'LTBK' in ASCII. */
    private static final int APPLICATION_ID = 0x4C54424B;

    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE settings (
              key   TEXT PRIMARY KEY,
              value TEXT NOT NULL
            ) STRICT;

            CREATE TABLE bookings (
              id           INTEGER PRIMARY KEY AUTOINCREMENT,
              branch       TEXT    NOT NULL,
              day          TEXT    NOT NULL,
              slot         TEXT    NOT NULL,
              field        TEXT    NOT NULL,
              purpose      TEXT    NOT NULL,
              number       INTEGER NOT NULL,
              priority     INTEGER NOT NULL,
              citizen_hash TEXT    NOT NULL,
              cancelled    TEXT,
              created      TEXT    NOT NULL,
              UNIQUE (branch, day, field, number)
            ) STRICT;
            CREATE INDEX bookings_by_citizen ON bookings (citizen_hash, day);
            CREATE INDEX bookings_by_slot ON bookings (branch, day, slot, field);

            CREATE TABLE notifications (
              id         INTEGER PRIMARY KEY AUTOINCREMENT,
              booking_id INTEGER NOT NULL REFERENCES bookings (id),
              type       TEXT    NOT NULL,
              at         TEXT    NOT NULL,
              counter    INTEGER NOT NULL DEFAULT 0,
              text_vi    TEXT    NOT NULL,
              text_en    TEXT    NOT NULL,
              UNIQUE (booking_id, type, counter)
            ) STRICT;
            """,
            // v2: a notification is one per event, not one per (type, counter): a reactivated citizen called
            // again at the same counter is told again. Reminders (no event) stay one per booking.
            """
            CREATE TABLE notifications_v2 (
              id         INTEGER PRIMARY KEY AUTOINCREMENT,
              booking_id INTEGER NOT NULL REFERENCES bookings (id),
              type       TEXT    NOT NULL,
              at         TEXT    NOT NULL,
              counter    INTEGER NOT NULL DEFAULT 0,
              text_vi    TEXT    NOT NULL,
              text_en    TEXT    NOT NULL,
              event      TEXT    NOT NULL DEFAULT '',
              UNIQUE (booking_id, type, counter, event)
            ) STRICT;
            INSERT INTO notifications_v2 (id, booking_id, type, at, counter, text_vi, text_en)
              SELECT id, booking_id, type, at, counter, text_vi, text_en FROM notifications;
            DROP TABLE notifications;
            ALTER TABLE notifications_v2 RENAME TO notifications;
            """);

    /** A booking row: the booking, and whether (and how) it was cancelled. */
    public record Stored(Booking booking, String cancelled, Instant created) {
        public boolean countsForLimits() {
            return !"CANCELLED".equals(cancelled);
        }
    }

    /** A notification for the city app to deliver. */
    /** @param event the key of the queue event it tells of ({@code device:seq}), or "" (reminders) */
    public record Notification(long bookingId, String type, Instant at, int counter, String textVi, String textEn,
                               String event) {
    }

    private final Path file;
    private final Connection connection;
    private final byte[] salt;

    private BookingStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.salt = HexFormat.of().parseHex(setting("citizen_salt").orElseGet(() -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String hex = HexFormat.of().formatHex(fresh);
            putSetting("citizen_salt", hex);
            return hex;
        }));
    }

    public static BookingStore open(Path file) {
        return new BookingStore(file.toAbsolutePath(), SqliteDatabase.open(file, APPLICATION_ID, MIGRATIONS, 0));
    }

    public String citizenHash(String citizenId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(citizenId.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The outcome of {@link #book}: the stored booking, or the refusal. */
    public record BookResult(Booking booking, BookingRefusal refusal) {
    }

    /**
     * Applies the rules and stores the booking with the next number of its (branch, day, field), in one
     * transaction, so two requests for the last place of a slot cannot both get it.
     */
    public synchronized BookResult book(BookingRequest request, vn.luot.core.domain.Branch branch,
                                        int capacityPerField, int maxNumber, java.time.LocalDateTime now) {
        String hash = request.citizenId() == null ? "" : citizenHash(request.citizenId());
        return SqliteDatabase.inTransaction(connection, file, () -> {
            List<BookingRules.Held> held = new ArrayList<>();
            if (request.date() != null) {
                try (PreparedStatement st = connection.prepareStatement(
                        "SELECT day, slot, field, purpose FROM bookings WHERE citizen_hash = ? AND day = ? "
                                + "AND (cancelled IS NULL OR cancelled <> 'CANCELLED')")) {
                    st.setString(1, hash);
                    st.setString(2, request.date().toString());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            held.add(new BookingRules.Held(LocalDate.parse(rs.getString(1)),
                                    TimeSlot.parse(rs.getString(2)), rs.getString(3), Purpose.valueOf(rs.getString(4))));
                        }
                    }
                }
            }
            int taken = 0;
            if (request.date() != null && request.slot() != null && request.field() != null) {
                try (PreparedStatement st = connection.prepareStatement(
                        "SELECT count(*) FROM bookings WHERE branch = ? AND day = ? AND slot = ? AND field = ? "
                                + "AND (cancelled IS NULL OR cancelled <> 'CANCELLED')")) {
                    st.setString(1, request.branchId());
                    st.setString(2, request.date().toString());
                    st.setString(3, request.slot().toString());
                    st.setString(4, request.field());
                    try (ResultSet rs = st.executeQuery()) {
                        taken = rs.next() ? rs.getInt(1) : 0;
                    }
                }
            }
            BookingRules.Verdict verdict = BookingRules.check(request, branch, held, taken, capacityPerField, now);
            if (!verdict.accepted()) {
                return new BookResult(null, verdict.refusal());
            }
            int number;
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT coalesce(max(number), 0) + 1 FROM bookings WHERE branch = ? AND day = ? AND field = ?")) {
                st.setString(1, request.branchId());
                st.setString(2, request.date().toString());
                st.setString(3, request.field());
                try (ResultSet rs = st.executeQuery()) {
                    number = rs.getInt(1);
                }
            }
            if (number > maxNumber) {
                return new BookResult(null, BookingRefusal.SLOT_FULL);
            }
            long id;
            try (PreparedStatement st = connection.prepareStatement("""
                    INSERT INTO bookings (branch, day, slot, field, purpose, number, priority, citizen_hash, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                st.setString(1, request.branchId());
                st.setString(2, request.date().toString());
                st.setString(3, request.slot().toString());
                st.setString(4, request.field());
                st.setString(5, request.purpose().name());
                st.setInt(6, number);
                st.setInt(7, verdict.priority() ? 1 : 0);
                st.setString(8, hash);
                st.setString(9, now.toString());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            return new BookResult(new Booking(Long.toString(id), request.branchId(), request.date(), request.slot(),
                    request.field(), request.purpose(), number, verdict.priority()), null);
        });
    }

    public synchronized Optional<Stored> find(long id) {
        return query("SELECT " + COLUMNS + " FROM bookings WHERE id = " + id).stream().findFirst();
    }

    /** Every booking of a branch from {@code from} on (for start-up reconciliation with the branch log). */
    public synchronized List<Stored> from(String branchId, LocalDate from) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM bookings WHERE branch = ? AND day >= ? ORDER BY id")) {
            st.setString(1, branchId);
            st.setString(2, from.toString());
            return read(st);
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    public synchronized Optional<Stored> byTicket(String branchId, LocalDate day, String field, int number) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM bookings WHERE branch = ? AND day = ? AND field = ? AND number = ?")) {
            st.setString(1, branchId);
            st.setString(2, day.toString());
            st.setString(3, field);
            st.setInt(4, number);
            return read(st).stream().findFirst();
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    /** Marks a booking CANCELLED or FORFEITED; false if it was already cancelled either way. */
    public synchronized boolean cancel(long id, boolean forfeited) {
        return SqliteDatabase.inTransaction(connection, file, () -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE bookings SET cancelled = ? WHERE id = ? AND cancelled IS NULL")) {
                st.setString(1, forfeited ? "FORFEITED" : "CANCELLED");
                st.setLong(2, id);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Adds notifications, skipping any already sent, and moves the notifier's cursor, in one transaction. */
    public synchronized int addNotifications(List<Notification> notifications, String cursorName, String cursor) {
        return SqliteDatabase.inTransaction(connection, file, () -> {
            int added = 0;
            try (PreparedStatement st = connection.prepareStatement("""
                    INSERT OR IGNORE INTO notifications (booking_id, type, at, counter, text_vi, text_en, event)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                for (Notification n : notifications) {
                    st.setLong(1, n.bookingId());
                    st.setString(2, n.type());
                    st.setString(3, n.at().toString());
                    st.setInt(4, n.counter());
                    st.setString(5, n.textVi());
                    st.setString(6, n.textEn());
                    st.setString(7, n.event());
                    added += st.executeUpdate();
                }
            }
            if (cursorName != null) {
                putSettingInTx(cursorName, cursor);
            }
            return added;
        });
    }

    public synchronized List<Notification> notifications(long bookingId) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT booking_id, type, at, counter, text_vi, text_en, event FROM notifications WHERE booking_id = ? ORDER BY id")) {
            st.setLong(1, bookingId);
            List<Notification> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Notification(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3)),
                            rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    public synchronized Optional<String> setting(String key) {
        try (PreparedStatement st = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    public synchronized void putSetting(String key, String value) {
        SqliteDatabase.inTransaction(connection, file, () -> {
            putSettingInTx(key, value);
            return null;
        });
    }

    private void putSettingInTx(String key, String value) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")) {
            st.setString(1, key);
            st.setString(2, value);
            st.executeUpdate();
        }
    }

    private static final String COLUMNS = "id, branch, day, slot, field, purpose, number, priority, cancelled, created";

    private List<Stored> query(String sql) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            return read(st);
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    private static List<Stored> read(PreparedStatement st) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Booking b = new Booking(Long.toString(rs.getLong(1)), rs.getString(2), LocalDate.parse(rs.getString(3)),
                        TimeSlot.parse(rs.getString(4)), rs.getString(5), Purpose.valueOf(rs.getString(6)),
                        rs.getInt(7), rs.getInt(8) == 1);
                out.add(new Stored(b, rs.getString(9), java.time.LocalDateTime.parse(rs.getString(10))
                        .atZone(vn.luot.core.domain.BranchTime.ZONE).toInstant()));
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.closeQuietly(connection);
    }

}
