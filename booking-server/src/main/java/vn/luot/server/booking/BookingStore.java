package vn.luot.server.booking;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.privacy.CitizenHasher;

/**
 * The central server's bookings and notifications: the one storage port of {@code booking-server}, with a
 * SQLite adapter (the embedded default: demo, tests, a small city on one machine) and a PostgreSQL adapter
 * (production, several server processes over one database). Holds no name, no ID number and no birth date:
 * a citizen is a keyed hash (key in its own file) of the credential's subject, enough to apply the per-person
 * limits and to tell the booking's owner, and is forgotten after the retention period. Safe for concurrent
 * use, also by several processes over one database: two requests for the last place of a slot cannot both
 * get it.
 */
public interface BookingStore extends AutoCloseable {

    /**
     * A booking row: the booking, whether (and how) it was cancelled, and the id the public API knows it by
     * ({@link Booking#id()} is the row id the QR code and the branch log carry).
     */
    record Stored(Booking booking, String cancelled, Instant created, String publicId) {
        public boolean countsForLimits() {
            return !"CANCELLED".equals(cancelled);
        }
    }

    /**
     * A notification for the city app to deliver.
     *
     * @param event the key of the queue event it tells of ({@code device:seq}), or "" (reminders)
     */
    record Notification(long bookingId, String type, Instant at, int counter, String textVi, String textEn,
                        String event) {
    }

    /** What runs inside the booking's transaction once the row is written; if it throws, the row goes too. */
    @FunctionalInterface
    interface Within<T> {
        T run(Booking booking);
    }

    /**
     * The outcome of {@link #book}: the stored booking, or the refusal.
     *
     * @param replayed the booking an earlier request with the same idempotency key made ({@code within} did not run)
     */
    record BookResult<T>(Booking booking, String publicId, T within, BookingRefusal refusal, boolean replayed) {
    }

    /** The SQLite file, with the citizen hash key beside it ({@link CitizenHasher#keyFileBeside}). */
    static BookingStore open(Path file) {
        return SqliteBookings.open(file, CitizenHasher.keyFileBeside(file));
    }

    /**
     * PostgreSQL 15 or later (migrated by Flyway at open); several server processes may share the database.
     *
     * @param password null for none (trust or peer authentication)
     */
    static BookingStore openPostgresql(String url, String user, String password, int poolSize, Path citizenKeyFile) {
        return PostgresBookings.open(url, user, password, poolSize, citizenKeyFile);
    }

    /**
     * Applies the rules and stores the booking with the next number of its (branch, day, field), in one
     * transaction serialised per branch, so two requests for the last place of a slot cannot both get it;
     * {@code within} runs in that transaction (the booking's event and QR), so the booking is kept only if
     * they succeed.
     */
    default <T> BookResult<T> book(BookingRequest request, Branch branch, int capacityPerField, int maxNumber,
                                   LocalDateTime now, Within<T> within) {
        return book(request, branch, capacityPerField, maxNumber, now, null, within);
    }

    /**
     * {@link #book} once per {@code idempotencyKey} of the citizen: a request that repeats a key gets the booking
     * the first one made ({@link BookResult#replayed}), also from another server process and also when both
     * arrive together; a key repeated with another request is refused ({@link BookingRefusal#IDEMPOTENCY_KEY_REUSED}).
     * Keys are kept until the citizens of their day are forgotten ({@link #forgetCitizensBefore}).
     *
     * @param idempotencyKey null for none
     */
    <T> BookResult<T> book(BookingRequest request, Branch branch, int capacityPerField, int maxNumber,
                           LocalDateTime now, String idempotencyKey, Within<T> within);

    /** The booking the public API calls {@code publicId}, if {@code citizen} (issuer:subject) booked it. */
    Optional<Stored> findOwned(String publicId, String citizen);

    /**
     * Forgets who made the bookings of days before {@code day} (the retention period): their citizen hash is
     * blanked, so they count for no limit and nobody can cancel or read them through the API any more.
     */
    int forgetCitizensBefore(LocalDate day);

    /** Every booking of a branch from {@code from} on (for start-up reconciliation with the branch log). */
    List<Stored> from(String branchId, LocalDate from);

    /**
     * Up to {@code limit} bookings of a branch with a row id above {@code afterId}, in id order: a cursor a reader
     * (a branch, another server process) follows without missing one. Ids of a branch are handed out in commit
     * order: every adapter takes the id inside the branch's serialised write (a bigserial alone is not commit
     * order: a row that commits late would appear below a cursor that has already passed it).
     */
    List<Stored> bookingsAfter(String branchId, long afterId, int limit);

    Optional<Stored> byTicket(String branchId, LocalDate day, String field, int number);

    /** Marks a booking CANCELLED or FORFEITED; false if it was already cancelled either way. */
    boolean cancel(long id, boolean forfeited);

    /** Adds notifications, skipping any already sent, and moves the notifier's cursor, in one transaction. */
    int addNotifications(List<Notification> notifications, String cursorName, String cursor);

    List<Notification> notifications(long bookingId);

    Optional<String> setting(String key);

    void putSetting(String key, String value);

    @Override
    void close();
}
