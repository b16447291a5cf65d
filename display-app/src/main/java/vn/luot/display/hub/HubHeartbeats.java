package vn.luot.display.hub;

import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.HeartbeatHttpHandler;
import vn.luot.core.health.HeartbeatUplink;
import vn.luot.core.health.LatestHeartbeats;
import vn.luot.core.health.SeenHeartbeat;
import vn.luot.core.metrics.HeartbeatMetrics;
import vn.luot.core.metrics.MetricsAccess;
import vn.luot.core.metrics.MetricsHttpHandler;
import vn.luot.core.sync.DeviceRegistry;
import vn.luot.core.sync.JsonHttp;

/**
 * The branch's device health at the hub: its kiosks' latest heartbeats (received on the hub's port), the hub's own,
 * {@code /metrics} over both, and the report that relays them to the centre. Dated by the branch's clock (the one
 * the hub answers with). Safe for concurrent use.
 */
final class HubHeartbeats {

    private final LatestHeartbeats received = new LatestHeartbeats(256);
    private final Supplier<Heartbeat> own;
    private final Clock branchClock;

    /** @param own the hub's own heartbeat, or null when not wired (tests of other parts) */
    HubHeartbeats(Supplier<Heartbeat> own, Clock branchClock) {
        this.own = own;
        this.branchClock = branchClock;
    }

    HttpHandler receiver(DeviceRegistry devices, String branchId, JsonHttp json) {
        return new HeartbeatHttpHandler(devices, Set.of(branchId), received, json, branchClock);
    }

    HttpHandler metrics(MetricsAccess access) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new HeartbeatMetrics(this::all, branchClock));
        return new MetricsHttpHandler(registry, access);
    }

    /** The report to the centre, or null when the hub has no heartbeat of its own. */
    HeartbeatUplink uplink(OkHttpClient client, String url, String branchId, String token, JsonHttp json) {
        return own == null ? null
                : new HeartbeatUplink(client, url, branchId, token, json.mapper(), branchClock, own, received);
    }

    /** The hub's own heartbeat (made now) and each other device's latest. */
    List<SeenHeartbeat> all() {
        List<SeenHeartbeat> out = new ArrayList<>();
        String self = null;
        if (own != null) {
            Heartbeat h = own.get();
            self = h.branchId() + "/" + h.deviceId();
            out.add(SeenHeartbeat.received(h, branchClock.instant(), Duration.ZERO, h.deviceId()));
        }
        for (SeenHeartbeat s : received.all()) {
            if (!s.key().equals(self)) {
                out.add(s);
            }
        }
        return out;
    }
}
