package vn.luot.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;

/**
 * A plausible branch day, played minute by minute through the real queue (its rules, its SQLite
 * log) on a stepped clock, for {@code ./luot report --demo} and the report's tests. Seeded: the same
 * seed gives the same day. Bookings arrive early or late, some never come, some are called and are
 * absent, walk-ins come in waves, counters serve at their own pace and citizens rate most services.
 */
public final class DemoDay {

    private DemoDay() {
    }

    /** Plays the day into a new queue file and returns it (closed). */
    public static Path play(Branch branch, LocalDate day, long seed, Path file) {
        Random random = new Random(seed);
        SteppedClock clock = new SteppedClock(day.atTime(7, 30));
        try (LocalQueue queue = LocalQueue.builder().file(file).deviceId("hub-demo").branch(branch).clock(clock)
                .walkInBlock(new NumberBlock(500, 999)).open()) {
            Map<LocalTime, List<Booking>> arrivals = book(branch, day, random, queue);
            Map<Integer, LocalDateTime> busyUntil = new HashMap<>();
            Map<Integer, Double> pace = new HashMap<>();
            Set<Integer> absent = new HashSet<>();
            for (Counter c : branch.counters()) {
                pace.put(c.number(), 0.8 + random.nextDouble() * 0.8);
            }
            for (LocalDateTime now = day.atTime(7, 40); now.isBefore(day.atTime(17, 10)); now = now.plusMinutes(1)) {
                clock.set(now);
                for (Booking b : arrivals.getOrDefault(now.toLocalTime(), List.of())) {
                    if (queue.checkIn(b).refused()) {
                        queue.issueWalkIn(b.field(), b.purpose(), b.priority(), null);
                    }
                }
                walkIns(branch, queue, random, now.toLocalTime());
                serve(branch, queue, random, now, busyUntil, pace, absent);
                if (now.getMinute() % 10 == 0) {
                    queue.sweepMissedCheckIns();
                }
            }
            for (Counter c : branch.counters()) {
                queue.next(c.number());
            }
        }
        return file;
    }

    private static Map<LocalTime, List<Booking>> book(Branch branch, LocalDate day, Random random, LocalQueue queue) {
        Map<LocalTime, List<Booking>> arrivals = new HashMap<>();
        Map<String, Integer> numbers = new HashMap<>();
        List<QueueEvent> recorded = new ArrayList<>();
        int id = 1;
        for (TimeSlot slot : branch.slots()) {
            for (ServiceField field : branch.fields()) {
                int count = slot.start().getHour() < 12 ? 3 + random.nextInt(6) : 2 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    int number = numbers.merge(field.code(), 1, Integer::sum);
                    Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
                    Booking b = new Booking(Integer.toString(id++), branch.id(), day, slot, field.code(), purpose, number,
                            random.nextInt(100) < 6);
                    recorded.add(new QueueEvent.BookingRecorded(b.ticketId(), b.id(), purpose, slot, b.priority()));
                    int roll = random.nextInt(100);
                    if (roll < 8) {
                        continue; // never comes: the sweep marks it
                    }
                    LocalTime at = roll < 13 ? slot.end().plusMinutes(5 + random.nextInt(20))
                            : slot.start().minusMinutes(random.nextInt(25));
                    arrivals.computeIfAbsent(at, t -> new ArrayList<>()).add(b);
                }
            }
        }
        queue.recordDecided(recorded);
        return arrivals;
    }

    private static void walkIns(Branch branch, LocalQueue queue, Random random, LocalTime now) {
        boolean open = branch.slots().stream().anyMatch(s -> !now.isBefore(s.start()) && now.isBefore(s.end()));
        // mornings are busier, and the first hour busiest of all
        int chance = now.getHour() < 9 ? 70 : now.getHour() < 12 ? 45 : 25;
        if (open && random.nextInt(100) < chance) {
            ServiceField field = branch.fields().get(random.nextInt(branch.fields().size()));
            queue.issueWalkIn(field.code(), Purpose.values()[random.nextInt(Purpose.values().length)],
                    random.nextInt(100) < 4, null);
        }
    }

    private static void serve(Branch branch, LocalQueue queue, Random random, LocalDateTime now,
                              Map<Integer, LocalDateTime> busyUntil, Map<Integer, Double> pace, Set<Integer> absent) {
        for (Counter c : branch.counters()) {
            int counter = c.number();
            if (now.isBefore(busyUntil.getOrDefault(counter, now))) {
                continue;
            }
            LocalQueue.CounterResult result;
            if (absent.remove(counter)) {
                result = queue.noShow(counter);
            } else {
                if (queue.currentAt(counter).isPresent() && random.nextInt(100) < 65) {
                    queue.rate(counter, rating(random));
                }
                result = queue.next(counter);
            }
            if (result.called().isPresent()) {
                if (random.nextInt(100) < 6) {
                    absent.add(counter); // nobody comes: staff wait two minutes, then press NO-SHOW
                    busyUntil.put(counter, now.plusMinutes(2));
                } else {
                    double minutes = Math.max(2, pace.get(counter) * (4 + random.nextGaussian() * 1.5 + random.nextInt(6)));
                    busyUntil.put(counter, now.plusSeconds((long) (minutes * 60)));
                }
            }
        }
    }

    private static Rating rating(Random random) {
        int roll = random.nextInt(100);
        return roll < 55 ? Rating.VERY_SATISFIED : roll < 85 ? Rating.SATISFIED : roll < 95 ? Rating.NEUTRAL
                : Rating.DISSATISFIED;
    }

    /** A clock the simulation moves by hand. */
    private static final class SteppedClock extends Clock {
        private Instant now;

        SteppedClock(LocalDateTime start) {
            set(start);
        }

        void set(LocalDateTime time) {
            now = time.atZone(BranchTime.ZONE).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return BranchTime.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the demo day runs on branch time");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
