package vn.luot.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.luot.core.sync.ClockTrust;

/** Heartbeats for tests: a healthy kiosk and display, and variations of them. */
public final class Heartbeats {

    private Heartbeats() {
    }

    public static Heartbeat kiosk(String device, String branch, Instant sentAt) {
        return new Heartbeat(device, branch, Heartbeat.Kind.KIOSK, "0.1.0", sentAt, Duration.ofHours(3),
                new Heartbeat.Clock(ClockTrust.State.TRUSTED, 120L), new Heartbeat.Disk(4L << 30, 16L << 30), null,
                52.5, Heartbeat.Printer.READY, List.of(), null, 0, sentAt.minusSeconds(2));
    }

    public static Heartbeat display(String device, String branch, Instant sentAt) {
        return new Heartbeat(device, branch, Heartbeat.Kind.DISPLAY, "0.1.0", sentAt, Duration.ofHours(5),
                new Heartbeat.Clock(ClockTrust.State.TRUSTED, -40L), new Heartbeat.Disk(5L << 30, 32L << 30), 20,
                61.0, null, List.of(new Heartbeat.Board(1, Heartbeat.BoardState.ONLINE),
                new Heartbeat.Board(2, Heartbeat.BoardState.ONLINE)), Heartbeat.Voice.READY, 3, sentAt.minusSeconds(1));
    }

    public static Heartbeat withPrinter(Heartbeat h, Heartbeat.Printer printer) {
        return new Heartbeat(h.deviceId(), h.branchId(), h.kind(), h.version(), h.sentAt(), h.uptime(), h.clock(),
                h.disk(), h.sdWearPercent(), h.cpuCelsius(), printer, h.boards(), h.voice(), h.outboxDepth(), h.lastSync());
    }

    public static Heartbeat withBoards(Heartbeat h, List<Heartbeat.Board> boards) {
        return new Heartbeat(h.deviceId(), h.branchId(), h.kind(), h.version(), h.sentAt(), h.uptime(), h.clock(),
                h.disk(), h.sdWearPercent(), h.cpuCelsius(), h.printer(), boards, h.voice(), h.outboxDepth(), h.lastSync());
    }

    public static Heartbeat withClock(Heartbeat h, ClockTrust.State state) {
        return new Heartbeat(h.deviceId(), h.branchId(), h.kind(), h.version(), h.sentAt(), h.uptime(),
                new Heartbeat.Clock(state, null), h.disk(), h.sdWearPercent(), h.cpuCelsius(), h.printer(), h.boards(),
                h.voice(), h.outboxDepth(), h.lastSync());
    }

    public static Heartbeat withDisk(Heartbeat h, long used, long total) {
        return new Heartbeat(h.deviceId(), h.branchId(), h.kind(), h.version(), h.sentAt(), h.uptime(), h.clock(),
                new Heartbeat.Disk(used, total), h.sdWearPercent(), h.cpuCelsius(), h.printer(), h.boards(), h.voice(),
                h.outboxDepth(), h.lastSync());
    }
}
