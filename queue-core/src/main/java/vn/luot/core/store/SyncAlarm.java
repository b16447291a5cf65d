package vn.luot.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a receiving side refused or found contradictory at the sync boundary, recorded in the log's
 * file so the supervisor can see it and it survives a restart. Carries no personal data: device ids,
 * sequence numbers, event types and a reason.
 *
 * @param code   a stable machine code (ROLE, UNKNOWN_COUNTER, CLOCK_AHEAD, SEQ_REUSED, ...)
 * @param pusher the authenticated device that sent it (or "upstream" for a pulled event)
 */
public record SyncAlarm(Instant at, Kind kind, String code, String pusher, String device, Long seq, String type,
                        String reason) {

    public enum Kind {
        /** An event refused at the boundary: not stored, not applied, not relayed. */
        REJECTED,
        /** The same (device, seq) arrived with different content: the sender's history is not what it thinks. */
        SEQ_CONFLICT
    }

    public SyncAlarm {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(pusher, "pusher");
        Objects.requireNonNull(reason, "reason");
    }
}
