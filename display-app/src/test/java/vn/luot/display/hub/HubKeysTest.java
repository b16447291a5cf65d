package vn.luot.display.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.server.BookingServer;
import vn.luot.server.ServerConfig;
import vn.luot.server.SignedCodes;

/** The hub hands its kiosks the booking-code keys it pulled from the central server, and still does with the WAN down. */
class HubKeysTest {

    private static final String HUB_TOKEN = "hub-secret";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = MutableClock.at("2026-11-23T08:00");

    private static final java.security.KeyPair ROOT = SigningKeys.generate();

    @Test
    void kiosksGetTheServersKeysFromTheHubEvenAfterTheWanGoesDown() throws Exception {
        String serverKeys;
        try (LocalQueue queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub")
                .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(700, 899)).open()) {
            try (BookingServer server = BookingServer.builder().config(ServerConfig.demo())
                    .database(dir.resolve("server.db")).clock(clock)
                    .codes(new SignedCodes(3, SigningKeys.generate(), KeySet.empty(), ROOT))
                    .bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO)
                    .extraTokens(DeviceTokens.none().withToken(HUB_TOKEN,
                            new DeviceIdentity("hub", DemoBranch.ID, DeviceIdentity.Role.HUB)))
                    .build().start();
                 BranchHub hub = hub(queue, server.url())) {
                serverKeys = get(server.url() + "/v1/keys").body();
                assertThat(KeySet.fromJson(serverKeys).keyIds()).contains(3);
                assertThat(await(hub.url() + "/v1/keys")).isEqualTo(serverKeys);
            }
            // The WAN is down and the hub restarts: its kiosks still get the keys, from the hub's cache.
            try (BranchHub again = hub(queue, "http://127.0.0.1:9")) {
                assertThat(await(again.url() + "/v1/keys")).isEqualTo(serverKeys);
            }
        }
    }

    @Test
    void kiosksGetTheCitysBranchListWithAddressesFromTheHubEvenAfterTheWanGoesDown() throws Exception {
        String listed;
        try (LocalQueue queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub")
                .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(700, 899)).open()) {
            try (BookingServer server = BookingServer.builder().config(ServerConfig.demo())
                    .database(dir.resolve("server.db")).clock(clock)
                    .codes(new SignedCodes(3, SigningKeys.generate(), KeySet.empty(), ROOT))
                    .bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO).build().start();
                 BranchHub hub = hub(queue, server.url())) {
                listed = await(hub.url() + "/v1/branches");
                assertThat(listed).isEqualTo(get(server.url() + "/v1/branches").body());
                assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(listed).get("branches").get(0)
                        .get("address").asText()).isEqualTo(DemoBranch.ADDRESS);
            }
            try (BranchHub again = hub(queue, "http://127.0.0.1:9")) {
                assertThat(await(again.url() + "/v1/branches")).isEqualTo(listed);
            }
        }
    }

    @Test
    void aHubThatNeverReachedItsUpstreamSaysSoRatherThanServingNoKeys() throws Exception {
        try (LocalQueue queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub")
                .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(700, 899)).open();
             BranchHub hub = hub(queue, "http://127.0.0.1:9")) {
            assertThat(get(hub.url() + "/v1/keys").statusCode()).isEqualTo(503);
            assertThat(get(hub.url() + "/v1/branches").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aHubPinnedToTheCentresRootServesNoKeySetSignedByAnotherRoot() throws Exception {
        java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(1);
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(
                vn.luot.core.token.VerificationKeys.class.getName());
        java.util.logging.Handler listener = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getMessage().contains("REFUSED")) {
                    refused.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(listener);
        try (LocalQueue queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub")
                .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(700, 899)).open();
             BookingServer impostor = BookingServer.builder().config(ServerConfig.demo())
                     .database(dir.resolve("impostor.db")).clock(clock)
                     .codes(new SignedCodes(3, SigningKeys.generate(), KeySet.empty(), SigningKeys.generate()))
                     .bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO).build().start();
             BranchHub hub = hub(queue, impostor.url())) {
            assertThat(KeySet.fromJson(get(impostor.url() + "/v1/keys").body()).keyIds()).contains(3);
            assertThat(refused.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("a REFUSED log line").isTrue();
            assertThat(get(hub.url() + "/v1/keys").statusCode()).as("no keys rather than the impostor's").isEqualTo(503);
        } finally {
            log.removeHandler(listener);
        }
    }

    private BranchHub hub(LocalQueue queue, String upstream) {
        try {
            return BranchHub.builder(queue, clock).bind("127.0.0.1", 0)
                    .upstream(upstream, HUB_TOKEN, Duration.ofSeconds(3), null)
                    .keysCache(dir.resolve("keys.json")).keySetRoot(ROOT.getPublic()).build().start();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String await(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> r = get(url);
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
            r = get(url);
        }
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
