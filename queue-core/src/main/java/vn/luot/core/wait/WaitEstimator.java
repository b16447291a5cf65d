package vn.luot.core.wait;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.wait.WaitEstimate.Service;
import vn.luot.core.wait.WaitEstimate.ServiceNow;
import vn.luot.core.wait.WaitEstimate.Verdict;

/**
 * The one estimate of a citizen's wait, for the kiosk, the ticket, the TV board and the waiting page alike. A
 * pure function of the branch, what the queue says ({@link QueueLoad}) and the time it is given.
 *
 * <p>The model, kept simple enough to explain at a counter:
 * <ul>
 *   <li><b>Service time</b> of the field: the mean of its latest {@value #RECENT_SAMPLES} services today (each
 *       from the last call to "served"; one longer than {@value #LONGEST_SAMPLE_MINUTES} minutes or across a
 *       break is a forgotten button, not a service); with fewer than {@value #ENOUGH_SAMPLES}, the branch's
 *       configured minutes fill the missing ones.</li>
 *   <li><b>Counters</b>: those serving the field that are not paused (a paused counter counts again once it
 *       resumes). A counter shared with other fields gives this field the share of its work that this field's
 *       line is. Before opening and in the lunch break every counter of the field counts, from when service
 *       starts again.</li>
 *   <li><b>Wait</b>: (ahead + ½) services (the counters are half-way through their current citizen on average)
 *       divided among those counters; the range is 80 %–125 % of that, in open time, then laid onto the clock:
 *       the lunch break and any gap in the hours are added, and what runs past closing is said.</li>
 * </ul>
 */
public final class WaitEstimator {

    static final int RECENT_SAMPLES = 20;
    static final int ENOUGH_SAMPLES = 5;
    static final int LONGEST_SAMPLE_MINUTES = 60;
    private static final double LOW = 0.8;
    private static final double HIGH = 1.25;
    private static final int STEP = 5;

    private WaitEstimator() {
    }

    /**
     * @param ahead tickets before the citizen in the field's line (for someone about to take a number: the
     *              field's waiting count)
     * @param now   branch-local time, from the caller's injected clock
     */
    public static WaitEstimate estimate(Branch branch, QueueLoad load, String field, int ahead, LocalDateTime now) {
        LocalTime time = now.toLocalTime();
        ServiceNow service = serviceNow(branch, time);
        LocalTime closing = branch.closing();
        List<Counter> counters = branch.countersServing(field);
        if (counters.isEmpty() || branch.field(field).isEmpty()) {
            return new WaitEstimate(ahead, Verdict.NOT_SERVED_HERE, 0, 0, service, null, closing);
        }
        if (service.service() == Service.CLOSED) {
            return new WaitEstimate(ahead, Verdict.NOT_TODAY, 0, 0, service, null, closing);
        }
        // in the lunch break or before opening, the counters' pauses are the break itself: all come back
        List<Counter> open = service.serving()
                ? counters.stream().filter(c -> !load.pausedCounters().contains(c.number())).toList() : counters;
        if (open.isEmpty()) {
            return new WaitEstimate(ahead, Verdict.COUNTERS_PAUSED, 0, 0, service, null, closing);
        }
        if (ahead == 0) {
            return new WaitEstimate(0, Verdict.NEXT, 0, 0, service, null, closing);
        }
        double minutes = serviceMinutes(branch, load, field);
        double counterShare = 0;
        for (Counter c : open) {
            counterShare += share(branch, load, c, field, ahead);
        }
        double expected = (ahead + 0.5) * minutes / counterShare;
        LocalTime start = service.serving() ? time : service.resumesAt();
        List<TimeSlot> periods = branch.servicePeriods();
        Optional<LocalTime> lowAt = after(periods, start, expected * LOW);
        if (lowAt.isEmpty()) {
            return new WaitEstimate(ahead, Verdict.NOT_TODAY, 0, 0, service, null, closing);
        }
        Optional<LocalTime> highAt = after(periods, start, expected * HIGH);
        int low = (int) Math.floor(Duration.between(time, lowAt.get()).getSeconds() / 60.0 / STEP) * STEP;
        long highSeconds = Duration.between(time, highAt.orElse(closing)).getSeconds();
        int high = Math.max(low + STEP, (int) Math.round(highSeconds / 60.0 / STEP) * STEP);
        TimeSlot lunch = branch.lunchBreak().orElse(null);
        TimeSlot lunchAhead = lunch != null && time.isBefore(lunch.start())
                && (highAt.isEmpty() || highAt.get().isAfter(lunch.start())) ? lunch : null;
        return new WaitEstimate(ahead, highAt.isPresent() ? Verdict.RANGE : Verdict.MAY_RUN_PAST_CLOSING, low, high,
                service, lunchAhead, closing);
    }

