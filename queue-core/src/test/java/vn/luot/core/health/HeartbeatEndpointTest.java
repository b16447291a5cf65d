package vn.luot.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.luot.core.http.EdgeServer;
import vn.luot.core.metrics.HeartbeatMetrics;
import vn.luot.core.metrics.MetricsAccess;
import vn.luot.core.metrics.MetricsHttpHandler;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.JsonHttp;
import vn.luot.core.testing.MutableClock;

/** The heartbeat endpoint and {@code /metrics} on real HTTP on loopback, as the hub and the centre mount them. */
class HeartbeatEndpointTest {

    private static final String BRANCH = "hn-hoankiem";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final DeviceTokens TOKENS = DeviceTokens.none()
            .withToken("kiosk-1-token", new DeviceIdentity("kiosk-1", BRANCH, DeviceIdentity.Role.KIOSK))
            .withToken("kiosk-2-token", new DeviceIdentity("kiosk-2", BRANCH, DeviceIdentity.Role.KIOSK))
            .withToken("hub-token", new DeviceIdentity("display-1", BRANCH, DeviceIdentity.Role.HUB))
            .withToken("other-token", new DeviceIdentity("kiosk-1", "hn-caugiay", DeviceIdentity.Role.KIOSK));

    private final ObjectMapper mapper = new ObjectMapper();
    private final MutableClock clock = MutableClock.at("2026-11-23T08:40");
    private final OkHttpClient client = new OkHttpClient();
    private final LatestHeartbeats kept = new LatestHeartbeats(8);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private EdgeServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        registry.register(new HeartbeatMetrics(kept::all, clock));
        server = server(MetricsAccess.localNetwork());
        url = "http://127.0.0.1:" + server.port();
    }

    private EdgeServer server(MetricsAccess access) throws IOException {
        HeartbeatHttpHandler heartbeats = new HeartbeatHttpHandler(TOKENS, Set.of(BRANCH, "hn-caugiay"), kept,
                new JsonHttp(mapper), clock);
        MetricsHttpHandler metrics = new MetricsHttpHandler(registry, access);
        return EdgeServer.bind("heartbeat-test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                new EdgeServer.Limits(8, 4, Duration.ofSeconds(10), 256), clock, exchange -> {
                    if (MetricsHttpHandler.serves(exchange.getRequestURI().getPath())) {
                        metrics.handle(exchange);
                    } else {
                        heartbeats.handle(exchange);
                    }
                }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aKioskReportsItsOwnHeartbeatOnItsUplink() {
        Heartbeat mine = Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant());
        HeartbeatUplink uplink = new HeartbeatUplink(client, url, BRANCH, "kiosk-1-token", mapper, clock, () -> mine, null);
        assertThat(uplink.beat()).isTrue();
        assertThat(kept.all()).singleElement().satisfies(s -> {
            assertThat(s.heartbeat()).isEqualTo(mine);
            assertThat(s.seenAt()).isEqualTo(clock.instant());
            assertThat(s.via()).isEqualTo("kiosk-1");
        });
    }

    @Test
    void aKioskTokenCannotReportAnotherDevicesHeartbeat() throws IOException {
        try (Response r = post("kiosk-1-token", BRANCH, body(Heartbeats.kiosk("kiosk-2", BRANCH, clock.instant())))) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).contains("NOT_YOUR_HEARTBEAT");
        }
        try (Response r = post("kiosk-1-token", BRANCH, body(Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant()),
                Heartbeats.withPrinter(Heartbeats.kiosk("kiosk-2", BRANCH, clock.instant()), Heartbeat.Printer.PAPER_OUT)))) {
            assertThat(r.code()).as("one foreign heartbeat refuses the whole request").isEqualTo(403);
        }
        try (Response r = post("other-token", BRANCH, body(Heartbeats.kiosk("kiosk-1", "hn-caugiay", clock.instant())))) {
            assertThat(r.code()).isEqualTo(403);
        }
        assertThat(kept.all()).isEmpty();
    }

    @Test
    void aKioskCannotBackdateItsHeartbeatNorSendWithoutAToken() throws IOException {
        ObjectNode body = body(Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant()));
        ((ObjectNode) body.get("heartbeats").get(0)).put("age_ms", 600_000);
        try (Response r = post("kiosk-1-token", BRANCH, body)) {
            assertThat(r.code()).isEqualTo(400);
        }
        try (Response r = post("no-such-token", BRANCH, body(Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant())))) {
            assertThat(r.code()).isEqualTo(401);
        }
        assertThat(kept.all()).isEmpty();
    }

    @Test
    void hostileBodiesAreRefusedWithoutAServerError() throws IOException {
        ObjectNode huge = body(Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant()));
        ((ObjectNode) huge.get("heartbeats").get(0)).put("version", "9".repeat(2_000_000));
        try (Response r = post("kiosk-1-token", BRANCH, huge)) {
            assertThat(r.code()).isEqualTo(413);
        }
        ObjectNode negative = body(Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant()));
        ((ObjectNode) negative.get("heartbeats").get(0)).put("outbox_depth", -3);
        try (Response r = post("kiosk-1-token", BRANCH, negative)) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("outbox_depth");
        }
        try (Response r = post("kiosk-1-token", BRANCH, mapper.createObjectNode().put("heartbeats", "lots"))) {
            assertThat(r.code()).isEqualTo(400);
        }
        ObjectNode many = mapper.createObjectNode();
        for (int i = 0; i <= HeartbeatHttpHandler.MAX_PER_REQUEST; i++) {
            many.withArray("heartbeats").add(HeartbeatJson.toJson(mapper, Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant())));
        }
        try (Response r = post("hub-token", BRANCH, many)) {
            assertThat(r.code()).isEqualTo(400);
        }
        try (Response r = post("kiosk-1-token", "hn-nowhere", body(Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant())))) {
            assertThat(r.code()).isEqualTo(404);
        }
        assertThat(kept.all()).isEmpty();
    }

    @Test
    void aHubRelaysItsKiosksHeartbeatsDatedByTheirAgeNotByAnyDevicesClock() {
        LatestHeartbeats atHub = new LatestHeartbeats(8);
        Heartbeat kiosk = Heartbeats.kiosk("kiosk-1", BRANCH, clock.instant().minusSeconds(3600 * 24 * 400));
        atHub.record(List.of(SeenHeartbeat.received(kiosk, clock.instant(), Duration.ZERO, "kiosk-1")));
        var kioskSeenAt = clock.instant();
        clock.advance(Duration.ofSeconds(25));
        Heartbeat hub = Heartbeats.display("display-1", BRANCH, clock.instant());
        HeartbeatUplink relay = new HeartbeatUplink(client, url, BRANCH, "hub-token", mapper, clock, () -> hub, atHub);
        assertThat(relay.beat()).isTrue();
        assertThat(kept.all()).extracting(s -> s.heartbeat().deviceId()).containsExactly("display-1", "kiosk-1");
        SeenHeartbeat relayed = kept.all().stream().filter(s -> s.heartbeat().deviceId().equals("kiosk-1")).findFirst()
                .orElseThrow();
        assertThat(relayed.seenAt()).isEqualTo(kioskSeenAt);
        assertThat(relayed.via()).isEqualTo("display-1");
        assertThat(HealthAlert.of(relayed, clock.instant())).containsExactly(HealthAlert.CLOCK_UNTRUSTED);
    }

    @Test
    void metricsServeTheHeartbeatGaugesInTheTextFormatToTheLocalNetworkOnly() throws IOException {
        kept.record(List.of(SeenHeartbeat.received(Heartbeats.withPrinter(Heartbeats.kiosk("kiosk-1", BRANCH,
                clock.instant()), Heartbeat.Printer.PAPER_OUT), clock.instant(), Duration.ZERO, "kiosk-1")));
        clock.advance(Duration.ofSeconds(150));
        try (Response r = client.newCall(new Request.Builder().url(url + "/metrics").build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            String text = r.body().string();
            assertThat(text).contains("# TYPE luot_device_printer_status gauge",
                    "luot_device_printer_status{branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\",status=\"paper_out\"} 1.0",
                    "luot_device_printer_status{branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\",status=\"ready\"} 0.0",
                    "luot_device_last_seen_age_seconds{branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\"} 150.0",
                    "luot_device_disk_used_ratio{branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\"} 0.25",
                    "luot_device_clock_trusted{branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\"} 1.0",
                    "luot_device_alert{alert=\"offline\",branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\"} 1.0",
                    "luot_device_alert{alert=\"paper_out\",branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\"} 1.0");
        }
        try (Response r = client.newCall(new Request.Builder().url(url + "/metrics")
                .header("X-Forwarded-For", "203.0.113.9").build()).execute()) {
            assertThat(r.code()).as("a request a proxy forwarded is not local").isEqualTo(403);
        }
    }

    @Test
    void withAScrapeTokenMetricsNeedIt() throws IOException {
        server.close();
        server = server(MetricsAccess.token(DeviceTokens.digest("scrape-secret")));
        url = "http://127.0.0.1:" + server.port();
        try (Response r = client.newCall(new Request.Builder().url(url + "/metrics").build()).execute()) {
            assertThat(r.code()).isEqualTo(403);
        }
        try (Response r = client.newCall(new Request.Builder().url(url + "/metrics")
                .header("Authorization", "Bearer scrape-secret").build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    private ObjectNode body(Heartbeat... heartbeats) {
        ObjectNode body = mapper.createObjectNode();
        for (Heartbeat h : heartbeats) {
            body.withArray("heartbeats").add(HeartbeatJson.toJson(mapper, h));
        }
        return body;
    }

    private Response post(String token, String branch, ObjectNode body) throws IOException {
        return client.newCall(new Request.Builder().url(url + "/v1/branches/" + branch + "/heartbeats")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON)).build()).execute();
    }
}
