package vn.luot.core.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether this device's clock can be trusted for day roll-over and expiry decisions. A Raspberry Pi
 * has no real-time clock: after a power cut without network it may believe it is yesterday. The
 * offset to the upstream's {@code Date} header is tracked; the clock is trusted while the last
 * observation was within {@code tolerance}. Safe for concurrent use.
 */
public final class ClockTrust {

    public enum State {
        /** No upstream answer seen since start: the clock may be anything. */
        UNKNOWN,
        TRUSTED,
        /** The upstream's clock differs from ours by more than the tolerance. */
        SKEWED
    }

    private final Clock clock;
    private final Duration tolerance;
    private volatile Duration offset;

    public ClockTrust(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** Records an upstream answer dated {@code serverTime} (second precision, as HTTP dates are). */
    public void observe(Instant serverTime) {
        offset = Duration.between(clock.instant(), serverTime);
    }

    public State state() {
        Duration o = offset;
        if (o == null) {
            return State.UNKNOWN;
        }
        // HTTP dates carry whole seconds; allow for that on top of the tolerance.
        return o.abs().compareTo(tolerance.plusSeconds(1)) <= 0 ? State.TRUSTED : State.SKEWED;
    }

    public boolean trusted() {
        return state() == State.TRUSTED;
    }

    /**
     * The time for expiry and day decisions: this device's clock corrected by the upstream's offset once
     * one has been seen (a kiosk a day behind must not accept yesterday's code), else this device's clock.
     */
    public Instant now() {
        Duration o = offset;
        return o == null ? clock.instant() : clock.instant().plus(o);
    }

    /** {@link #now()} as a {@link Clock}, for the parts that take one (the queue's rules, the flow). */
    public Clock correctedClock() {
        ClockTrust trust = this;
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return new ClockTrust(clock.withZone(zone), tolerance).correctedClock();
            }

            @Override
            public Instant instant() {
                return trust.now();
            }
        };
    }

    /** Server time minus ours, once known. */
    public Optional<Duration> offset() {
        return Optional.ofNullable(offset);
    }
}
