package vn.luot.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * How every Lượt SQLite file is opened: WAL, {@code synchronous=FULL}, foreign keys, a busy timeout;
 * refused with a clear message when it is not SQLite, another program's, from a newer Lượt or
 * damaged; migrated one versioned step per transaction; and every SQLite failure translated into a
 * {@link StoreException} that names the file and says what to do.
 */
public final class SqliteDatabase {

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteDatabase() {
    }

    /**
     * @param applicationId marks the file as this kind of Lượt database ({@code PRAGMA application_id})
     * @param migrations    migration n takes {@code user_version} from n-1 to n
     * @param maxBytes      a size cap reported like a full disk, or 0 for none
     */
    public static Connection open(Path file, int applicationId, List<String> migrations, long maxBytes) {
        return open(file, applicationId, migrations, maxBytes, java.util.Set.of());
    }

    /**
     * A file up to this size is checked whole at open ({@code PRAGMA quick_check} reads every page: about
     * 0.1 s for 16 MiB; a month of a busy hub is about 50 MiB). A larger one has its small tables checked at open and its
     * {@code largeTables} only as far as they are read (SQLite reports a damaged page it reads as
     * SQLITE_CORRUPT, translated like any other); {@code luot doctor} runs the full check.
     */
    static final long FULL_CHECK_MAX_BYTES = 16L * 1024 * 1024;

