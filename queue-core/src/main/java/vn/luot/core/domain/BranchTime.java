package vn.luot.core.domain;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Branch-local time: every decision about days and slots is made in Hanoi time from one injected clock. */
public final class BranchTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private BranchTime() {
    }

    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZONE);
    }
}
