package vn.luot.display.web;

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
import vn.luot.core.testing.SlowClients;

/**
 * The whole hub against slow-loris clients on the branch Wi-Fi: 8 and then 16 sockets trickling a sign-in one
 * byte per second (with the JDK server, 8 froze the hub) while the waiting page and the staff page still answer.
 */
class HubSlowClientTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private StaffRig rig;
    private final HttpClient phone = HttpClient.newBuilder().connectTimeout(GENEROUS).build();

    @BeforeEach
    void start() throws Exception {
        rig = new StaffRig(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private int get(String path) throws Exception {
        return phone.send(HttpRequest.newBuilder(URI.create(rig.url(path))).timeout(GENEROUS).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void tricklingSignInsDoNotFreezeTheWaitingPageOrTheStaffPage() throws Exception {
        try (SlowClients headers = SlowClients.open(SlowClients.loopback(2), rig.hub.port(), 16,
                "GET /t/ HTTP/1.1\r\nHost: hub\r\n", "X-Slow: " + "a".repeat(200) + "\r\n\r\n", Duration.ofSeconds(1));
             SlowClients bodies = SlowClients.open(SlowClients.loopback(3), rig.hub.port(), 16,
                     "POST /staff/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                             + "Content-Length: 4000\r\n\r\ncounter=1&pin=", "1".repeat(3986), Duration.ofSeconds(1))) {
            assertThat(get("/t/")).isEqualTo(200);
            assertThat(get("/staff")).isEqualTo(200);
            assertThat(bodies.answers(GENEROUS)).hasSize(16)
                    .allSatisfy(a -> assertThat(a).doesNotContain("(still open)"));
            assertThat(get("/t/HT-500")).isEqualTo(200);
        }
    }
}
