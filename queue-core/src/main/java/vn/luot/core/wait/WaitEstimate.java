package vn.luot.core.wait;

import java.time.LocalTime;
import java.util.Objects;
import vn.luot.core.domain.TimeSlot;

/**
 * How long a citizen will wait, honestly: a range of minutes from now (never a point), or why there is none.
 * Worded for screens, tickets and pages by {@link WaitWording}.
 *
 * @param ahead      tickets before the citizen in their line
 * @param verdict    what the estimate says
 * @param minMinutes the range's low end, minutes from now; 0 with a range means "under {@code maxMinutes}"
 * @param maxMinutes the range's high end (meaningful for {@link Verdict#hasRange()} only)
 * @param now        whether the counters serve at this moment, and when they start again if not
 * @param lunchAhead the lunch break, when it falls inside the range (the wait runs through it); else null
 * @param closing    the branch's last service time today
 */
public record WaitEstimate(int ahead, Verdict verdict, int minMinutes, int maxMinutes, ServiceNow now,
                           TimeSlot lunchAhead, LocalTime closing) {

    public enum Verdict {
        /** Nobody ahead: called as soon as a counter of the field is free. */
        NEXT(false),
        /** Served today, within {@code minMinutes..maxMinutes}. */
        RANGE(true),
        /** The range's high end runs past the last service time: the citizen may not be served today. */
        MAY_RUN_PAST_CLOSING(true),
        /** Even the range's low end runs past the last service time (or the day's service is over). */
        NOT_TODAY(false),
        /** Every counter of the field is on a break now: how long depends on when they resume. */
        COUNTERS_PAUSED(false),
        /** No counter of this branch serves the field. */
        NOT_SERVED_HERE(false);

        private final boolean range;

        Verdict(boolean range) {
            this.range = range;
        }

        public boolean hasRange() {
            return range;
        }
    }

    /** Whether the counters serve at the moment of the estimate. */
    public enum Service {
        SERVING,
        BEFORE_OPENING,
        LUNCH,
        /** Between two blocks of the opening hours that are not the lunch break. */
        BETWEEN_HOURS,
        CLOSED
    }

    /** @param resumesAt when service starts again; null while serving or once closed */
    public record ServiceNow(Service service, LocalTime resumesAt) {
        public ServiceNow {
            Objects.requireNonNull(service, "service");
        }

        public boolean serving() {
            return service == Service.SERVING;
        }
    }

    public WaitEstimate {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(now, "now");
        if (ahead < 0 || minMinutes < 0 || maxMinutes < minMinutes) {
            throw new IllegalArgumentException("ahead " + ahead + ", range " + minMinutes + "-" + maxMinutes);
        }
    }

    /** The citizen will not be served today if they take a number now. */
    public boolean notToday() {
        return verdict == Verdict.NOT_TODAY;
    }
}
