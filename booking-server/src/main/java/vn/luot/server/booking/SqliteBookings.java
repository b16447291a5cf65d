package vn.luot.server.booking;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.flywaydb.core.Flyway;
import vn.luot.core.privacy.CitizenHasher;
import vn.luot.core.store.SqliteDatabase;
import vn.luot.core.store.StoreException;

/**
 * The SQLite adapter of {@link BookingStore}: one file, one connection, every call serialised (SQLite has
 * one writer anyway), {@code BEGIN IMMEDIATE} so a second process over the same file waits instead of
 * failing.
 */
final class SqliteBookings implements BookingDatabase {

    /** 'LTBK' in ASCII. */
    static final int APPLICATION_ID = 0x4C54424B;

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
     * Files made before Flyway carry these steps as {@code user_version} 1-3 (and {@link SqliteDatabase}
     * still refuses a file that is not ours or from a newer Lượt); Flyway takes over after them.
     */
    private static final String FLYWAY_BASELINE = "3";

    private final Path file;
    private final Connection connection;

    private SqliteBookings(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static BookingStore open(Path file, Path citizenKeyFile) {
        CitizenHasher citizens = CitizenHasher.openOrCreate(citizenKeyFile);
        Path absolute = file.toAbsolutePath();
        Connection connection = SqliteDatabase.open(absolute, APPLICATION_ID, MIGRATIONS, 0);
        try {
            Flyway.configure(SqliteBookings.class.getClassLoader())
                    .dataSource("jdbc:sqlite:" + absolute, null, null)
                    .locations("classpath:db/booking/sqlite")
                    .baselineOnMigrate(true)
                    .baselineVersion(FLYWAY_BASELINE)
                    .baselineDescription("user_version 1-3 of SqliteDatabase")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            SqliteDatabase.closeQuietly(connection);
            throw new StoreException(StoreException.Kind.CANNOT_OPEN, absolute,
                    absolute + ": the bookings schema cannot be migrated ("
                    + e.getMessage() + "); restore the file from its backup", e);
        }
        return new JdbcBookingStore(new SqliteBookings(absolute, connection), citizens);
    }

    @Override
    public synchronized <T> T write(String lockBranch, Work<T> work) {
        // One connection and BEGIN IMMEDIATE: writes are already serialised, per branch and across branches.
        return SqliteDatabase.inTransaction(connection, file, () -> work.run(connection));
    }

    @Override
    public synchronized <T> T read(Work<T> work) {
        try {
            return work.run(connection);
        } catch (java.sql.SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.closeQuietly(connection);
    }
}
