package vn.luot.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.store.LocalQueue;

/**
 * The "Cần hỗ trợ" button's alert: a {@code HELP_REQUESTED} event in the kiosk's log, pushed to the hub at once,
 * whose staff and supervisor pages show which kiosk asked and when. Repeated taps within {@link #REPEAT} send
 * nothing more: the staff already on their way need no second alert. Runs on the flow's worker.
 */
final class HelpCalls {

    private static final Logger LOG = Logger.getLogger(HelpCalls.class.getName());
    static final Duration REPEAT = Duration.ofMinutes(1);

    private final LocalQueue queue;
    private final Runnable syncNow;
    private final Clock clock;
    private Instant lastSent;

    HelpCalls(LocalQueue queue, Runnable syncNow, Clock clock) {
        this.queue = queue;
        this.syncNow = syncNow;
        this.clock = clock;
    }

    /** @return true when staff were told (now or within the last minute), false when the alert could not be recorded */
    synchronized boolean send() {
        Instant now = clock.instant();
        if (lastSent != null && Duration.between(lastSent, now).compareTo(REPEAT) < 0) {
            return true;
        }
        try {
            queue.requestHelp();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "help request not recorded; the citizen is sent to the information desk", e);
            return false;
        }
        lastSent = now;
        LOG.info("a citizen asked for help at this kiosk; the hub is told");
        syncNow.run();
        return true;
    }
}
