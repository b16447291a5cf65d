package vn.luot.core.devices;

import java.time.Instant;
import vn.luot.core.sync.DeviceIdentity;

/**
 * One token of a device, as the supervisor and the operator list them: never the token, only the first
 * 8 hex digits of its digest, to tell two tokens of one device apart.
 *
 * @param source     {@code config} for a token written in the config file ("pre-enrolled"), else {@code enrolled}
 * @param validUntil the end of a rotation's grace period, or null
 * @param revoked    when it was revoked, or null
 */
public record DeviceRecord(DeviceIdentity device, String fingerprint, String source, Instant issued,
                           Instant validUntil, Instant revoked, String revokedBy) {

    public enum State { ACTIVE, GRACE, EXPIRED, REVOKED }

    public State state(Instant now) {
        if (revoked != null) {
            return State.REVOKED;
        }
        if (validUntil != null) {
            return now.isBefore(validUntil) ? State.GRACE : State.EXPIRED;
        }
        return State.ACTIVE;
    }
}
