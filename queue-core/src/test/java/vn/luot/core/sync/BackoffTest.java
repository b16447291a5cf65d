package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2));

    @Test
    void delaysGrowExponentiallyWithFullJitterAndStopAtTheCap() {
        Random random = new Random(1);
        for (int failures = 1; failures <= 30; failures++) {
            long ceiling = Math.min(1000L << Math.min(failures - 1, 20), 120_000L);
            long max = 0;
            for (int i = 0; i < 200; i++) {
                long d = backoff.delay(failures, random).toMillis();
                assertThat(d).isBetween(0L, ceiling);
                max = Math.max(max, d);
            }
            assertThat(max).as("jitter spreads over the whole range").isGreaterThan(ceiling / 2);
        }
    }

    @Test
    void devicesThatFailedTogetherDoNotRetryTogether() {
        Random random = new Random(7);
        long a = backoff.delay(5, random).toMillis();
        long b = backoff.delay(5, random).toMillis();
        assertThat(a).isNotEqualTo(b);
    }
}
