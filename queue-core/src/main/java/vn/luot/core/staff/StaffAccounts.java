package vn.luot.core.staff;

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
import java.util.Optional;
import vn.luot.core.store.SqliteDatabase;

/**
 * The branch's personal staff accounts, in their own SQLite file next to the audit log: a sign-in name, the
 * person's name as staff pages show it, a role, and the PIN only as the hash the caller made. Accounts are
 * never deleted (the audit log names them for years); a supervisor disables one instead. Times come from the
 * injected clock. Safe for concurrent use.
 */
public final class StaffAccounts implements AutoCloseable {

    private static final int APPLICATION_ID = 0x4C545341;
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE staff_account (
              login TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, pin_hash TEXT NOT NULL,
              must_change INTEGER NOT NULL, disabled INTEGER NOT NULL, created_ms INTEGER NOT NULL,
              created_by TEXT NOT NULL, changed_ms INTEGER NOT NULL)
            """);

    private final Path file;
    private final Connection db;
    private final Clock clock;

    private StaffAccounts(Path file, Connection db, Clock clock) {
        this.file = file;
        this.db = db;
        this.clock = clock;
    }

    public static StaffAccounts open(Path file, Clock clock) {
        Path absolute = file.toAbsolutePath();
        return new StaffAccounts(absolute, SqliteDatabase.open(absolute, APPLICATION_ID, MIGRATIONS, 0),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Adds an account whose PIN must be changed at its first sign-in.
     *
     * @throws IllegalArgumentException for a malformed login or name, or a login already taken
     */
    public StaffAccount create(String login, String name, StaffRole role, String pinHash, String createdBy) {
        return create(login, name, role, pinHash, createdBy, true);
    }

    /** Adds an account; {@code mustChange} false only for a PIN its owner chose (the demo's accounts). */
    public synchronized StaffAccount create(String login, String name, StaffRole role, String pinHash, String createdBy,
                                            boolean mustChange) {
        StaffAccount.checkLogin(login);
        String cleanName = StaffAccount.checkName(name);
        Instant now = clock.instant();
        if (find(login).isPresent()) {
            throw new IllegalArgumentException("the sign-in name '" + login + "' is taken");
        }
        SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement("INSERT INTO staff_account (login, name, role, pin_hash,"
                    + " must_change, disabled, created_ms, created_by, changed_ms) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
                st.setString(1, login);
                st.setString(2, cleanName);
                st.setString(3, role.name());
                st.setString(4, Objects.requireNonNull(pinHash, "pinHash"));
                st.setInt(5, mustChange ? 1 : 0);
                st.setLong(6, now.toEpochMilli());
                st.setString(7, createdBy);
                st.setLong(8, now.toEpochMilli());
                return st.executeUpdate();
            }
        });
        return find(login).orElseThrow();
    }

    public synchronized Optional<StaffAccount> find(String login) {
        if (login == null) {
            return Optional.empty();
        }
        List<StaffAccount> found = select("WHERE login = ?", login);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every account, by sign-in name. */
    public synchronized List<StaffAccount> list() {
        return select("ORDER BY login");
    }

    /** Whether an account of this role exists and is not disabled. */
    public synchronized boolean hasActive(StaffRole role) {
        return list().stream().anyMatch(a -> a.role() == role && !a.disabled());
    }

    /** The person chose a new PIN: it replaces the old one and the account no longer asks for a change. */
    public synchronized void changePin(String login, String pinHash) {
        update("UPDATE staff_account SET pin_hash = ?, must_change = 0, changed_ms = ? WHERE login = ?",
                pinHash, clock.millis(), login);
    }

    /** A supervisor set a temporary PIN: the person must choose their own at the next sign-in. */
    public synchronized void resetPin(String login, String pinHash) {
        update("UPDATE staff_account SET pin_hash = ?, must_change = 1, changed_ms = ? WHERE login = ?",
                pinHash, clock.millis(), login);
    }

    public synchronized void setDisabled(String login, boolean disabled) {
        update("UPDATE staff_account SET disabled = ?, changed_ms = ? WHERE login = ?", disabled ? 1 : 0,
                clock.millis(), login);
    }

    private void update(String sql, Object... args) {
        int changed = SqliteDatabase.inTransaction(db, file, () -> {
            try (PreparedStatement st = db.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setObject(i + 1, args[i]);
                }
                return st.executeUpdate();
            }
        });
        if (changed != 1) {
            throw new IllegalArgumentException("no staff account '" + args[args.length - 1] + "'");
        }
    }

    private List<StaffAccount> select(String where, String... args) {
        List<StaffAccount> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT login, name, role, pin_hash, must_change, disabled,"
                + " created_ms, created_by FROM staff_account " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new StaffAccount(rs.getString(1), rs.getString(2), StaffRole.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getInt(5) != 0, rs.getInt(6) != 0,
                            Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
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
        return "StaffAccounts[" + file + "]";
    }
}
