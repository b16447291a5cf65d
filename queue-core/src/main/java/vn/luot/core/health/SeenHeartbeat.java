package vn.luot.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A heartbeat as a receiving side (the hub, the centre) holds it: when it was made by the receiver's clock, never
 * the device's (a relayed heartbeat is dated by the relay's age of it, a duration, so no clock is adopted), who
 * delivered it, and how far the device's clock is from the receiver's.
 *
 * @param seenAt         when the device made it, on the receiver's clock
 * @param via            the device that delivered it: itself, or the hub that relayed it
 * @param observedOffset receiver's clock minus the device's at {@code seenAt} (a few seconds of transit included)
 */
public record SeenHeartbeat(Heartbeat heartbeat, Instant seenAt, String via, Duration observedOffset) {

    public SeenHeartbeat {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(seenAt, "seenAt");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(observedOffset, "observedOffset");
    }

    /** A heartbeat received now ({@code receivedAt}) that the sender had held for {@code age}. */
    public static SeenHeartbeat received(Heartbeat heartbeat, Instant receivedAt, Duration age, String via) {
        Instant seen = receivedAt.minus(age);
        return new SeenHeartbeat(heartbeat, seen, via, Duration.between(heartbeat.sentAt(), seen));
    }

    public String key() {
        return heartbeat.branchId() + "/" + heartbeat.deviceId();
    }
}
