package vn.luot.display.calls;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.Ticket;
import vn.luot.core.event.Event;
import vn.luot.core.queue.CounterOperations.Outcome;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.board.CounterBoard;
import vn.luot.display.buttons.ButtonListener;
import vn.luot.display.buttons.ButtonPress;
import vn.luot.display.buttons.ButtonStuck;
import vn.luot.display.voice.CallSentence;
import vn.luot.display.voice.CallWording;

/**
 * What a counter operation does at the branch hub, whether it came from a call button or the staff page: the
 * queue decides (one lock, so two counters pressing NEXT at the same instant get two tickets), then the
 * counter's LED board shows and blinks the called number and the call is announced. Runs on the caller's
 * thread (the buttons' delivery thread, an HTTP thread); board I/O blocks briefly, never the UI.
 */
public final class CallDesk implements ButtonListener {

    private static final Logger LOG = Logger.getLogger(CallDesk.class.getName());
    /** How long the LED board and the TV board blink a new call. */
    public static final int BLINK_SECONDS = 5;

    private final LocalQueue queue;
    private final Map<Integer, CounterBoard> boards;
    private final Consumer<CallSentence> announce;
    private final CallWording wording;
    private final Consumer<Called> called;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final RepeatGuard guard;
    /** How long a counter's LED board blinks to say "a NEXT just now was ignored". */
    public static final int IGNORED_BLINK_SECONDS = 1;

    /** A ticket sent to a counter (CALLED or RECALLED). */
    public record Called(int counter, Ticket ticket, Outcome outcome) {
    }

    /**
     * @param announce e.g. {@code Announcer::announce}
     * @param called   told of every call and recall (the TV board's view model listens here)
     */
    public CallDesk(LocalQueue queue, Map<Integer, CounterBoard> boards, Consumer<CallSentence> announce,
                    Consumer<Called> called) {
        this(queue, boards, announce, called, CallWording.spellingCodes());
    }

    /** @param wording the branch's words for a call ({@code voice.say_field}): a call and a recall alike */
    public CallDesk(LocalQueue queue, Map<Integer, CounterBoard> boards, Consumer<CallSentence> announce,
                    Consumer<Called> called, CallWording wording) {
        this(queue, boards, announce, called, wording, RepeatGuard.off());
    }

    /** @param guard catches a physical NEXT pressed again moments after a call at the same counter */
    public CallDesk(LocalQueue queue, Map<Integer, CounterBoard> boards, Consumer<CallSentence> announce,
                    Consumer<Called> called, CallWording wording, RepeatGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.boards = Map.copyOf(boards);
        this.announce = Objects.requireNonNull(announce, "announce");
        this.called = Objects.requireNonNull(called, "called");
    }

    /** Told after every operation that changed the queue (pause, transfer, shift move, calls too). */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void pressed(ButtonPress press) {
        switch (press.action()) {
            case NEXT -> nextFromButton(press.counter());
            case RECALL -> recall(press.counter());
            case NO_SHOW -> noShow(press.counter());
            default -> rate(press.counter(), press.action().rating().orElseThrow());
        }
    }

    public LocalQueue.CounterResult next(int counter) {
        return decideAndShow(counter, "NEXT", () -> queue.next(counter));
    }

    /** The guard the page asks too, so a button press and a click share one memory of the last call. */
    public RepeatGuard guard() {
        return guard;
    }

    /**
     * A physical NEXT moments after a call at that counter is ignored: the citizen just called has not reached
     * the counter yet, and a second press would close them as served. The board blinks briefly so the clerk
     * sees the press arrived and was set aside.
     */
    private void nextFromButton(int counter) {
        Optional<java.time.Duration> since = guard.tooSoon(counter);
        if (since.isEmpty() || queue.currentAt(counter).isEmpty()) {
            next(counter);
            return;
        }
        LOG.info(() -> "counter " + counter + " NEXT ignored: a number was called " + since.get().toMillis()
                + " ms ago");
        CounterBoard board = boards.get(counter);
        if (board != null) {
            board.blink(IGNORED_BLINK_SECONDS);
        }
    }

    /** The current citizen is done and nobody is called (before a break); the board goes blank. */
    public LocalQueue.CounterResult finish(int counter) {
        return decideAndShow(counter, "FINISH", () -> queue.finish(counter));
    }

    public LocalQueue.CounterResult recall(int counter) {
        return decideAndShow(counter, "RECALL", () -> queue.recall(counter));
    }

