package vn.luot.core.devices;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.store.SqliteDatabase;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceRegistry;
import vn.luot.core.sync.DeviceTokens;

/**
 * The devices a hub or the centre accepts, kept in their own SQLite file: one-time enrolment codes, the
 * tokens they were exchanged for, rotations and revocations. Only SHA-256 digests of codes and tokens are
 * stored. The tokens written in the config file stay valid as "pre-enrolled" devices (the demo, the tests,
 * installs made before enrolment) and can be rotated and revoked like the others; a config token removed from
 * the config stops working whatever this file says.
 *
 * <p>Reads ({@link #authenticate}, {@link #device}) take an immutable snapshot published after every change,
 * so a revocation is refused by the very next request, on every endpoint; changes are serialised on this
 * object and committed before the snapshot moves. Safe for concurrent use.
 */
public final class EnrolledDevices implements DeviceRegistry, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EnrolledDevices.class.getName());
    private static final int APPLICATION_ID = 0x4C544456;
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE enrolment_codes (
              code_sha256 TEXT PRIMARY KEY, branch TEXT NOT NULL, device TEXT NOT NULL, role TEXT NOT NULL,
              walk_in TEXT, issued_by TEXT NOT NULL, issued_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL,
              used_ms INTEGER);
            CREATE TABLE device_tokens (
              token_sha256 TEXT PRIMARY KEY, branch TEXT NOT NULL, device TEXT NOT NULL, role TEXT NOT NULL,
              walk_in TEXT, source TEXT NOT NULL CHECK (source IN ('config', 'enrolled')),
              issued_ms INTEGER NOT NULL, valid_until_ms INTEGER, revoked_ms INTEGER, revoked_by TEXT);
            CREATE INDEX device_tokens_by_device ON device_tokens (branch, device)
            """);

    /** How long a code may wait for its device. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    /** How long a rotated token still works, so a device that missed the answer can retry with it. */
    public static final Duration ROTATION_GRACE = Duration.ofMinutes(10);

    /** What exchanging a code gave. */
    public enum Outcome { ENROLLED, UNKNOWN_CODE, CODE_USED, CODE_EXPIRED }

    /** @param token the new device token (only in the answer to the device, never stored); null unless enrolled */
    public record Enrolment(Outcome outcome, String token, DeviceIdentity device) {
        @Override
        public String toString() {
            return "Enrolment[" + outcome + (device == null ? "" : ", " + device.deviceId()) + "]";
        }
    }

    /** @param token the new token of {@code device}; the old one works until {@code oldValidUntil} */
    public record Rotation(String token, DeviceIdentity device, Instant oldValidUntil) {
        @Override
        public String toString() {
            return "Rotation[old valid until " + oldValidUntil + "]";
        }
    }

    private record Row(DeviceRecord record, String digest) {
    }

    private final Path file;
    private final Connection db;
    private final Clock clock;
    private final DeviceTokens preEnrolled;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, Row> snapshot = Map.of();

    private EnrolledDevices(Path file, Connection db, Clock clock, DeviceTokens preEnrolled) {
        this.file = file;
        this.db = db;
        this.clock = clock;
        this.preEnrolled = preEnrolled;
    }

    /** Opens (or creates) the file and registers the config's tokens as pre-enrolled. */
    public static EnrolledDevices open(Path file, Clock clock, DeviceTokens preEnrolled) {
        Path absolute = file.toAbsolutePath();
        EnrolledDevices devices = new EnrolledDevices(absolute,
                SqliteDatabase.open(absolute, APPLICATION_ID, MIGRATIONS, 0), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(preEnrolled, "preEnrolled"));
        try {
            devices.registerPreEnrolled();
        } catch (RuntimeException e) {
            devices.close();
            throw e;
        }
        return devices;
    }

    private synchronized void registerPreEnrolled() {
        long now = clock.millis();
        SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement("INSERT OR IGNORE INTO device_tokens (token_sha256, branch,"
                    + " device, role, walk_in, source, issued_ms) VALUES (?, ?, ?, ?, ?, 'config', ?)")) {
                for (Map.Entry<String, DeviceIdentity> e : preEnrolled.digests().entrySet()) {
                    bindDevice(st, e.getKey(), e.getValue());
                    st.setLong(6, now);
                    st.executeUpdate();
                }
            }
            return null;
        });
        reload();
    }

    // ---- reads (lock-free, from the snapshot) -----------------------------------------------------------

    @Override
    public Optional<DeviceIdentity> authenticate(String authorization) {
        String token = DeviceRegistry.bearer(authorization);
        if (token == null) {
            return Optional.empty();
        }
        // A map lookup by digest: timing can only tell digests apart, and a digest does not lead to a token.
        String digest = DeviceTokens.digest(token);
        Row row = snapshot.get(digest);
        if (row == null) {
            return Optional.empty();
        }
        DeviceRecord.State state = row.record().state(clock.instant());
        if (state == DeviceRecord.State.REVOKED || state == DeviceRecord.State.EXPIRED) {
            return Optional.empty();
        }
        return row.record().source().equals("config") ? preEnrolled.byDigest(digest) : Optional.of(row.record().device());
    }

    @Override
    public Optional<DeviceIdentity> device(String branchId, String deviceId) {
        Optional<DeviceIdentity> configured = preEnrolled.device(branchId, deviceId);
        if (configured.isPresent()) {
            return configured;
        }
        return snapshot.values().stream().map(r -> r.record().device())
                .filter(d -> d.branchId().equals(branchId) && d.deviceId().equals(deviceId)).findFirst();
    }

    /** Every token of {@code branchId} (null for every branch), by device, then newest first. */
    public List<DeviceRecord> list(String branchId) {
        return snapshot.values().stream()
                .filter(row -> !row.record().source().equals("config") || preEnrolled.byDigest(row.digest()).isPresent())
                .map(Row::record)
                .filter(r -> branchId == null || r.device().branchId().equals(branchId))
                .sorted(java.util.Comparator.comparing((DeviceRecord r) -> r.device().branchId())
                        .thenComparing(r -> r.device().deviceId())
                        .thenComparing(DeviceRecord::issued, java.util.Comparator.reverseOrder()))
                .toList();
    }

    // ---- changes --------------------------------------------------------------------------------------

    /** A new one-time code for {@code device}, valid for {@link #CODE_LIFETIME}; {@code by} names who asked. */
    public synchronized EnrolmentCode issueCode(DeviceIdentity device, String by) {
        Objects.requireNonNull(device, "device");
        String code = EnrolmentCode.generate(random);
        Instant now = clock.instant();
        Instant expires = now.plus(CODE_LIFETIME);
        SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement("INSERT INTO enrolment_codes (code_sha256, branch, device,"
                    + " role, walk_in, issued_by, issued_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindDevice(st, DeviceTokens.digest(EnrolmentCode.normalise(code)), device);
                st.setString(6, by);
                st.setLong(7, now.toEpochMilli());
                st.setLong(8, expires.toEpochMilli());
                st.executeUpdate();
            }
            return null;
        });
        LOG.info(() -> "enrolment code issued for " + device.deviceId() + "@" + device.branchId() + " by " + by);
        return new EnrolmentCode(code, device, expires);
    }

    /**
     * Exchanges a code for a device token, once. Enrolling a device again (a replaced SD card) revokes the
     * tokens it had, so one device has one live token.
     */
    public synchronized Enrolment enrol(String typedCode) {
        String normal = EnrolmentCode.normalise(typedCode);
        if (normal.isEmpty()) {
            return new Enrolment(Outcome.UNKNOWN_CODE, null, null);
        }
        long now = clock.millis();
        Enrolment result = SqliteDatabase.inTransaction(db, file, () -> {
            DeviceIdentity device;
            try (PreparedStatement st = db.prepareStatement("SELECT branch, device, role, walk_in, expires_ms, used_ms"
                    + " FROM enrolment_codes WHERE code_sha256 = ?")) {
                st.setString(1, DeviceTokens.digest(normal));
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return new Enrolment(Outcome.UNKNOWN_CODE, null, null);
                    }
                    device = device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    if (rs.getObject(6) != null) {
                        return new Enrolment(Outcome.CODE_USED, null, device);
                    }
                    if (now >= rs.getLong(5)) {
                        return new Enrolment(Outcome.CODE_EXPIRED, null, device);
                    }
                }
            }
            try (PreparedStatement st = db.prepareStatement(
                    "UPDATE enrolment_codes SET used_ms = ? WHERE code_sha256 = ?")) {
                st.setLong(1, now);
                st.setString(2, DeviceTokens.digest(normal));
                st.executeUpdate();
            }
            revokeTokens(device.branchId(), device.deviceId(), now, "re-enrolment");
            String token = newToken();
            insertToken(token, device, now);
            return new Enrolment(Outcome.ENROLLED, token, device);
        });
        reload();
        LOG.info(() -> "enrolment " + result.outcome()
                + (result.device() == null ? "" : " for " + result.device().deviceId() + "@" + result.device().branchId()));
        return result;
    }

    /**
     * A new token for the device presenting {@code authorization}; the presented one keeps working for
     * {@link #ROTATION_GRACE}. Empty when the presented token is not (or no longer) valid.
     */
    public synchronized Optional<Rotation> rotate(String authorization) {
        Optional<DeviceIdentity> device = authenticate(authorization);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        String oldDigest = DeviceTokens.digest(DeviceRegistry.bearer(authorization));
        long now = clock.millis();
        Instant until = Instant.ofEpochMilli(now).plus(ROTATION_GRACE);
        Instant oldUntil = snapshot.get(oldDigest).record().validUntil();
        Instant graceEnd = oldUntil != null && oldUntil.isBefore(until) ? oldUntil : until;
        String token = SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement(
                    "UPDATE device_tokens SET valid_until_ms = ? WHERE token_sha256 = ?")) {
                st.setLong(1, graceEnd.toEpochMilli());
                st.setString(2, oldDigest);
                st.executeUpdate();
            }
            String fresh = newToken();
            insertToken(fresh, device.get(), now);
            return fresh;
        });
        reload();
        LOG.info(() -> "token rotated for " + device.get().deviceId() + "@" + device.get().branchId());
        return Optional.of(new Rotation(token, device.get(), graceEnd));
    }

    /**
     * Revokes every token of the device, and its codes not yet used, at once; {@code by} names who did.
     *
     * @return how many tokens were revoked (0: unknown device, or nothing left to revoke)
     */
    public synchronized int revoke(String branchId, String deviceId, String by) {
        long now = clock.millis();
        int revoked = SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement("UPDATE enrolment_codes SET used_ms = ?"
                    + " WHERE branch = ? AND device = ? AND used_ms IS NULL")) {
                st.setLong(1, now);
                st.setString(2, branchId);
                st.setString(3, deviceId);
                st.executeUpdate();
            }
            return revokeTokens(branchId, deviceId, now, by);
        });
        reload();
        LOG.info(() -> "revoked " + revoked + " token(s) of " + deviceId + "@" + branchId + " by " + by);
        return revoked;
    }

    private int revokeTokens(String branchId, String deviceId, long now, String by) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("UPDATE device_tokens SET revoked_ms = ?, revoked_by = ?"
                + " WHERE branch = ? AND device = ? AND revoked_ms IS NULL")) {
            st.setLong(1, now);
            st.setString(2, by);
            st.setString(3, branchId);
            st.setString(4, deviceId);
            return st.executeUpdate();
        }
    }

    private void insertToken(String token, DeviceIdentity device, long now) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO device_tokens (token_sha256, branch, device,"
                + " role, walk_in, source, issued_ms) VALUES (?, ?, ?, ?, ?, 'enrolled', ?)")) {
            bindDevice(st, DeviceTokens.digest(token), device);
            st.setLong(6, now);
            st.executeUpdate();
        }
    }

    private static void bindDevice(PreparedStatement st, String digest, DeviceIdentity device) throws SQLException {
        st.setString(1, digest);
        st.setString(2, device.branchId());
        st.setString(3, device.deviceId());
        st.setString(4, device.role().name());
        NumberBlock block = device.walkInBlock();
        st.setString(5, block == null ? null : block.first() + "-" + block.last());
    }

    private static DeviceIdentity device(String branch, String id, String role, String walkIn) {
        DeviceIdentity d = new DeviceIdentity(id, branch, DeviceIdentity.Role.valueOf(role));
        return walkIn == null ? d : d.withWalkInBlock(NumberBlock.parse(walkIn));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Publishes the file's tokens as the new snapshot; called under this object's lock after each commit. */
    private void reload() {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT token_sha256, branch, device, role, walk_in, source,"
                + " issued_ms, valid_until_ms, revoked_ms, revoked_by FROM device_tokens");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String digest = rs.getString(1);
                DeviceRecord r = new DeviceRecord(device(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), digest.substring(0, 8), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                        instant(rs, 8), instant(rs, 9), rs.getString(10));
                rows.put(digest, new Row(r, digest));
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
        snapshot = Map.copyOf(rows);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.close(db, file);
    }

    @Override
    public String toString() {
        return "EnrolledDevices[" + file + ", " + snapshot.size() + " tokens]";
    }
}
