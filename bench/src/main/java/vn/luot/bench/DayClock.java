package vn.luot.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import vn.luot.core.domain.BranchTime;

/**
 * The compressed clock of the simulated day: it reads {@code start} (Hà Nội time) at the real instant
 * {@code anchor} and runs {@code rate} times faster than real time from there. Every process of the day is
 * given the same three values on its command line ({@link #args()}), so they all read the same branch time.
 */
final class DayClock extends Clock {

    private final LocalDateTime start;
    private final Instant startInstant;
    private final long anchorMillis;
    private final double rate;
    private final Clock real = Clock.systemUTC();

    DayClock(LocalDateTime start, long anchorMillis, double rate) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        this.start = start;
        this.startInstant = start.atZone(BranchTime.ZONE).toInstant();
        this.anchorMillis = anchorMillis;
        this.rate = rate;
    }

    List<String> args() {
        return List.of("--start", start.toString(), "--anchor", Long.toString(anchorMillis), "--rate", Double.toString(rate));
    }

    double rate() {
        return rate;
    }

    /** How long real time takes to pass {@code branch} of branch time. */
    Duration real(Duration branch) {
        return Duration.ofNanos((long) (branch.toNanos() / rate));
    }

    LocalDateTime now() {
        return BranchTime.now(this);
    }

    /** Sleeps (really) until the branch clock reads {@code time}; returns at once if it already has. */
    void sleepUntil(LocalDateTime time) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(now(), time);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            long millis = Math.max(1, real(left).toMillis());
            Thread.sleep(Math.min(millis, 200));
        }
    }

    @Override
    public Instant instant() {
        long elapsed = real.millis() - anchorMillis;
        return startInstant.plusMillis((long) (elapsed * rate));
    }

    @Override
    public ZoneId getZone() {
        return BranchTime.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated day runs on branch time");
    }
}
