package vn.luot.server.booking;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import vn.luot.core.privacy.CitizenHasher;
import vn.luot.core.store.StoreException;

/**
 * The PostgreSQL adapter of {@link BookingStore}, for a city's central server: several server processes
 * over one database. A small pool of connections (READ COMMITTED); a booking locks its branch's row in
 * {@code branch_locks} first, so bookings of one branch are serialised across every process while other
 * branches go on in parallel.
 */
final class PostgresBookings implements BookingDatabase {

    /** How long a request waits for a free connection before it is told the store is busy. */
    private static final long BORROW_TIMEOUT_SECONDS = 10;

    private final String url;
    private final Properties credentials;
    private final Semaphore permits;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private PostgresBookings(String url, Properties credentials, int poolSize) {
        this.url = url;
        this.credentials = credentials;
        this.permits = new Semaphore(poolSize);
    }

    /**
     * @param url      {@code jdbc:postgresql://host:port/database}
     * @param password null for none (trust or peer authentication)
     */
    static BookingStore open(String url, String user, String password, int poolSize, Path citizenKeyFile) {
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "luot-server");
        try {
            Flyway.configure(PostgresBookings.class.getClassLoader())
                    .dataSource(url, user, password)
                    .locations("classpath:db/booking/postgresql")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Kind.CANNOT_OPEN, null,
                    url + ": the bookings database cannot be opened or migrated (" + e.getMessage()
                            + "); check store.url, store.user and store.password_file, and that PostgreSQL runs", e);
        }
        return new JdbcBookingStore(new PostgresBookings(url, credentials, poolSize),
                CitizenHasher.openOrCreate(citizenKeyFile));
    }

    @Override
    public <T> T write(String lockBranch, Work<T> work) {
        return withConnection("write", connection -> {
            connection.setAutoCommit(false);
            try {
                if (lockBranch != null) {
                    lockBranch(connection, lockBranch);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private static void lockBranch(Connection connection, String branch) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO branch_locks (branch) VALUES (?) ON CONFLICT DO NOTHING")) {
            st.setString(1, branch);
            st.executeUpdate();
        }
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT branch FROM branch_locks WHERE branch = ? FOR UPDATE")) {
            st.setString(1, branch);
            st.executeQuery().close();
        }
    }

    @Override
    public <T> T read(Work<T> work) {
        return withConnection("read", work);
    }

    private <T> T withConnection(String action, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("the booking store is closed");
        }
        try {
            if (!permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException(StoreException.Kind.IO, null, url + ": every database connection is busy", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.IO, null, url + ": interrupted waiting for a connection", e);
        }
        Connection connection = idle.poll();
        boolean healthy = false;
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, credentials);
            }
            T result = work.run(connection);
            healthy = true;
            return result;
        } catch (SQLException e) {
            // A refused statement (constraint, lock) leaves the connection usable; a lost one (class 08) does not.
            healthy = e.getSQLState() != null && !e.getSQLState().startsWith("08");
            throw new StoreException(StoreException.Kind.IO, null, url + ": cannot " + action + " bookings ("
                    + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            healthy = true;
            throw e;
        } finally {
            if (connection != null) {
                if (healthy && !closed) {
                    idle.add(connection);
                } else {
                    closeQuietly(connection);
                }
            }
            permits.release();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a connection the server already dropped: nothing is left to release.
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }
}
