package vn.luot.kiosk.flow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.wait.QueueLoad;
import vn.luot.core.wait.WaitEstimate;
import vn.luot.core.wait.WaitEstimator;
import vn.luot.core.wait.WaitWording;

/** The kiosk's waits: the branch's one estimate ({@link WaitEstimator}) for its tiles, tickets and slips. */
final class KioskWaits {

    private final LocalQueue queue;
    private final Branch branch;
    private final Clock clock;

    KioskWaits(LocalQueue queue, Clock clock) {
        this.queue = queue;
        this.branch = queue.branch();
        this.clock = clock;
    }

    /** The walk-in tiles: each field a counter serves, with how many wait and how long a new number would. */
    List<Screen.FieldChoice> choices() {
        QueueLoad load = queue.load();
        List<Screen.FieldChoice> fields = new ArrayList<>();
        for (ServiceField f : branch.fields()) {
            if (!branch.countersServing(f.code()).isEmpty()) {
                int waiting = load.waiting(f.code());
                fields.add(Screen.FieldChoice.of(f, waiting,
                        WaitEstimator.estimate(branch, load, f.code(), waiting, BranchTime.now(clock))));
            }
        }
        return fields;
    }

    /** The wait of a ticket with {@code ahead} before it in the line of {@code field}. */
    WaitEstimate of(String field, int ahead) {
        return WaitEstimator.estimate(branch, queue.load(), field, ahead, BranchTime.now(clock));
    }

    /** What the ticket prints of it: the range, then the notes (Vietnamese: the ticket's language). */
    static List<String> slipLines(WaitEstimate wait) {
        List<String> lines = new ArrayList<>();
        lines.add(WaitWording.line(wait, WaitWording.VI));
        lines.addAll(WaitWording.notes(wait, WaitWording.VI));
        return lines;
    }
}
