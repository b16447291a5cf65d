package vn.luot.display.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import vn.luot.display.board.BoardBus.StatusListener;
import vn.luot.display.board.BoardStatus;

/**
 * What a {@link SerialBus} knows of its boards and its port: each board's status from the exchanges that ran their
 * course (with the thresholds that keep it from flapping) and whether the port is open, being reopened or OFFLINE.
 * Every method is synchronized and none does I/O, so reading a status never waits behind the wire. Changes are
 * returned as listener calls to run later, outside any lock.
 */
final class BusHealth {

    private static final Logger LOG = Logger.getLogger(BusHealth.class.getName());

    private final String path;
    private final int failuresBeforeNotAnswering;
    private final int answersBeforeOnline;
    private final int reopenFailuresBeforeOffline;
    private final List<StatusListener> listeners;

    private boolean offline;
    /** The port failed (or would not open) and is not open again yet: frames were lost, OFFLINE declared or not. */
    private boolean lost;
    private int reopenFailures;
    private String lastPortProblem = "not opened yet";
    private final Map<Integer, Health> health = new HashMap<>();

    private static final class Health {
        BoardStatus status = BoardStatus.UNKNOWN;
        int failures;
        int answers;
    }

    BusHealth(String path, int failuresBeforeNotAnswering, int answersBeforeOnline, int reopenFailuresBeforeOffline,
              List<StatusListener> listeners) {
        this.path = path;
        this.failuresBeforeNotAnswering = failuresBeforeNotAnswering;
        this.answersBeforeOnline = answersBeforeOnline;
        this.reopenFailuresBeforeOffline = reopenFailuresBeforeOffline;
        this.listeners = listeners;
    }

    synchronized boolean isOffline() {
        return offline;
    }

    synchronized String lastPortProblem() {
        return lastPortProblem;
    }

    synchronized BoardStatus status(int address) {
        if (offline) {
            return BoardStatus.OFFLINE;
        }
        if (lost) {
            // The port failed and is being reopened: what the boards show is not known (never a stale ONLINE).
            return BoardStatus.UNKNOWN;
        }
        Health h = health.get(address);
        return h == null ? BoardStatus.UNKNOWN : h.status;
    }

    /** Counts an exchange that ran its course; returns the board's status after it. */
    synchronized BoardStatus record(int address, boolean answered, List<Runnable> events) {
        Health h = health.computeIfAbsent(address, a -> new Health());
        BoardStatus before = h.status;
        if (answered) {
            h.failures = 0;
            h.answers++;
            if (h.status != BoardStatus.ONLINE && (h.status == BoardStatus.UNKNOWN || h.answers >= answersBeforeOnline)) {
                h.status = BoardStatus.ONLINE;
            }
        } else {
            h.answers = 0;
            h.failures++;
            if (h.status != BoardStatus.NOT_ANSWERING
                    && (h.status == BoardStatus.UNKNOWN || h.failures >= failuresBeforeNotAnswering)) {
                h.status = BoardStatus.NOT_ANSWERING;
            }
        }
        if (h.status != before) {
            BoardStatus now = h.status;
            LOG.info(() -> path + ": board " + address + " is " + now);
            events.add(() -> listeners.forEach(l -> l.boardStatusChanged(address, now)));
        }
        return status(address);
    }

    synchronized void portLost(String why) {
        lastPortProblem = why;
        lost = true;
    }

    /** The port is open (again): every board starts again from UNKNOWN. */
    synchronized void opened(List<Runnable> events) {
        reopenFailures = 0;
        if (offline || !health.isEmpty()) {
            LOG.info(() -> path + ": port (re)opened; boards start again from UNKNOWN");
        }
        // Lost frames need telling even when the port came back before it was declared OFFLINE (a reopen
        // within reopenFailuresBeforeOffline tries): the boards missed what was sent meanwhile.
        boolean missedFrames = offline || lost;
        offline = false;
        lost = false;
        List<Integer> known = new ArrayList<>(health.keySet());
        health.clear();
        if (missedFrames) {
            events.add(() -> listeners.forEach(l -> l.portChanged(true, "reopened " + path)));
            events.add(() -> known.forEach(a -> listeners.forEach(l -> l.boardStatusChanged(a, BoardStatus.UNKNOWN))));
        }
    }

    /** Another failed (re)opening: OFFLINE after {@code reopenFailuresBeforeOffline} of them. */
    synchronized void openFailed(String reason, List<Runnable> events) {
        lastPortProblem = reason;
        lost = true;
        reopenFailures++;
        if (!offline && reopenFailures >= reopenFailuresBeforeOffline) {
            offline = true;
            int failures = reopenFailures;
            LOG.warning(() -> path + ": OFFLINE after " + failures + " failed reopenings: " + reason);
            List<Integer> known = new ArrayList<>(health.keySet());
            events.add(() -> listeners.forEach(l -> l.portChanged(false, reason)));
            events.add(() -> known.forEach(a -> listeners.forEach(l -> l.boardStatusChanged(a, BoardStatus.OFFLINE))));
        }
    }
}
