package vn.luot.core.domain;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Branch-local time: every decision about days and slots is made in Hanoi time from one injected clock. */
public final class BranchTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private BranchTime() {
    }

    /** A clock that reads {@code start} (Hà Nội time) now and runs forward from there: {@code --now}. */
    public static Clock startingAt(LocalDateTime start) {
        Clock system = Clock.system(ZONE);
        return Clock.offset(system, java.time.Duration.between(system.instant(), start.atZone(ZONE).toInstant()));
    }

    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZONE);
    }
}
