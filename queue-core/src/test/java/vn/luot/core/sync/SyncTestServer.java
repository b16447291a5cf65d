package vn.luot.core.sync;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.http.EdgeServer;
import vn.luot.core.store.LocalQueue;

/** A branch's sync endpoints on loopback, over a real queue file: the same handler central and hub mount. */
final class SyncTestServer implements AutoCloseable {

    static final String KIOSK_TOKEN = "kiosk-1-secret-token";
    static final String KIOSK2_TOKEN = "kiosk-2-secret-token";
    static final String HUB_TOKEN = "hub-secret-token";
    /** A kiosk with a block wide enough for a whole offline day of walk-ins (15,000 events). */
    static final String BUSY_KIOSK_TOKEN = "kiosk-9-secret-token";
    static final String OTHER_BRANCH_TOKEN = "caugiay-kiosk-token";

    static final DeviceTokens TOKENS = DeviceTokens.none()
            .withToken(KIOSK_TOKEN, new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK,
                    new vn.luot.core.store.NumberBlock(500, 699)))
            .withToken(KIOSK2_TOKEN, new DeviceIdentity("kiosk-2", DemoBranch.ID, DeviceIdentity.Role.KIOSK,
                    new vn.luot.core.store.NumberBlock(700, 899)))
            .withToken(BUSY_KIOSK_TOKEN, new DeviceIdentity("kiosk-9", DemoBranch.ID, DeviceIdentity.Role.KIOSK,
                    new vn.luot.core.store.NumberBlock(1000, 9999)))
            .withToken(HUB_TOKEN, new DeviceIdentity("hub", DemoBranch.ID, DeviceIdentity.Role.HUB))
            .withToken(OTHER_BRANCH_TOKEN, new DeviceIdentity("cg-kiosk", "hn-caugiay", DeviceIdentity.Role.KIOSK));

    final LocalQueue queue;
    final SyncServer sync;
    private final EdgeServer http;

    SyncTestServer(Path file, String deviceId, Clock clock) throws IOException {
        this(file, deviceId, clock, 0);
    }

    SyncTestServer(Path file, String deviceId, Clock clock, int port) throws IOException {
        this(file, deviceId, clock, port, false);
    }

    /** @param requireKnownHistory a hub below the centre: with a new file it issues nothing until told its history */
    SyncTestServer(Path file, String deviceId, Clock clock, int port, boolean requireKnownHistory) throws IOException {
        queue = LocalQueue.builder().file(file).deviceId(deviceId).branch(DemoBranch.create()).clock(clock)
                .requireKnownHistory(requireKnownHistory).open();
        sync = new SyncServer(queue, clock, TOKENS);
        http = EdgeServer.bind("sync-test", new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null,
                new EdgeServer.Limits(16, 8, java.time.Duration.ofSeconds(10), 256), clock,
                new SyncHttpHandler(Map.of(DemoBranch.ID, sync), TOKENS, new JsonHttp(queue.store().codec().mapper())))
                .start();
    }

    int port() {
        return http.port();
    }

    String url() {
        return "http://127.0.0.1:" + http.port();
    }

    @Override
    public void close() {
        http.close();
        queue.close();
    }
}