    public LocalQueue.CounterResult noShow(int counter) {
        return decideAndShow(counter, "NO-SHOW", () -> queue.noShow(counter));
    }

    public LocalQueue.CounterResult transfer(int counter, String toField) {
        return decideAndShow(counter, "TRANSFER " + toField, () -> queue.transfer(counter, toField));
    }

    public LocalQueue.CounterResult pause(int counter) {
        return decideAndShow(counter, "PAUSE", () -> queue.pause(counter));
    }

    public LocalQueue.CounterResult resume(int counter) {
        return settle(counter, "RESUME", queue.resume(counter));
    }

    public LocalQueue.CounterResult rate(int counter, Rating rating) {
        return settle(counter, "RATE " + rating, queue.rate(counter, rating));
    }

    /**
     * Shows every counter's current number on its LED board again (no blink), or clears it: after the
     * RS-485 adapter comes back, a board answers again, or the display restarts, the boards may show what
     * was called before the gap. Blocks on the bus; call it off the buttons' thread.
     *
     * @return true when every board answered
     */
    public boolean showCurrentOnBoards() {
        boolean allAnswered = true;
        for (Map.Entry<Integer, CounterBoard> e : boards.entrySet()) {
            int counter = e.getKey();
            Optional<Ticket> current = queue.currentAt(counter);
            BoardStatus status = e.getValue().refresh(current.map(t -> t.label()));
            if (status != BoardStatus.ONLINE) {
                allAnswered = false;
                LOG.fine(() -> "counter " + counter + ": LED board " + status + " while showing the current number");
            }
        }
        return allAnswered;
    }

    /** Supervisor action: today's not-yet-served morning bookings move to the afternoon shift. */
    public List<Event> moveMorningToAfternoon() {
        List<Event> moved = queue.moveMorningToAfternoon();
        LOG.info(() -> "supervisor: " + moved.size() + " morning bookings moved to the afternoon");
        changed();
        return moved;
    }

    /**
     * The counter's LED bus is told a call is coming before the queue decides, so no refresh starts on the wire
     * while the decision commits: the call then waits at most for the exchange already on the wire, and its
     * show and blink go out back to back.
     */
    private LocalQueue.CounterResult decideAndShow(int counter, String action,
                                                   java.util.function.Supplier<LocalQueue.CounterResult> decide) {
        CounterBoard board = boards.get(counter);
        try (vn.luot.display.board.BoardBus.CallAhead ahead = board == null
                ? vn.luot.display.board.BoardBus.CallAhead.NONE : board.callComing()) {
            return settle(counter, action, decide.get());
        }
    }

    private LocalQueue.CounterResult settle(int counter, String action, LocalQueue.CounterResult result) {
        CounterBoard board = boards.get(counter);
        Optional<Ticket> ticket = result.called();
        if (ticket.isEmpty()) {
            LOG.info(() -> "counter " + counter + " " + action + ": " + result.outcome());
            boolean boardGoesBlank = result.outcome() == Outcome.NOBODY_WAITING
                    || result.outcome() == Outcome.TRANSFERRED || result.outcome() == Outcome.PAUSED
                    || result.outcome() == Outcome.FINISHED;
            if (board != null && boardGoesBlank) {
                board.clear();
            }
        } else {
            Ticket t = ticket.get();
            if (result.outcome() == Outcome.CALLED) {
                guard.called(counter);
            }
            // The voice and the TV only queue work, so they go first; the LED board's serial exchange blocks.
            announce.accept(wording.sentence(t.label(), counter));
            try {
                called.accept(new Called(counter, t, result.outcome()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "call listener failed on counter " + counter, e);
            }
            if (board != null) {
                BoardStatus status = board.show(t.label());
                board.blink(BLINK_SECONDS);
                if (status != BoardStatus.ONLINE) {
                    LOG.warning(() -> "counter " + counter + ": LED board is " + status + "; " + t.label()
                            + " is shown on the TV and announced");
                }
            }
        }
        if (!result.events().isEmpty()) {
            changed();
        }
        return result;
    }

    private void changed() {
        for (Runnable r : changeListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "change listener failed", e);
            }
        }
    }

    @Override
    public void stuck(ButtonStuck stuck) {
        LOG.warning(() -> "counter " + stuck.counter() + ": " + stuck.action() + " button stuck since " + stuck.since());
    }
}
