package vn.luot.display.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.luot.core.testing.MutableClock;

class RepeatGuardTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final RepeatGuard guard = new RepeatGuard(clock, Duration.ofSeconds(5));

    @Test
    void aNextJustAfterACallAtTheSameCounterIsTooSoonUntilTheWindowEnds() {
        assertThat(guard.tooSoon(1)).as("nothing called yet").isEmpty();
        guard.called(1);
        clock.advance(Duration.ofMillis(4_999));
        assertThat(guard.tooSoon(1)).contains(Duration.ofMillis(4_999));
        assertThat(guard.tooSoon(2)).as("another counter is not held back").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.tooSoon(1)).isEmpty();
    }

    @Test
    void aClockSetBackDoesNotHoldTheCounterForever() {
        guard.called(1);
        clock.advance(Duration.ofMinutes(-10));
        assertThat(guard.tooSoon(1)).isEmpty();
    }

    @Test
    void theOffGuardAndANegativeWindow() {
        RepeatGuard off = RepeatGuard.off();
        off.called(1);
        assertThat(off.tooSoon(1)).isEmpty();
        assertThatThrownBy(() -> new RepeatGuard(clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
