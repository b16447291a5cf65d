package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.testing.MutableClock;

/** An upstream that fails in every way a WAN link does: local state never changes because of it. */
class SyncFaultsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final MockWebServer server = new MockWebServer();
    private LocalQueue kiosk;
    private SyncClient sync;

    @BeforeEach
    void setUp() throws IOException {
        server.start();
        kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(500, 599)).open();
        kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        kiosk.issueWalkIn("CT", Purpose.SUBMIT, false, null);
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(500))
                .callTimeout(Duration.ofSeconds(3)).retryOnConnectionFailure(false).build();
        sync = SyncClient.builder().baseUrl(server.url("/").toString()).branchId(DemoBranch.ID).token("t")
                .queue(kiosk).clock(clock).httpClient(http).build();
        kiosk.write(tx -> {
            tx.putCursor(SyncClient.PULL_CURSOR, "log:3");
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        kiosk.close();
        server.close();
    }

    private Map<String, Object> localState() {
        return Map.of("tickets", List.copyOf(kiosk.tickets()), "events", kiosk.eventCount(),
                "outbox", sync.outboxDepth(),
                "cursor", kiosk.read(s -> s.cursor(SyncClient.PULL_CURSOR)).orElse(""));
    }

    private void assertFailsUnchanged(SyncException.Kind kind, ThrowingCall call) {
        Map<String, Object> before = localState();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SyncException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(localState()).isEqualTo(before);
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aServerErrorKeepsTheOutboxAndTheCursor() {
        server.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"INTERNAL\"}").build());
        assertFailsUnchanged(SyncException.Kind.SERVER_ERROR, sync::push);
        server.enqueue(new MockResponse.Builder().code(503).build());
        assertFailsUnchanged(SyncException.Kind.SERVER_ERROR, sync::pull);
    }

    @Test
    void aServerThatHangsIsATimeoutNotAHang() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        assertFailsUnchanged(SyncException.Kind.UNREACHABLE, sync::push);
    }

    @Test
    void aConnectionDroppedMidAnswerChangesNothing() {
        String half = "{\"events\":[{\"device\":\"hub\",\"seq\":1,\"hlc\":1,\"hlcCounter\":0,\"time\":\"2026-11-23T02:00:00Z\""
                + ",\"type\":\"COUNTER_PAUSED\",\"body\":{\"counter\":3}}],\"next\":\"log:9\",\"has_more\":false}";
        server.enqueue(new MockResponse.Builder().body(half)
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
        assertFailsUnchanged(SyncException.Kind.UNREACHABLE, sync::pull);
    }

    @Test
    void garbageTruncatedOrMisshapenAnswersChangeNothing() {
        server.enqueue(new MockResponse.Builder().body("<html>captive portal</html>").build());
        assertFailsUnchanged(SyncException.Kind.BAD_RESPONSE, sync::pull);
        server.enqueue(new MockResponse.Builder().body("{\"events\":[{\"device\":\"hub\",\"seq\":1").build());
        assertFailsUnchanged(SyncException.Kind.BAD_RESPONSE, sync::pull);
        server.enqueue(new MockResponse.Builder().body("{\"events\":[{\"device\":\"hub\",\"seq\":\"x\"}],"
                + "\"next\":\"log:9\",\"has_more\":false}").build());
        assertFailsUnchanged(SyncException.Kind.BAD_RESPONSE, sync::pull);
        server.enqueue(new MockResponse.Builder().body("{\"results\":[]}").build());
        assertFailsUnchanged(SyncException.Kind.BAD_RESPONSE, sync::push);
        server.enqueue(new MockResponse.Builder().body("{\"results\":[{\"status\":\"maybe\"},{\"status\":\"applied\"},"
                + "{\"status\":\"applied\"},{\"status\":\"applied\"}]}").build());
        assertFailsUnchanged(SyncException.Kind.BAD_RESPONSE, sync::push);
    }

    @Test
    void aRefusedTokenIsReportedAsSuch() {
        server.enqueue(new MockResponse.Builder().code(401).build());
        assertFailsUnchanged(SyncException.Kind.UNAUTHORIZED, sync::pull);
    }

    @Test
    void theClockIsTrustedOnlyWhileItAgreesWithTheUpstreamsDate() throws Exception {
        assertThat(sync.clockTrust().state()).isEqualTo(ClockTrust.State.UNKNOWN);
        server.enqueue(new MockResponse.Builder().setHeader("Date", httpDate(clock.instant()))
                .body("{\"events\":[],\"next\":\"log:3\",\"has_more\":false}").build());
        sync.pull();
        assertThat(sync.clockTrust().trusted()).isTrue();

        server.enqueue(new MockResponse.Builder()
                .setHeader("Date", httpDate(clock.instant().plus(Duration.ofHours(9))))
                .body("{\"events\":[],\"next\":\"log:3\",\"has_more\":false}").build());
        sync.pull();
        assertThat(sync.clockTrust().state()).isEqualTo(ClockTrust.State.SKEWED);
        assertThat(sync.clockTrust().offset()).hasValueSatisfying(o -> assertThat(o.toHours()).isEqualTo(9));
    }

    private static String httpDate(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    @Test
    void thePushSendsAnIdempotencyKeyThatIsTheSameOnRetry() throws Exception {
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(new MockResponse.Builder().body("{\"results\":[{\"status\":\"applied\"},{\"status\":\"applied\"},"
                + "{\"status\":\"applied\"},{\"status\":\"applied\"}],\"acknowledged\":{\"kiosk-1\":4}}").build());
        assertThatThrownBy(sync::push).isInstanceOf(SyncException.class);
        SyncClient.PushResult result = sync.push();
        assertThat(result.applied()).isEqualTo(4);
        String first = server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Idempotency-Key");
        String second = server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Idempotency-Key");
        assertThat(first).isNotBlank().isEqualTo(second);
        assertThat(sync.outboxDepth()).isZero();
        assertThat(kiosk.tickets()).extracting(Ticket::label).containsExactlyInAnyOrder("HT-500", "CT-500");
    }
}
