package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.testing.SlowClients;

/**
 * The central server against slow-loris clients from the internet: 32 sockets trickling headers and bookings
 * one byte per second (with the JDK server, 16 froze it) while the city app and a branch's sync still answer.
 */
class ServerSlowClientTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T07:00");
    private final HttpClient app = HttpClient.newBuilder().connectTimeout(GENEROUS).build();
    private BookingServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, clock, ServerConfig.demo(), TestServer.PLAIN_CODES);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int get(String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(GENEROUS);
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return app.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void tricklingClientsDoNotFreezeTheBookingApiOrTheSync() throws Exception {
        try (SlowClients headers = SlowClients.open(SlowClients.loopback(2), server.port(), 16,
                "GET /v1/branches HTTP/1.1\r\nHost: luot\r\n", "X-Slow: " + "a".repeat(200) + "\r\n\r\n",
                Duration.ofSeconds(1));
             SlowClients bodies = SlowClients.open(SlowClients.loopback(3), server.port(), 16,
                     "POST /v1/bookings HTTP/1.1\r\nHost: luot\r\nContent-Type: application/json\r\n"
                             + "Content-Length: 4000\r\n\r\n{", " ".repeat(3999), Duration.ofSeconds(1))) {
            assertThat(get("/v1/branches", null)).isEqualTo(200);
            assertThat(get("/v1/branches/" + vn.luot.core.domain.DemoBranch.ID + "/snapshot?date=2026-11-23", TestServer.HUB_TOKEN))
                    .isEqualTo(200);
            assertThat(bodies.answers(GENEROUS)).hasSize(16)
                    .allSatisfy(a -> assertThat(a).doesNotContain("(still open)"));
        }
    }
}
