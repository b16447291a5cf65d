package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.testing.MutableClock;
import vn.luot.server.booking.PostgresCluster;

/** The whole server with [store] kind = "postgresql", over HTTP, on a real PostgreSQL 15. */
class PostgresServerTest {

    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T07:00");
    private final OkHttpClient http = new OkHttpClient();

    private JsonNode book(BookingServer server, String citizen) throws IOException {
        Request r = new Request.Builder().url(server.url() + "/v1/bookings")
                .header("Authorization", "Bearer " + TestServer.credential(server, citizen, "1980-05-01"))
                .post(RequestBody.create("""
                        {"branchId":"%s","date":"2026-11-24","slot":"09:00","field":"HT","purpose":"SUBMIT"}"""
                        .formatted(DemoBranch.ID), MediaType.get("application/json"))).build();
        try (Response response = http.newCall(r).execute()) {
            assertThat(response.code()).isEqualTo(201);
            return new ObjectMapper().readTree(response.body().string());
        }
    }

    @Test
    void bookingsMadeOverHttpAreInPostgresqlAndOutliveTheProcess() throws IOException {
        Path file = dir.resolve("server.toml");
        Files.writeString(file, ServerStoreConfigTest.demoWithStore(
                "[store]\nkind = \"postgresql\"\nurl = \"" + POSTGRES.newDatabase() + "\"\n"));
        ServerConfig config = ServerConfig.load(file);

        try (BookingServer server = TestServer.start(dir, clock, config, TestServer.PLAIN_CODES)) {
            assertThat(book(server, "001099000001").path("label").asText()).isEqualTo("HT-001");
            assertThat(book(server, "001099000002").path("label").asText()).isEqualTo("HT-002");
        }
        assertThat(dir.resolve("server.db")).as("no SQLite bookings file when the store is PostgreSQL").doesNotExist();
        try (BookingServer again = TestServer.start(dir, clock, config, TestServer.PLAIN_CODES)) {
            assertThat(again.bookings().from(DemoBranch.ID, java.time.LocalDate.of(2026, 11, 24))).hasSize(2);
            assertThat(book(again, "001099000003").path("label").asText()).isEqualTo("HT-003");
        }
    }
}
