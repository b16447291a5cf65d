package vn.luot.core.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import vn.luot.core.health.HealthAlert;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.SeenHeartbeat;
import vn.luot.core.sync.ClockTrust;

/**
 * Gauges made from heartbeats at scrape time, labelled {@code branch}, {@code device}, {@code kind}: a device's own
 * (one), a hub's (itself and its kiosks) or the centre's (the city). The alert rules in
 * {@code deploy/prometheus/luot-alerts.yml} are written against these names; {@code luot_device_alert} carries
 * {@link HealthAlert}'s own judgement, so a dashboard shows exactly what the fleet page shows.
 */
public final class HeartbeatMetrics implements MultiCollector {

    private final Supplier<List<SeenHeartbeat>> heartbeats;
    private final Clock clock;

    public HeartbeatMetrics(Supplier<List<SeenHeartbeat>> heartbeats, Clock clock) {
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        Instant now = clock.instant();
        Map<String, Family> f = new LinkedHashMap<>();
        for (SeenHeartbeat s : heartbeats.get()) {
            Heartbeat h = s.heartbeat();
            Labels l = Labels.of("branch", h.branchId(), "device", h.deviceId(), "kind", h.kind().name().toLowerCase(Locale.ROOT));
            put(f, "luot_device_version", "The program version a device runs (always 1)", l.add("version", h.version()), 1);
            put(f, "luot_device_last_seen_age_seconds", "Seconds since the device's last heartbeat", l,
                    Math.max(0, Duration.between(s.seenAt(), now).toMillis() / 1000.0));
            put(f, "luot_device_uptime_seconds", "Seconds since the device's program started", l, h.uptime().toSeconds());
            put(f, "luot_device_clock_trusted", "1 when the device's clock agrees with its upstream", l,
                    h.clock().state() == ClockTrust.State.TRUSTED ? 1 : 0);
            put(f, "luot_device_clock_offset_seconds", "This receiver's clock minus the device's", l,
                    s.observedOffset().toMillis() / 1000.0);
            if (h.disk() != null) {
                put(f, "luot_device_disk_used_ratio", "Used share of the data folder's file system", l, h.disk().usedRatio());
            }
            if (h.sdWearPercent() != null) {
                put(f, "luot_device_sd_wear_ratio", "Used life of the storage card, where it says", l, h.sdWearPercent() / 100.0);
            }
            if (h.cpuCelsius() != null) {
                put(f, "luot_device_cpu_temperature_celsius", "The SoC's temperature", l, h.cpuCelsius());
            }
            if (h.printer() != null) {
                for (Heartbeat.Printer p : Heartbeat.Printer.values()) {
                    put(f, "luot_device_printer_status", "1 for the printer's current status", l.add("status",
                            p.name().toLowerCase(Locale.ROOT)), p == h.printer() ? 1 : 0);
                }
            }
            for (Heartbeat.Board b : h.boards()) {
                if (b.state() != Heartbeat.BoardState.UNKNOWN) {
                    put(f, "luot_device_board_answering", "1 when the counter's LED board answers", l.add("counter",
                            Integer.toString(b.counter())), b.state() == Heartbeat.BoardState.ONLINE ? 1 : 0);
                }
            }
            if (h.voice() != null) {
                put(f, "luot_device_voice_ready", "1 when the announcements' audio output works", l,
                        h.voice() == Heartbeat.Voice.READY ? 1 : 0);
            }
            put(f, "luot_device_outbox_depth", "Events waiting to be acknowledged upstream", l, h.outboxDepth());
            if (h.lastSync() != null) {
                put(f, "luot_device_last_sync_age_seconds", "Seconds since the upstream last answered (device's clock)", l,
                        Math.max(0, Duration.between(h.lastSync(), h.sentAt()).toSeconds()));
            }
            List<HealthAlert> alerts = HealthAlert.of(s, now);
            for (HealthAlert a : HealthAlert.values()) {
                put(f, "luot_device_alert", "1 while the alert holds (the fleet page's judgement)", l.add("alert",
                        a.name().toLowerCase(Locale.ROOT)), alerts.contains(a) ? 1 : 0);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        f.values().forEach(family -> out.add(family.builder.build()));
        return new MetricSnapshots(out);
    }

    private static void put(Map<String, Family> families, String name, String help, Labels labels, double value) {
        families.computeIfAbsent(name, n -> new Family(GaugeSnapshot.builder().name(n).help(help))).builder
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }

    private record Family(GaugeSnapshot.Builder builder) {
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("luot_device_version", "luot_device_last_seen_age_seconds", "luot_device_uptime_seconds",
                "luot_device_clock_trusted", "luot_device_clock_offset_seconds", "luot_device_disk_used_ratio",
                "luot_device_sd_wear_ratio", "luot_device_cpu_temperature_celsius", "luot_device_printer_status",
                "luot_device_board_answering", "luot_device_voice_ready", "luot_device_outbox_depth",
                "luot_device_last_sync_age_seconds", "luot_device_alert");
    }
}
