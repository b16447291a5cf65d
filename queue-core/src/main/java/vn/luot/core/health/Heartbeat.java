package vn.luot.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.luot.core.sync.ClockTrust;

/**
 * How one device is doing, as it says itself: the one device-health model behind the supervisor's view of a branch
 * and the city's fleet page. A heartbeat is state, not history: each replaces the last, so it travels on its own
 * small endpoint ({@link HeartbeatHttpHandler}) instead of the queue's event log, which every device keeps for
 * good. Values a device cannot read are null (a kiosk has no LED boards; most SD cards report no wear).
 *
 * @param sentAt        the device's own clock when it made this (may be years off: see {@code clock})
 * @param disk          the data folder's file system, or null when unreadable
 * @param sdWearPercent the card's used life (eMMC {@code life_time}, 10 % steps), or null: most SD cards hide it
 * @param printer       null on a device without a printer
 * @param boards        the LED boards over the counters, empty on a device without
 * @param voice         null on a device without announcements
 * @param lastSync      the last round the upstream answered, or null for never since start
 */
public record Heartbeat(String deviceId, String branchId, Kind kind, String version, Instant sentAt, Duration uptime,
                        Clock clock, Disk disk, Integer sdWearPercent, Double cpuCelsius, Printer printer,
                        List<Board> boards, Voice voice, int outboxDepth, Instant lastSync) {

    /** What the device is: a check-in kiosk, or the display device (the branch hub runs on it). */
    public enum Kind { KIOSK, DISPLAY }

    /** The ticket printer as citizens meet it (the six states the supervisor and the operator act on). */
    public enum Printer { READY, PAPER_LOW, PAPER_OUT, COVER_OPEN, OFFLINE, UNSUPPORTED }

    public enum BoardState {
        ONLINE,
        NOT_ANSWERING,
        /** Not yet heard from since the bus opened (a start, not a fault). */
        UNKNOWN
    }

    /** The announcements' audio output. */
    public enum Voice { READY, FAILING }

    /** Clock trust as {@link ClockTrust} judged it against the upstream's answers; offset = upstream minus device. */
    public record Clock(ClockTrust.State state, Long offsetMillis) {
        public Clock {
            Objects.requireNonNull(state, "state");
        }
    }

    public record Disk(long usedBytes, long totalBytes) {
        public double usedRatio() {
            return totalBytes <= 0 ? 0 : (double) usedBytes / totalBytes;
        }
    }

    public record Board(int counter, BoardState state) {
        public Board {
            Objects.requireNonNull(state, "state");
        }
    }

    public Heartbeat {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(clock, "clock");
        boards = List.copyOf(boards);
    }
}
