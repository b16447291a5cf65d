package vn.luot.display.calls;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import vn.luot.core.domain.Ticket;
import vn.luot.core.queue.CounterOperations.Outcome;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.board.CounterBoard;
import vn.luot.display.buttons.ButtonListener;
import vn.luot.display.buttons.ButtonPress;
import vn.luot.display.buttons.ButtonStuck;
import vn.luot.display.voice.CallSentence;

/**
 * What a button press does at the branch hub: the queue decides (one lock, so two counters pressing NEXT at
 * the same instant get two tickets), then the counter's LED board shows and blinks the called number and the
 * call is announced. Runs on the buttons' delivery thread; board I/O blocks briefly, never the UI.
 */
public final class CallDesk implements ButtonListener {

    private static final Logger LOG = Logger.getLogger(CallDesk.class.getName());

    private final LocalQueue queue;
    private final Map<Integer, CounterBoard> boards;
    private final Consumer<CallSentence> announce;
    private final Consumer<Called> called;

    /** A ticket sent to a counter, and whether the board over it showed it. */
    public record Called(int counter, Ticket ticket, Outcome outcome, BoardStatus board) {
    }

    /**
     * @param announce e.g. {@code Announcer::announce}
     * @param called   told of every call (the TV board's view model listens here)
     */
    public CallDesk(LocalQueue queue, Map<Integer, CounterBoard> boards, Consumer<CallSentence> announce,
                    Consumer<Called> called) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.boards = Map.copyOf(boards);
        this.announce = Objects.requireNonNull(announce, "announce");
        this.called = Objects.requireNonNull(called, "called");
    }

    @Override
    public void pressed(ButtonPress press) {
        LocalQueue.CounterResult result = switch (press.action()) {
            case NEXT -> queue.next(press.counter());
            case RECALL -> queue.recall(press.counter());
            case NO_SHOW -> queue.noShow(press.counter());
            default -> queue.rate(press.counter(), press.action().rating().orElseThrow());
        };
        Optional<Ticket> ticket = result.called();
        CounterBoard board = boards.get(press.counter());
        if (ticket.isEmpty()) {
            LOG.info(() -> "counter " + press.counter() + " " + press.action() + ": " + result.outcome());
            if (board != null && result.outcome() == Outcome.NOBODY_WAITING) {
                board.clear();
            }
            return;
        }
        Ticket t = ticket.get();
        BoardStatus status = BoardStatus.UNKNOWN;
        if (board != null) {
            status = board.show(t.label());
            board.blink(5);
        }
        announce.accept(CallSentence.of(t.label(), press.counter()));
        called.accept(new Called(press.counter(), t, result.outcome(), status));
    }

    @Override
    public void stuck(ButtonStuck stuck) {
        LOG.warning(() -> "counter " + stuck.counter() + ": " + stuck.action() + " button stuck since " + stuck.since());
    }
}