    /**
     * @param largeTables tables that grow with the log, left out of the check at open when the file is
     *                    larger than {@link #FULL_CHECK_MAX_BYTES}, so a start never reads the whole file
     */
    public static Connection open(Path file, int applicationId, List<String> migrations, long maxBytes,
                                  java.util.Set<String> largeTables) {
        Path absolute = file.toAbsolutePath();
        refuseNonSqliteFile(absolute);
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(5_000);
            connection = DriverManager.getConnection("jdbc:sqlite:" + absolute, config.toProperties());
            checkAndMigrate(absolute, connection, applicationId, migrations, largeTables);
            if (maxBytes > 0) {
                int pageSize = pragmaInt(connection, "page_size");
                try (Statement st = connection.createStatement()) {
                    st.execute("PRAGMA max_page_count = " + Math.max(1, maxBytes / pageSize));
                }
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw translate(absolute, "open", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void refuseNonSqliteFile(Path file) {
        if (!Files.exists(file)) {
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new StoreException(StoreException.Kind.CANNOT_OPEN, file,
                        "Cannot create the database " + file + ": folder " + parent + " does not exist", null);
            }
            return;
        }
        if (Files.isDirectory(file)) {
            throw new StoreException(StoreException.Kind.CANNOT_OPEN, file,
                    "The database path " + file + " is a folder, not a file", null);
        }
        try {
            if (Files.size(file) == 0) {
                throw new StoreException(StoreException.Kind.EMPTY_FILE, file,
                        "The database " + file + " is empty (0 bytes): it was truncated, so this device's "
                                + "history is gone from it. Move it aside and restart: the device then takes "
                                + "its history back from its upstream and issues no walk-in number until it has.", null);
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.CANNOT_OPEN, file,
                    "Cannot read the database " + file + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SQLITE_MAGIC.length);
            if (head.length > 0 && !Arrays.equals(head, SQLITE_MAGIC)) {
                throw new StoreException(StoreException.Kind.NOT_A_DATABASE, file,
                        "The database " + file + " is not an SQLite file (corrupt, or another program's). "
                                + "Move it aside and restart: the device then takes its history back from its upstream "
                                + "and issues no walk-in number until it has.", null);
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.CANNOT_OPEN, file,
                    "Cannot read the database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkAndMigrate(Path file, Connection connection, int applicationId, List<String> migrations,
                                        java.util.Set<String> largeTables) throws SQLException {
        int foundId = pragmaInt(connection, "application_id");
        int version = pragmaInt(connection, "user_version");
        if (foundId != applicationId) {
            if (foundId != 0 || version != 0 || tableCount(connection) > 0) {
                throw new StoreException(StoreException.Kind.FOREIGN_DATABASE, file,
                        "The file " + file + " is an SQLite database of another program (or another Lượt "
                                + "component), not this one's. Point the config at another path.", null);
            }
        }
        if (version > migrations.size()) {
            throw new StoreException(StoreException.Kind.NEWER_SCHEMA, file,
                    "The database " + file + " has schema version " + version + ", written by a newer Lượt; "
                            + "this one knows up to version " + migrations.size()
                            + ". Install the newer version, or move the file aside.", null);
        }
        String check = quickCheck(connection, sizeOf(file) > FULL_CHECK_MAX_BYTES ? largeTables : java.util.Set.of());
        if (!"ok".equals(check)) {
            throw new StoreException(StoreException.Kind.CORRUPT, file,
                    "The database " + file + " is damaged (" + check + "). Move it aside and restart.", null);
        }
        for (int next = version + 1; next <= migrations.size(); next++) {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : migrations.get(next - 1).split(";")) {
                        if (!sql.isBlank()) {
                            st.execute(sql);
                        }
                    }
                    st.execute("PRAGMA application_id = " + applicationId);
                    st.execute("PRAGMA user_version = " + next);
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    throw e;
                }
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String quickCheck(Connection connection, java.util.Set<String> skipped) throws SQLException {
        if (skipped.isEmpty()) {
            return quickCheckOf(connection, "PRAGMA quick_check");
        }
        List<String> tables = new java.util.ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            if (!skipped.contains(table)) {
                String check = quickCheckOf(connection, "PRAGMA quick_check(\"" + table.replace("\"", "\"\"") + "\")");
                if (!"ok".equals(check)) {
                    return check;
                }
            }
        }
        return "ok";
    }

    private static String quickCheckOf(Connection connection, String pragma) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(pragma)) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }

    static int pragmaInt(Connection connection, String pragma) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static int tableCount(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Work done inside one write transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction: everything it wrote is committed
     * durably when this returns, and nothing of it when this throws.
     */
    public static <T> T inTransaction(Connection connection, Path file, Work<T> work) {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                st.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // SQLite has already rolled back when the error was fatal to the transaction.
                }
                if (e instanceof SQLException sql) {
                    throw translate(file, "write", sql);
                }
                throw (RuntimeException) e;
            }
        } catch (SQLException e) {
            throw translate(file, "write", e);
        }
    }

    /** Names the file and the remedy for every SQLite failure a device can meet. */
    public static StoreException translate(Path file, String action, SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
        String base = code == null ? "" : code.name();
        if (base.startsWith("SQLITE_FULL")) {
            return new StoreException(StoreException.Kind.DISK_FULL, file,
                    "The disk holding the database " + file + " is full; nothing was written. "
                            + "Free some space (old logs, tickets) and try again.", e);
        }
        if (base.startsWith("SQLITE_READONLY")) {
            return new StoreException(StoreException.Kind.READ_ONLY, file,
                    "The database " + file + " is read-only (file permissions or a read-only file system); "
                            + "nothing was written.", e);
        }
        if (base.startsWith("SQLITE_NOTADB")) {
            return new StoreException(StoreException.Kind.NOT_A_DATABASE, file,
                    "The database " + file + " is not a database (corrupt, or another program's). "
                            + "Move it aside and restart.", e);
        }
        if (base.startsWith("SQLITE_CORRUPT")) {
            return new StoreException(StoreException.Kind.CORRUPT, file,
                    "The database " + file + " is damaged. Move it aside and restart.", e);
        }
        if (base.startsWith("SQLITE_CANTOPEN") || base.startsWith("SQLITE_PERM") || base.startsWith("SQLITE_AUTH")) {
            return new StoreException(StoreException.Kind.CANNOT_OPEN, file,
                    "Cannot open the database " + file + " (does the service user own its folder?)", e);
        }
        return new StoreException(StoreException.Kind.IO, file,
                "Cannot " + action + " the database " + file + ": " + e.getMessage(), e);
    }

    /** Closes a store's connection at the end of its life; a failure is logged, naming the file, not thrown. */
    public static void close(Connection connection, Path file) {
        try {
            connection.close();
        } catch (SQLException e) {
            System.getLogger(SqliteDatabase.class.getName()).log(System.Logger.Level.WARNING,
                    "closing " + file + ": " + e.getMessage());
        }
    }

    public static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }
}
