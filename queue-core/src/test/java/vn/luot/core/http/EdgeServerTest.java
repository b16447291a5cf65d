package vn.luot.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.luot.core.testing.SlowClients;

/** The HTTP edge against slow-loris clients on loopback: trickling sockets never keep a normal request waiting. */
class EdgeServerTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final String SLOW_HEADERS = "X-Slow: " + "a".repeat(500) + "\r\n\r\n";

    private EdgeServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(GENEROUS).build();

    /** Reads the whole body before answering, as the sync and form handlers do. */
    private static final HttpHandler ECHO = exchange -> {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("read " + body.length).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    };

    /** The serving side's own clock, nine days behind the machine's, as a demo's or a day bench's clock is. */
    private static final Clock SERVING_CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:40:05Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws IOException {
        server = EdgeServer.bind("edge-test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                new EdgeServer.Limits(16, 4, Duration.ofSeconds(4), 256), SERVING_CLOCK, ECHO).start();
    }

    @Test
    void answersAreDatedByTheServingSidesClockNotTheMachines() throws Exception {
        // clients set their clocks by this header (ClockTrust): a second, system-dated value would mislead them
        assertThat(normalRequest().headers().allValues("Date")).containsExactly("Mon, 23 Nov 2026 01:40:05 GMT");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> normalRequest() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/t/"))
                .timeout(GENEROUS).POST(HttpRequest.BodyPublishers.ofString("hello")).build();
        return client.send(get, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sixtyFourSocketsTricklingTheirHeadersDoNotDelayAnotherClient() throws Exception {
        try (SlowClients slow = SlowClients.open(SlowClients.loopback(2), server.port(), 64,
                "GET /t/ HTTP/1.1\r\nHost: hub\r\n", SLOW_HEADERS, Duration.ofSeconds(1))) {
            HttpResponse<String> answer = normalRequest();

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("read 5");
        }
    }

    @Test
    void tricklingHeadersFromTheSameAddressDoNotDelayItsNextRequestEither() throws Exception {
        try (SlowClients slow = SlowClients.open(InetAddress.getLoopbackAddress(), server.port(), 32,
                "GET /t/ HTTP/1.1\r\nHost: hub\r\n", SLOW_HEADERS, Duration.ofSeconds(1))) {
            assertThat(normalRequest().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bodiesTrickledByOneClientHoldOnlyItsShareOfThreadsAndAreCutOffByTheMinimumDataRate() throws Exception {
        // 24 bodies from one address: more than the whole pool of 16, far more than its share of 4
        try (SlowClients slow = SlowClients.open(SlowClients.loopback(3), server.port(), 24,
                "POST /v1/branches/b/events HTTP/1.1\r\nHost: hub\r\nContent-Length: 4000\r\n\r\n{",
                " ".repeat(3999), Duration.ofSeconds(1))) {
            HttpResponse<String> answer = normalRequest();
            assertThat(answer.statusCode()).isEqualTo(200);

            List<String> answers = slow.answers(GENEROUS);
            // each trickler is answered 408 or hung up on, none reads its body to the end
            assertThat(answers).hasSize(24).allSatisfy(a -> assertThat(a)
                    .doesNotContain("(still open)").doesNotContain("read 4000"));
            assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP/1.1 408"));
        }
        assertThat(normalRequest().statusCode()).isEqualTo(200);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (SlowClients silent = SlowClients.open(SlowClients.loopback(4), server.port(), 4, "GET /t/ HT", "",
                Duration.ofSeconds(1))) {
            assertThat(silent.answers(GENEROUS)).hasSize(4).allSatisfy(a -> assertThat(a).doesNotContain("(still open)"));
        }
    }
}
