package vn.luot.server.booking;

import java.nio.charset.StandardCharsets;
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

/**
 * The SQL of {@link BookingStore}, written once for both adapters (SQLite 3.35+ and PostgreSQL 15 share
 * {@code ON CONFLICT} and {@code RETURNING}); {@link BookingDatabase} says how it runs.
 */
final class JdbcBookingStore implements BookingStore {

    private final BookingDatabase database;
    private final CitizenHasher citizens;
    private final SecureRandom random = new SecureRandom();

    JdbcBookingStore(BookingDatabase database, CitizenHasher citizens) {
        this.database = database;
        this.citizens = citizens;
    }

    @Override
    public <T> BookResult<T> book(BookingRequest request, vn.luot.core.domain.Branch branch,
                                  int capacityPerField, int maxNumber, java.time.LocalDateTime now,
                                  String idempotencyKey, Within<T> within) {
        String hash = request.citizen() == null ? "" : citizens.hash(request.citizen());
        String requestHash = requestHash(request);
        // Only a branch the server serves is locked: a client's made-up branch id gets no lock row of its own.
        String lock = branch != null && branch.id().equals(request.branchId()) ? branch.id() : null;
        return database.write(lock, connection -> {
            if (idempotencyKey != null) {
                Optional<BookResult<T>> earlier = earlier(connection, hash, idempotencyKey, requestHash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
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
                return new BookResult<T>(null, null, null, verdict.refusal(), false);
            }
            int number;
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT coalesce(max(number), 0) + 1 FROM bookings WHERE branch = ? AND day = ? AND field = ?")) {
                st.setString(1, request.branchId());
                st.setString(2, request.date().toString());
                st.setString(3, request.field());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    number = rs.getInt(1);
                }
            }
            if (number > maxNumber) {
                return new BookResult<T>(null, null, null, BookingRefusal.SLOT_FULL, false);
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
            if (idempotencyKey != null) {
                try (PreparedStatement st = connection.prepareStatement("""
                        INSERT INTO booking_requests (citizen_hash, key, request_hash, public_id, created)
                        VALUES (?, ?, ?, ?, ?)""")) {
                    st.setString(1, hash);
                    st.setString(2, idempotencyKey);
                    st.setString(3, requestHash);
                    st.setString(4, publicId);
                    st.setString(5, now.toString());
                    st.executeUpdate();
                }
            }
            return new BookResult<>(booking, publicId, within.run(booking), null, false);
        });
    }

