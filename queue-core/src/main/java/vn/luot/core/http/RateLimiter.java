package vn.luot.core.http;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key (a citizen, a client address): {@code perMinute} requests in a burst, refilled
 * continuously at that rate. At most {@code maxKeys} buckets are kept (the least recently used go first), so a
 * flood of new keys cannot fill the heap. Safe for concurrent use.
 */
public final class RateLimiter {

    private final int perMinute;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, double[]> buckets;

    public RateLimiter(int perMinute, int maxKeys, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 per minute: " + perMinute);
        }
        this.perMinute = perMinute;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > RateLimiter.this.maxKeys;
            }
        };
    }

    /** Takes one request from {@code key}'s bucket; empty when the key is over its rate, with how long to wait. */
    public synchronized Duration take(String key) {
        long nowMillis = clock.millis();
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {perMinute, nowMillis});
        double refill = Math.max(0, nowMillis - bucket[1]) * perMinute / 60_000.0;
        bucket[0] = Math.min(perMinute, bucket[0] + refill);
        bucket[1] = nowMillis;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1 - bucket[0]) * 60_000.0 / perMinute));
    }
}
