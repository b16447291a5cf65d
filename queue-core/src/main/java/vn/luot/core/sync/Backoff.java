package vn.luot.core.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th consecutive failure, wait a random time in
 * [0, min(max, base·2ⁿ)], so devices of a branch that lost the WAN together do not all retry together.
 */
public record Backoff(Duration base, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2));

    public Duration delay(int failures, RandomGenerator random) {
        long ceiling = base.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        ceiling = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
