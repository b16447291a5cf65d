package vn.luot.server.booking;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
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
import vn.luot.core.privacy.CitizenHasher;
import vn.luot.core.store.SqliteDatabase;

/**
 * The central server's bookings and notifications (one SQLite file). Holds no name, no ID number and no
 * birth date: a citizen is a keyed hash (key in its own file) of the credential's subject, enough to apply
 * the per-person limits and to tell the booking's owner, and is forgotten after the retention period.
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
            """,
            // v3: the public API names a booking by 128 random bits, never by its sequential row id; citizens
            // are keyed hashes of their credential's subject with the key outside this file, so the salt that
            // sat here goes (bookings made before are no longer anyone's to cancel through the API).
            """
            ALTER TABLE bookings ADD COLUMN public_id TEXT;
            UPDATE bookings SET public_id = lower(hex(randomblob(16)));
            CREATE UNIQUE INDEX bookings_by_public_id ON bookings (public_id);
            DELETE FROM settings WHERE key = 'citizen_salt';
            """);

    /**
     * A booking row: the booking, whether (and how) it was cancelled, and the id the public API knows it by
     * ({@link Booking#id()} is the row id the QR code and the branch log carry).
     */
    public record Stored(Booking booking, String cancelled, Instant created, String publicId) {
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
    private final CitizenHasher citizens;
    private final SecureRandom random = new SecureRandom();

    private BookingStore(Path file, Connection connection, CitizenHasher citizens) {
        this.file = file;
        this.connection = connection;
        this.citizens = citizens;
    }

    /** Opens the file, with the citizen hash key beside it ({@link CitizenHasher#keyFileBeside}). */
    public static BookingStore open(Path file) {
        return open(file, CitizenHasher.keyFileBeside(file));
    }

    public static BookingStore open(Path file, Path citizenKeyFile) {
        CitizenHasher citizens = CitizenHasher.openOrCreate(citizenKeyFile);
        return new BookingStore(file.toAbsolutePath(), SqliteDatabase.open(file, APPLICATION_ID, MIGRATIONS, 0),
                citizens);
    }

    /** What runs inside the booking's transaction once the row is written; if it throws, the row goes too. */
    @FunctionalInterface
    public interface Within<T> {
        T run(Booking booking);
    }

    /** The outcome of {@link #book}: the stored booking, or the refusal. */
    public record BookResult<T>(Booking booking, String publicId, T within, BookingRefusal refusal) {
    }

    /**
     * Applies the rules and stores the booking with the next number of its (branch, day, field), in one
     * transaction, so two requests for the last place of a slot cannot both get it; {@code within} runs in
     * that transaction (the booking's event and QR), so the booking is kept only if they succeed.
     */
    public synchronized <T> BookResult<T> book(BookingRequest request, vn.luot.core.domain.Branch branch,
                                               int capacityPerField, int maxNumber, java.time.LocalDateTime now,
                                               Within<T> within) {
        String hash = request.citizen() == null ? "" : citizens.hash(request.citizen());
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
                return new BookResult<T>(null, null, null, verdict.refusal());
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
                return new BookResult<T>(null, null, null, BookingRefusal.SLOT_FULL);
            }
            long id;
            byte[] idBytes = new byte[16];
            random.nextBytes(idBytes);
            String publicId = HexFormat.of().formatHex(idBytes);
            try (PreparedStatement st = connection.prepareStatement("""
                    INSERT INTO bookings (branch, day, slot, field, purpose, number, priority, citizen_hash, created,
                                          public_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                st.setString(1, request.branchId());
                st.setString(2, request.date().toString());
                st.setString(3, request.slot().toString());
                st.setString(4, request.field());
                st.setString(5, request.purpose().name());
                st.setInt(6, number);
                st.setInt(7, verdict.priority() ? 1 : 0);
                st.setString(8, hash);
                st.setString(9, now.toString());
                st.setString(10, publicId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            Booking booking = new Booking(Long.toString(id), request.branchId(), request.date(), request.slot(),
                    request.field(), request.purpose(), number, verdict.priority());
            return new BookResult<>(booking, publicId, within.run(booking), null);
        });
    }

    /** The booking the public API calls {@code publicId}, if {@code citizen} (issuer:subject) booked it. */
    public synchronized Optional<Stored> findOwned(String publicId, String citizen) {
        if (publicId == null || !publicId.matches("[0-9a-f]{32}") || citizen == null) {
            return Optional.empty();
        }
        String hash = citizens.hash(citizen);
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT " + COLUMNS + ", citizen_hash FROM bookings WHERE public_id = ?")) {
            st.setString(1, publicId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                        rs.getString(12).getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.empty();
                }
                return Optional.of(row(rs));
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    /**
     * Forgets who made the bookings of days before {@code day} (the retention period): their citizen hash is
     * blanked, so they count for no limit and nobody can cancel or read them through the API any more.
     */
    public synchronized int forgetCitizensBefore(LocalDate day) {
        return SqliteDatabase.inTransaction(connection, file, () -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE bookings SET citizen_hash = '' WHERE day < ? AND citizen_hash <> ''")) {
                st.setString(1, day.toString());
                return st.executeUpdate();
            }
        });
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

    private static final String COLUMNS =
            "id, branch, day, slot, field, purpose, number, priority, cancelled, created, public_id";

    private static List<Stored> read(PreparedStatement st) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static Stored row(ResultSet rs) throws SQLException {
        Booking b = new Booking(Long.toString(rs.getLong(1)), rs.getString(2), LocalDate.parse(rs.getString(3)),
                TimeSlot.parse(rs.getString(4)), rs.getString(5), Purpose.valueOf(rs.getString(6)),
                rs.getInt(7), rs.getInt(8) == 1);
        return new Stored(b, rs.getString(9), java.time.LocalDateTime.parse(rs.getString(10))
                .atZone(vn.luot.core.domain.BranchTime.ZONE).toInstant(), rs.getString(11));
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.closeQuietly(connection);
    }

}