    /** Whether the counters serve at {@code time}, and if not, when they start again. */
    public static ServiceNow serviceNow(Branch branch, LocalTime time) {
        List<TimeSlot> periods = branch.servicePeriods();
        if (periods.isEmpty() || !time.isBefore(branch.closing())) {
            return new ServiceNow(Service.CLOSED, null);
        }
        if (time.isBefore(branch.opening())) {
            return new ServiceNow(Service.BEFORE_OPENING, branch.opening());
        }
        for (TimeSlot period : periods) {
            if (period.contains(time)) {
                return new ServiceNow(Service.SERVING, null);
            }
            if (period.start().isAfter(time)) {
                boolean lunch = branch.lunchBreak().map(l -> l.contains(time)
                        || !l.start().isAfter(time) && !l.end().isBefore(period.start())).orElse(false);
                return new ServiceNow(lunch ? Service.LUNCH : Service.BETWEEN_HOURS, period.start());
            }
        }
        return new ServiceNow(Service.CLOSED, null);
    }

    /**
     * A citizen's typical minutes at a counter of {@code field} today: the mean of its latest services, the
     * configured minutes standing in for the samples still missing.
     */
    public static double serviceMinutes(Branch branch, QueueLoad load, String field) {
        int configured = branch.field(field).map(ServiceField::serviceMinutes).orElse(ServiceField.DEFAULT_SERVICE_MINUTES);
        List<TimeSlot> periods = branch.servicePeriods();
        List<Double> recent = load.servedToday().stream()
                .filter(s -> s.field().equals(field))
                .filter(s -> plausible(s, periods))
                .sorted(Comparator.comparing(ServiceSample::servedAt).reversed())
                .limit(RECENT_SAMPLES)
                .map(s -> s.duration().getSeconds() / 60.0)
                .toList();
        double sum = recent.stream().mapToDouble(Double::doubleValue).sum();
        int missing = Math.max(0, ENOUGH_SAMPLES - recent.size());
        return Math.max(1, (sum + missing * configured) / (recent.size() + missing));
    }

    /** A real service: positive, not absurdly long, called in a service period and done before the next one. */
    private static boolean plausible(ServiceSample s, List<TimeSlot> periods) {
        Duration d = s.duration();
        if (d.isNegative() || d.isZero() || d.toMinutes() > LONGEST_SAMPLE_MINUTES) {
            return false;
        }
        LocalTime called = LocalDateTime.ofInstant(s.calledAt(), BranchTime.ZONE).toLocalTime();
        LocalTime served = LocalDateTime.ofInstant(s.servedAt(), BranchTime.ZONE).toLocalTime();
        for (int i = 0; i < periods.size(); i++) {
            if (periods.get(i).contains(called)) {
                return i + 1 == periods.size() || served.isBefore(periods.get(i + 1).start());
            }
        }
        return false;
    }

    /**
     * The part of {@code counter}'s work that goes to {@code field}: all of it when its other fields have nobody
     * waiting, else in proportion to the minutes each of its lines holds.
     */
    private static double share(Branch branch, QueueLoad load, Counter counter, String field, int ahead) {
        double mine = Math.max(load.waiting(field), ahead + 1) * serviceMinutes(branch, load, field);
        double all = mine;
        for (String other : counter.fieldCodes()) {
            if (!other.equals(field)) {
                all += load.waiting(other) * serviceMinutes(branch, load, other);
            }
        }
        return mine / all;
    }

    /**
     * The clock time {@code openMinutes} of service after {@code start}, skipping what lies between the service
     * periods (the lunch break); empty when the day's service ends first.
     */
    private static Optional<LocalTime> after(List<TimeSlot> periods, LocalTime start, double openMinutes) {
        long left = Math.round(openMinutes * 60);
        for (TimeSlot p : periods) {
            if (!p.end().isAfter(start)) {
                continue;
            }
            LocalTime from = p.start().isAfter(start) ? p.start() : start;
            long available = Duration.between(from, p.end()).getSeconds();
            if (left <= available) {
                return Optional.of(from.plusSeconds(left));
            }
            left -= available;
        }
        return Optional.empty();
    }
}
