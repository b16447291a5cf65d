package vn.luot.display.buttons;

import java.time.Duration;
import java.time.Instant;

/**
 * The software guard behind Pi4J's (or the kernel's) debounce, for one active-low button: a falling edge is
 * a press only if the line was released (HIGH) for at least the debounce window before it. So a contact that
 * bounces LOW/HIGH/LOW on press, or HIGH/LOW/HIGH on release, is one press, while two real presses a
 * fraction of a second apart are two. Also notices a button held past the stuck threshold, once per hold.
 *
 * <p>Not safe for concurrent use: {@link CallButtons} calls it under its lock.
 */
final class Debouncer {

    private final Duration window;
    private final Duration stuckAfter;
    private boolean low;
    private Instant releasedAt;
    private Instant pressedAt;
    private boolean stuckReported;

    Debouncer(Duration window, Duration stuckAfter) {
        this.window = window;
        this.stuckAfter = stuckAfter;
    }

    /** A level seen on the line; true when it makes a new press. */
    boolean level(boolean isLow, Instant at) {
        if (isLow == low) {
            return false;
        }
        low = isLow;
        if (!isLow) {
            releasedAt = at;
            return false;
        }
        if (releasedAt != null && Duration.between(releasedAt, at).compareTo(window) < 0) {
            return false; // bounce: the line was not released long enough
        }
        pressedAt = at;
        stuckReported = false;
        return true;
    }

    /** The start of the hold if it just became stuck (reported once), else null. */
    Instant stuckAt(Instant now) {
        if (low && pressedAt != null && !stuckReported && Duration.between(pressedAt, now).compareTo(stuckAfter) > 0) {
            stuckReported = true;
            return pressedAt;
        }
        return null;
    }
}
