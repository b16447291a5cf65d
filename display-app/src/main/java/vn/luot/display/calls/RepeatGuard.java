package vn.luot.display.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when each counter last called a number, so that a second NEXT moments later (a double click, a
 * second press on a slow Pi) is caught before it closes a citizen who has not yet reached the counter as
 * served. The page asks the clerk to confirm; a physical button is ignored and its LED board blinks briefly.
 */
public final class RepeatGuard {

    /** The window the staff page and the buttons use unless the branch configures another. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

    private final Clock clock;
    private final Duration window;
    private final Map<Integer, Instant> lastCall = new ConcurrentHashMap<>();

    public RepeatGuard(Clock clock, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("repeat window must not be negative: " + window);
        }
    }

    /** A guard that never objects (tests and tools that drive the desk faster than a clerk). */
    public static RepeatGuard off() {
        return new RepeatGuard(Clock.systemUTC(), Duration.ZERO);
    }

    public void called(int counter) {
        lastCall.put(counter, clock.instant());
    }

    /** How long ago the counter called, when that is within the window; empty when a NEXT needs no second look. */
    public Optional<Duration> tooSoon(int counter) {
        Instant last = lastCall.get(counter);
        if (last == null || window.isZero()) {
            return Optional.empty();
        }
        Duration since = Duration.between(last, clock.instant());
        return since.isNegative() || since.compareTo(window) >= 0 ? Optional.empty() : Optional.of(since);
    }

    public Duration window() {
        return window;
    }
}
