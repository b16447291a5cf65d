package vn.luot.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import vn.luot.core.domain.BranchTime;

/** A clock the test moves by hand, in Hanoi time. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant now) {
        this.now = now;
    }

    public static MutableClock at(String hanoiLocalDateTime) {
        return new MutableClock(LocalDateTime.parse(hanoiLocalDateTime).atZone(BranchTime.ZONE).toInstant());
    }

    public void set(String hanoiLocalDateTime) {
        now = LocalDateTime.parse(hanoiLocalDateTime).atZone(BranchTime.ZONE).toInstant();
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return BranchTime.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in Hanoi time");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
