package vn.luot.server.booking;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real PostgreSQL 15 ({@link PostgresCluster}): a fresh database per test. */
class PostgresBookingStoreTest extends BookingStoreContract {

    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    @TempDir
    Path dir;

    private String url;

    @Override
    protected BookingStore openNew() {
        url = POSTGRES.newDatabase();
        return openSameDatabase();
    }

    @Override
    protected BookingStore openSameDatabase() {
        // The citizen key is one file shared by every process of a city (here: beside a path in the temp dir).
        return BookingStore.openPostgresql(url, null, null, 4, dir.resolve("citizen.key"));
    }
}
