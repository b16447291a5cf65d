package vn.luot.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.Heartbeats;
import vn.luot.core.health.SeenHeartbeat;

/** The centre's fleet file, on real SQLite: latest per device, a bounded history, repeats and old ones not kept. */
class FleetStoreTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final Instant t0 = Instant.parse("2026-11-23T01:40:00Z");

    private static SeenHeartbeat seen(Heartbeat h, Instant at, String via) {
        return SeenHeartbeat.received(h, at, Duration.ZERO, via);
    }

    @Test
    void keepsTheLatestOfEachDeviceAndABoundedHistoryAcrossARestart() {
        try (FleetStore store = FleetStore.open(dir.resolve("s.fleet.db"), json)) {
            for (int i = 0; i < FleetStore.HISTORY_PER_DEVICE + 10; i++) {
                Instant at = t0.plusSeconds(30L * i);
                store.record(List.of(seen(Heartbeats.kiosk("kiosk-1", "hn-hoankiem", at), at, "hub")));
            }
            store.record(List.of(seen(Heartbeats.display("hub", "hn-hoankiem", t0), t0, "hub")));
        }
        try (FleetStore store = FleetStore.open(dir.resolve("s.fleet.db"), json)) {
            assertThat(store.latest()).extracting(s -> s.heartbeat().deviceId()).containsExactly("hub", "kiosk-1");
            List<SeenHeartbeat> history = store.history("hn-hoankiem", "kiosk-1");
            assertThat(history).hasSize(FleetStore.HISTORY_PER_DEVICE);
            assertThat(history.get(0).seenAt()).isEqualTo(t0.plusSeconds(30L * (FleetStore.HISTORY_PER_DEVICE + 9)));
            assertThat(store.latest().get(1).seenAt()).isEqualTo(history.get(0).seenAt());
        }
    }

    @Test
    void aRepeatedOrOlderHeartbeatIsNotKeptAgain() {
        try (FleetStore store = FleetStore.open(dir.resolve("s.fleet.db"), json)) {
            Heartbeat h = Heartbeats.kiosk("kiosk-1", "hn-hoankiem", t0);
            store.record(List.of(seen(h, t0, "kiosk-1")));
            store.record(List.of(seen(h, t0.plusMillis(300), "hub")));
            store.record(List.of(seen(Heartbeats.kiosk("kiosk-1", "hn-hoankiem", t0.minusSeconds(60)),
                    t0.minusSeconds(60), "hub")));
            assertThat(store.history("hn-hoankiem", "kiosk-1")).hasSize(1);
            assertThat(store.latest()).singleElement().satisfies(s -> assertThat(s.via()).isEqualTo("kiosk-1"));
        }
    }

    @Test
    void aBranchCannotReportMoreDevicesThanTheBound() {
        try (FleetStore store = FleetStore.open(dir.resolve("s.fleet.db"), json)) {
            for (int i = 0; i < FleetStore.MAX_DEVICES_PER_BRANCH + 5; i++) {
                store.record(List.of(seen(Heartbeats.kiosk("k-" + i, "hn-hoankiem", t0), t0, "hub")));
            }
            store.record(List.of(seen(Heartbeats.kiosk("kiosk-1", "hn-caugiay", t0), t0, "cg-hub")));
            assertThat(store.latest()).hasSize(FleetStore.MAX_DEVICES_PER_BRANCH + 1);
        }
    }
}
