package vn.luot.core.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The latest heartbeat of each device, in memory: what the hub holds of its kiosks (for the supervisor and to
 * relay upstream). Bounded to {@code maxDevices} device ids, so a stolen token cannot grow it without end; a
 * restart forgets, and the next heartbeats (every half minute) fill it again. Safe for concurrent use.
 */
public final class LatestHeartbeats implements HeartbeatSink {

    private static final Logger LOG = Logger.getLogger(LatestHeartbeats.class.getName());

    private final int maxDevices;
    private final Map<String, SeenHeartbeat> latest = new LinkedHashMap<>();

    public LatestHeartbeats(int maxDevices) {
        this.maxDevices = maxDevices;
    }

    @Override
    public synchronized void record(List<SeenHeartbeat> heartbeats) {
        for (SeenHeartbeat s : heartbeats) {
            SeenHeartbeat before = latest.get(s.key());
            if (before == null && latest.size() >= maxDevices) {
                LOG.warning(() -> "more than " + maxDevices + " devices report heartbeats; ignored " + s.key());
                continue;
            }
            if (before == null || !s.seenAt().isBefore(before.seenAt())) {
                latest.put(s.key(), s);
            }
        }
    }

    /** Every device's latest, by branch and device id. */
    public synchronized List<SeenHeartbeat> all() {
        List<SeenHeartbeat> out = new ArrayList<>();
        out.addAll(latest.values());
        out.sort(Comparator.comparing(SeenHeartbeat::key));
        return out;
    }

    /** The heartbeats made after {@code since} (on this side's clock), for the next relay. */
    public synchronized List<SeenHeartbeat> madeAfter(Instant since) {
        List<SeenHeartbeat> out = new ArrayList<>();
        for (SeenHeartbeat s : latest.values()) {
            if (since == null || s.seenAt().isAfter(since)) {
                out.add(s);
            }
        }
        return out;
    }
}
