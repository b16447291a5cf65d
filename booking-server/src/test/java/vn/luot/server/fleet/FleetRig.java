package vn.luot.server.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.HeartbeatUplink;
import vn.luot.core.health.Heartbeats;
import vn.luot.core.health.LatestHeartbeats;
import vn.luot.core.health.SeenHeartbeat;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.testing.MutableClock;
import vn.luot.server.BookingServer;
import vn.luot.server.ServerConfig;
import vn.luot.server.operator.Operators;

/**
 * A central server on loopback with one operator and a hub that has reported its branch: itself (a board not
 * answering), kiosk-1 (paper out), kiosk-2 (last heard five minutes ago) and kiosk-3 (well), relayed as a hub does.
 */
final class FleetRig implements AutoCloseable {

    static final String OPERATOR = "operator-lan-token";
    static final String HUB_TOKEN = "hub-token";
    static final String KIOSK_TOKEN = "kiosk-1-token";

    final MutableClock clock = MutableClock.at("2026-11-23T08:40:00");
    final OkHttpClient http = new OkHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final BookingServer server;

    FleetRig(Path dir) {
        server = BookingServer.builder().config(ServerConfig.demo()).database(dir.resolve("server.db")).clock(clock)
                .codes(new PlainCodes())
                .bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO)
                .extraTokens(DeviceTokens.none()
                        .withToken(HUB_TOKEN, new DeviceIdentity("display-1", DemoBranch.ID, DeviceIdentity.Role.HUB))
                        .withToken(KIOSK_TOKEN, new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK)))
                .extraOperators(Operators.none().withToken("lan.nguyen", OPERATOR))
                .build().start();
    }

    /** The hub's report: what its kiosks sent it, relayed with its own heartbeat. */
    void hubReports() {
        LatestHeartbeats atHub = new LatestHeartbeats(16);
        atHub.record(List.of(
                SeenHeartbeat.received(Heartbeats.kiosk("kiosk-2", DemoBranch.ID, clock.instant().minusSeconds(300)),
                        clock.instant().minusSeconds(300), Duration.ZERO, "kiosk-2"),
                SeenHeartbeat.received(Heartbeats.withPrinter(Heartbeats.kiosk("kiosk-1", DemoBranch.ID,
                        clock.instant()), Heartbeat.Printer.PAPER_OUT), clock.instant(), Duration.ZERO, "kiosk-1"),
                SeenHeartbeat.received(Heartbeats.kiosk("kiosk-3", DemoBranch.ID, clock.instant()), clock.instant(),
                        Duration.ZERO, "kiosk-3")));
        Heartbeat hub = Heartbeats.withBoards(Heartbeats.display("display-1", DemoBranch.ID, clock.instant()),
                List.of(new Heartbeat.Board(1, Heartbeat.BoardState.ONLINE),
                        new Heartbeat.Board(3, Heartbeat.BoardState.NOT_ANSWERING)));
        if (!new HeartbeatUplink(http, server.url(), DemoBranch.ID, HUB_TOKEN, json, clock, () -> hub, atHub).beat()) {
            throw new IllegalStateException("the centre refused the hub's heartbeats");
        }
    }

    String url(String path) {
        return server.url() + path;
    }

    @Override
    public void close() {
        server.close();
    }

    private static final class PlainCodes implements vn.luot.server.booking.BookingApi.BookingCodes {
        @Override
        public String qrFor(vn.luot.core.domain.Booking booking) {
            return "TEST:" + booking.id();
        }

        @Override
        public String keysJson() {
            return "{\"keys\":[]}";
        }
    }
}
