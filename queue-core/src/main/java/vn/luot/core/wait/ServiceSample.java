package vn.luot.core.wait;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One citizen served today: the field served, the counter, and when the last call and "served" were recorded
 * (their events' hybrid-clock wall times).
 */
public record ServiceSample(String field, int counter, Instant calledAt, Instant servedAt) {

    public ServiceSample {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(calledAt, "calledAt");
        Objects.requireNonNull(servedAt, "servedAt");
    }

    public Duration duration() {
        return Duration.between(calledAt, servedAt);
    }
}
