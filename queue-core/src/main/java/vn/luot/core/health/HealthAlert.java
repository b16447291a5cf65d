package vn.luot.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.luot.core.sync.ClockTrust;

/**
 * What needs a person, judged from a device's last heartbeat: the same rules for the supervisor's branch view, the
 * city's fleet page and (as {@code deploy/prometheus/luot-alerts.yml}) Prometheus. Declared most urgent first; a
 * page lists devices by their most urgent alert. Pure.
 */
public enum HealthAlert {
    /** No heartbeat for more than {@link #OFFLINE_AFTER}: the device, its network or its program is down. */
    OFFLINE,
    /** The kiosk cannot print tickets. */
    PAPER_OUT,
    /** A counter's LED board does not answer: citizens do not see their number called there. */
    BOARD_NOT_ANSWERING,
    /** The cover is open or the printer is offline: no tickets either. */
    PRINTER_FAULT,
    /** The device's clock is not confirmed by its upstream, or is more than {@link #CLOCK_TOLERANCE} off. */
    CLOCK_UNTRUSTED,
    /** The data folder's file system is more than {@link #DISK_FULL_RATIO} full. */
    DISK_FULL;

    public static final Duration OFFLINE_AFTER = Duration.ofMinutes(2);
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);
    public static final double DISK_FULL_RATIO = 0.90;

    /** The alerts of a device at {@code now}, most urgent first; empty when all is well. */
    public static List<HealthAlert> of(SeenHeartbeat seen, Instant now) {
        Heartbeat h = seen.heartbeat();
        List<HealthAlert> out = new ArrayList<>();
        if (Duration.between(seen.seenAt(), now).compareTo(OFFLINE_AFTER) > 0) {
            out.add(OFFLINE);
        }
        if (h.printer() == Heartbeat.Printer.PAPER_OUT) {
            out.add(PAPER_OUT);
        }
        if (h.boards().stream().anyMatch(b -> b.state() == Heartbeat.BoardState.NOT_ANSWERING)) {
            out.add(BOARD_NOT_ANSWERING);
        }
        if (h.printer() == Heartbeat.Printer.COVER_OPEN || h.printer() == Heartbeat.Printer.OFFLINE) {
            out.add(PRINTER_FAULT);
        }
        if (h.clock().state() != ClockTrust.State.TRUSTED
                || seen.observedOffset().abs().compareTo(CLOCK_TOLERANCE) > 0) {
            out.add(CLOCK_UNTRUSTED);
        }
        if (h.disk() != null && h.disk().usedRatio() > DISK_FULL_RATIO) {
            out.add(DISK_FULL);
        }
        return List.copyOf(out);
    }
}
