package vn.luot.display.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.HeartbeatUplink;
import vn.luot.core.health.Heartbeats;
import vn.luot.core.health.SeenHeartbeat;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.testing.MutableClock;
import vn.luot.server.BookingServer;
import vn.luot.server.ServerConfig;

/**
 * Issue 20 §4 through a real branch: a kiosk reports its heartbeat to the hub, the hub relays it with its own to a
 * real central server, and the hub's {@code /metrics} shows both. Real HTTP on loopback, real SQLite files.
 */
class HubHeartbeatsTest {

    private static final String KIOSK_TOKEN = "kiosk-1-secret";
    private static final String HUB_TOKEN = "hub-secret";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private BookingServer centre;
    private LocalQueue hubQueue;
    private BranchHub hub;

    @AfterEach
    void close() {
        if (hub != null) {
            hub.close();
        }
        if (hubQueue != null) {
            hubQueue.close();
        }
        if (centre != null) {
            centre.close();
        }
    }

    @Test
    void aKiosksHeartbeatReachesTheCentreThroughTheHubAndTheHubsMetrics() throws Exception {
        centre = BookingServer.builder().config(ServerConfig.demo()).database(dir.resolve("server.db")).clock(clock)
                .codes(new vn.luot.server.booking.BookingApi.BookingCodes() {
                    @Override
                    public String qrFor(vn.luot.core.domain.Booking booking) {
                        return "TEST:" + booking.id();
                    }

                    @Override
                    public String keysJson() {
                        return "{\"keys\":[]}";
                    }
                })
                .bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO)
                .extraTokens(DeviceTokens.none().withToken(HUB_TOKEN,
                        new DeviceIdentity("display-1", DemoBranch.ID, DeviceIdentity.Role.HUB)))
                .build().start();
        hubQueue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("display-1").branch(DemoBranch.create())
                .clock(clock).open();
        Heartbeat own = Heartbeats.withBoards(Heartbeats.display("display-1", DemoBranch.ID, clock.instant()),
                List.of(new Heartbeat.Board(4, Heartbeat.BoardState.NOT_ANSWERING)));
        hub = BranchHub.builder(hubQueue, clock).bind("127.0.0.1", 0)
                .kioskTokens(DeviceTokens.none().withToken(KIOSK_TOKEN,
                        new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK)))
                .heartbeat(() -> own, Duration.ofMillis(200))
                .upstream(centre.url(), HUB_TOKEN, Duration.ofSeconds(3), null)
                .build().start();

        Heartbeat kiosk = Heartbeats.withPrinter(Heartbeats.kiosk("kiosk-1", DemoBranch.ID, clock.instant()),
                Heartbeat.Printer.PAPER_OUT);
        assertThat(new HeartbeatUplink(http, hub.url(), DemoBranch.ID, KIOSK_TOKEN, json, clock, () -> kiosk, null)
                .beat()).isTrue();
        assertThat(new HeartbeatUplink(http, hub.url(), DemoBranch.ID, KIOSK_TOKEN, json, clock,
                () -> Heartbeats.kiosk("kiosk-2", DemoBranch.ID, clock.instant()), null).beat())
                .as("a kiosk's token cannot report another kiosk").isFalse();

        assertThat(hub.heartbeats()).extracting(s -> s.heartbeat().deviceId()).containsExactly("display-1", "kiosk-1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(centre.fleet().latest())
                .extracting(s -> s.heartbeat().deviceId() + " via " + s.via())
                .containsExactly("display-1 via display-1", "kiosk-1 via display-1"));
        SeenHeartbeat relayed = centre.fleet().latest().get(1);
        assertThat(relayed.heartbeat()).isEqualTo(kiosk);

        try (Response r = http.newCall(new Request.Builder().url(hub.url() + "/metrics").build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).contains(
                    "luot_device_printer_status{branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\",status=\"paper_out\"} 1.0",
                    "luot_device_board_answering{branch=\"hn-hoankiem\",counter=\"4\",device=\"display-1\",kind=\"display\"} 0.0");
        }
    }
}
