package vn.luot.server.booking;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where {@link JdbcBookingStore}'s SQL runs: the one thing its two adapters do differently (one SQLite
 * connection, or a pool over PostgreSQL), so the SQL itself is written once for both.
 */
interface BookingDatabase extends AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, committed when this returns and rolled back when it throws. With
     * {@code lockBranch}, it is serialised with every other such write of that branch, in every process.
     */
    <T> T write(String lockBranch, Work<T> work);

    <T> T read(Work<T> work);

    @Override
    void close();
}