    private static <T> Optional<BookResult<T>> earlier(Connection connection, String citizenHash, String key,
                                                       String requestHash) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT r.request_hash, " + BOOKING_COLUMNS + " FROM booking_requests r JOIN bookings b ON b.public_id = r.public_id"
                + " WHERE r.citizen_hash = ? AND r.key = ?")) {
            st.setString(1, citizenHash);
            st.setString(2, key);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!rs.getString(1).equals(requestHash)) {
                    return Optional.of(new BookResult<>(null, null, null, BookingRefusal.IDEMPOTENCY_KEY_REUSED, false));
                }
                Stored stored = row(rs, 1);
                return Optional.of(new BookResult<>(stored.booking(), stored.publicId(), null, null, true));
            }
        }
    }

    /** What a repeated key must repeat: the booking asked for (the citizen is part of the key already). */
    private static String requestHash(BookingRequest r) {
        return r.branchId() + "|" + r.date() + "|" + r.slot() + "|" + r.field() + "|" + r.purpose();
    }

    /** The booking the public API calls {@code publicId}, if {@code citizen} (issuer:subject) booked it. */
    @Override
    public Optional<Stored> findOwned(String publicId, String citizen) {
        if (publicId == null || !publicId.matches("[0-9a-f]{32}") || citizen == null) {
            return Optional.empty();
        }
        String hash = citizens.hash(citizen);
        return database.read(connection -> {
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
            }
        });
    }

    /**
     * Forgets who made the bookings of days before {@code day} (the retention period): their citizen hash is
     * blanked, so they count for no limit and nobody can cancel or read them through the API any more.
     */
    @Override
    public int forgetCitizensBefore(LocalDate day) {
        return database.write(null, connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE bookings SET citizen_hash = '' WHERE day < ? AND citizen_hash <> ''")) {
                st.setString(1, day.toString());
                int forgotten = st.executeUpdate();
                try (PreparedStatement keys = connection.prepareStatement(
                        "DELETE FROM booking_requests WHERE created < ?")) {
                    keys.setString(1, day.toString());
                    keys.executeUpdate();
                }
                return forgotten;
            }
        });
    }

    /** Every booking of a branch from {@code from} on (for start-up reconciliation with the branch log). */
    @Override
    public List<Stored> from(String branchId, LocalDate from) {
        return database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM bookings WHERE branch = ? AND day >= ? ORDER BY id")) {
                st.setString(1, branchId);
                st.setString(2, from.toString());
                return read(st);
            }
        });
    }

    @Override
    public List<Stored> bookingsAfter(String branchId, long afterId, int limit) {
        return database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM bookings WHERE branch = ? AND id > ? ORDER BY id LIMIT ?")) {
                st.setString(1, branchId);
                st.setLong(2, afterId);
                st.setInt(3, limit);
                return read(st);
            }
        });
    }

    @Override
    public Optional<Stored> byTicket(String branchId, LocalDate day, String field, int number) {
        return database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM bookings WHERE branch = ? AND day = ? AND field = ? AND number = ?")) {
                st.setString(1, branchId);
                st.setString(2, day.toString());
                st.setString(3, field);
                st.setInt(4, number);
                return read(st).stream().findFirst();
            }
        });
    }

    /** Marks a booking CANCELLED or FORFEITED; false if it was already cancelled either way. */
    @Override
    public boolean cancel(long id, boolean forfeited) {
        return database.write(null, connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE bookings SET cancelled = ? WHERE id = ? AND cancelled IS NULL")) {
                st.setString(1, forfeited ? "FORFEITED" : "CANCELLED");
                st.setLong(2, id);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Adds notifications, skipping any already sent, and moves the notifier's cursor, in one transaction. */
    @Override
    public int addNotifications(List<Notification> notifications, String cursorName, String cursor) {
        return database.write(null, connection -> {
            int added = 0;
            try (PreparedStatement st = connection.prepareStatement("""
                    INSERT INTO notifications (booking_id, type, at, counter, text_vi, text_en, event)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
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
                putSettingInTx(connection, cursorName, cursor);
            }
            return added;
        });
    }

    @Override
    public List<Notification> notifications(long bookingId) {
        return database.read(connection -> {
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
            }
        });
    }

    @Override
    public Optional<String> setting(String key) {
        return database.read(connection -> {
            try (PreparedStatement st = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                st.setString(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void putSetting(String key, String value) {
        database.write(null, connection -> {
            putSettingInTx(connection, key, value);
            return null;
        });
    }

    private static void putSettingInTx(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            st.setString(1, key);
            st.setString(2, value);
            st.executeUpdate();
        }
    }

    private static final String BOOKING_COLUMNS = "b.id, b.branch, b.day, b.slot, b.field, b.purpose, b.number,"
            + " b.priority, b.cancelled, b.created, b.public_id";

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
        return row(rs, 0);
    }

    /** The booking in {@link #COLUMNS}, which start after the first {@code skip} columns. */
    private static Stored row(ResultSet rs, int skip) throws SQLException {
        int c = skip;
        Booking b = new Booking(Long.toString(rs.getLong(c + 1)), rs.getString(c + 2), LocalDate.parse(rs.getString(c + 3)),
                TimeSlot.parse(rs.getString(c + 4)), rs.getString(c + 5), Purpose.valueOf(rs.getString(c + 6)),
                rs.getInt(c + 7), rs.getInt(c + 8) == 1);
        return new Stored(b, rs.getString(c + 9), java.time.LocalDateTime.parse(rs.getString(c + 10))
                .atZone(vn.luot.core.domain.BranchTime.ZONE).toInstant(), rs.getString(c + 11));
    }

    @Override
    public void close() {
        database.close();
    }

}
