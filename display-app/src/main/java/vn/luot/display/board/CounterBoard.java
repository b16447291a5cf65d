package vn.luot.display.board;

/**
 * The LED number board over one counter. Each call returns the board's status after trying; expected
 * faults (a board that does not answer, an unplugged adapter) are statuses, never exceptions.
 *
 * <p>Calls block until the board answered or the bus gave up (well under a second); do not call them
 * on the JavaFX thread. Implementations must be safe for concurrent use.
 */
public interface CounterBoard {

    int counter();

    BoardStatus show(String text);

    /** Blinks what is shown for {@code seconds} (0 stops blinking). */
    BoardStatus blink(int seconds);

    BoardStatus clear();

    /** 0 (dimmest) to 15. */
    BoardStatus brightness(int level);

    /**
     * Shows {@code text} again (or clears the board when empty) and checks it where the board can be read back,
     * behind any call waiting for the bus: after a restart, a power cycle, and periodically.
     */
    default BoardStatus refresh(java.util.Optional<String> text) {
        return text.map(this::show).orElseGet(this::clear);
    }

    /** Asks the board to answer without changing what it shows. */
    BoardStatus ping();

    /** The last known status, without talking to the board. */
    BoardStatus status();

    /** {@link BoardBus#callComing()} on this board's bus: held while a counter operation decides and shows. */
    default BoardBus.CallAhead callComing() {
        return BoardBus.CallAhead.NONE;
    }
}
