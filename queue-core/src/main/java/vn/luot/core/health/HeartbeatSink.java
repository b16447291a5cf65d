package vn.luot.core.health;

import java.util.List;

/** Where a receiving side keeps the heartbeats it accepted. Implementations must be safe for concurrent use. */
public interface HeartbeatSink {

    /** Keeps each heartbeat as the device's latest unless a newer one is already kept. */
    void record(List<SeenHeartbeat> heartbeats);
}
