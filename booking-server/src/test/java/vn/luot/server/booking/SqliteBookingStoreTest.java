package vn.luot.server.booking;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded default: a real SQLite file; the second "process" is a second connection. */
class SqliteBookingStoreTest extends BookingStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BookingStore openNew() {
        return BookingStore.open(dir.resolve("bookings.db"));
    }

    @Override
    protected BookingStore openSameDatabase() {
        return BookingStore.open(dir.resolve("bookings.db"));
    }
}
