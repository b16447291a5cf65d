package vn.luot.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TicketId;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;

/**
 * A branch's day in figures, computed from its event log alone (a pure function: the same log gives
 * the same figures on the server, on a hub, or in a test). Times are the events' hybrid-clock wall
 * times, in minutes. Only queue numbers appear: the log holds no names.
 *
 * <p>A wait runs from joining a line (check-in, walk-in ticket, reactivation, transfer) to the next
 * call; a transferred citizen therefore has two waits, each counted in the field it was spent in.
 * Service runs from the last call to "served".
 */
public record DayFigures(
        String branchName,
        LocalDate day,
        List<ServiceField> fields,
        List<Integer> counters,
        Map<String, Map<Integer, Integer>> ticketsPerHour,
        Map<String, Stats> waitsByField,
        Map<String, Outcomes> outcomesByField,
        Map<Integer, CounterFigures> byCounter,
        Stats priorityWaits,
        Stats allWaits,
        List<LongWait> longestWaits) {

    /** Minutes: how many samples, median, 90th percentile, longest. */
    public record Stats(int count, double median, double p90, double max) {

        static final Stats NONE = new Stats(0, 0, 0, 0);

        static Stats of(List<Double> minutes) {
            if (minutes.isEmpty()) {
                return NONE;
            }
            double[] sorted = minutes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Stats(sorted.length, rank(sorted, 50), rank(sorted, 90), sorted[sorted.length - 1]);
        }

        /** Nearest-rank percentile: a value that was really observed. */
        private static double rank(double[] sorted, double p) {
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /** What became of the numbers of one field. */
    public record Outcomes(int tickets, int served, int calledNoShow, int missedCheckIn, int forfeited, int cancelled) {
    }

    /** One counter's day: service times, no-shows, and the keypad's ratings. */
    public record CounterFigures(int served, Stats service, int calledNoShow, Map<Rating, Integer> ratings) {

        public int rated() {
            return ratings.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Share of "very satisfied" and "satisfied" among the ratings, 0..1; 0 when nobody rated. */
        public double satisfied() {
            int rated = rated();
            return rated == 0 ? 0 : (double) (ratings.get(Rating.VERY_SATISFIED) + ratings.get(Rating.SATISFIED)) / rated;
        }
    }

    /** A long wait, for the list a manager reads first. */
    public record LongWait(String label, String field, boolean priority, LocalTime joined, LocalTime called, int counter,
                           double minutes) {
    }

    public int totalTickets() {
        return outcomesByField.values().stream().mapToInt(Outcomes::tickets).sum();
    }

    public int totalServed() {
        return outcomesByField.values().stream().mapToInt(Outcomes::served).sum();
    }

    public int totalNoShows() {
        return outcomesByField.values().stream().mapToInt(o -> o.calledNoShow() + o.missedCheckIn()).sum();
    }

    public static DayFigures of(Branch branch, LocalDate day, List<Event> log) {
        return new Computation(branch, day).run(log);
    }

    /** One pass over the log in its order; per-ticket timelines in a map. */
    private static final class Computation {
        private final Branch branch;
        private final LocalDate day;
        private final Map<TicketId, Timeline> tickets = new HashMap<>();
        private final Map<String, Map<Integer, Integer>> perHour = new LinkedHashMap<>();
        private final Map<String, List<Double>> waits = new LinkedHashMap<>();
        private final Map<String, int[]> outcomes = new LinkedHashMap<>();
        private final Map<Integer, List<Double>> service = new TreeMap<>();
        private final Map<Integer, int[]> counterCounts = new TreeMap<>();
        private final Map<Integer, Map<Rating, Integer>> ratings = new TreeMap<>();
        private final List<Double> priorityWaits = new ArrayList<>();
        private final List<LongWait> allWaits = new ArrayList<>();

        Computation(Branch branch, LocalDate day) {
            this.branch = branch;
            this.day = day;
            for (ServiceField f : branch.fields()) {
                perHour.put(f.code(), new TreeMap<>());
                waits.put(f.code(), new ArrayList<>());
                outcomes.put(f.code(), new int[6]);
            }
            for (Counter c : branch.counters()) {
                service.put(c.number(), new ArrayList<>());
                counterCounts.put(c.number(), new int[2]);
                Map<Rating, Integer> none = new EnumMap<>(Rating.class);
                for (Rating r : Rating.values()) {
                    none.put(r, 0);
                }
                ratings.put(c.number(), none);
            }
        }

        private static final class Timeline {
            String field;
            boolean priority;
            boolean counted;
            long joinedAt = -1;
            long calledAt = -1;
        }

        DayFigures run(List<Event> log) {
            List<Event> ordered = new ArrayList<>(log);
            ordered.sort(Event.LOG_ORDER);
            for (Event e : ordered) {
                if (e.body() instanceof QueueEvent.OfTicket t && t.ticket().day().equals(day)) {
                    apply(t, e.hlc().wallMillis());
                }
            }
            Map<String, Stats> waitStats = new LinkedHashMap<>();
            waits.forEach((field, list) -> waitStats.put(field, Stats.of(list)));
            Map<String, Outcomes> outcomeMap = new LinkedHashMap<>();
            outcomes.forEach((field, o) -> outcomeMap.put(field, new Outcomes(o[0], o[1], o[2], o[3], o[4], o[5])));
            Map<Integer, CounterFigures> counters = new LinkedHashMap<>();
            service.forEach((counter, list) -> counters.put(counter, new CounterFigures(counterCounts.get(counter)[0],
                    Stats.of(list), counterCounts.get(counter)[1], Map.copyOf(ratings.get(counter)))));
            List<Double> every = allWaits.stream().map(LongWait::minutes).toList();
            List<LongWait> longest = allWaits.stream().sorted(Comparator.comparingDouble(LongWait::minutes).reversed()
                    .thenComparing(LongWait::label)).limit(10).toList();
            return new DayFigures(branch.name(), day, branch.fields(),
                    branch.counters().stream().map(Counter::number).toList(), perHour, waitStats, outcomeMap, counters,
                    Stats.of(priorityWaits), Stats.of(every), longest);
        }

        private void apply(QueueEvent.OfTicket event, long at) {
            Timeline t = tickets.computeIfAbsent(event.ticket(), id -> {
                Timeline fresh = new Timeline();
                fresh.field = id.field();
                return fresh;
            });
            if (!outcomes.containsKey(t.field)) {
                return; // a field this branch file does not know: nothing to draw it in
            }
            // Java 17: an instanceof chain (pattern switch arrives in 21)
            if (event instanceof QueueEvent.BookingRecorded b) {
                t.priority = b.priority();
            } else if (event instanceof QueueEvent.CheckedIn c) {
                t.priority = c.priority();
                join(t, at);
            } else if (event instanceof QueueEvent.TicketIssued i) {
                t.priority = i.priority();
                join(t, at);
            } else if (event instanceof QueueEvent.Reactivated) {
                t.joinedAt = at;
            } else if (event instanceof QueueEvent.Transferred tr) {
                if (outcomes.containsKey(tr.toField())) {
                    t.field = tr.toField();
                }
                t.joinedAt = at;
            } else if (event instanceof QueueEvent.Called c) {
                called(event.ticket(), t, c.counter(), at);
            } else if (event instanceof QueueEvent.Served s) {
                outcomes.get(t.field)[1]++;
                if (counterCounts.containsKey(s.counter())) {
                    counterCounts.get(s.counter())[0]++;
                    if (t.calledAt >= 0) {
                        service.get(s.counter()).add((at - t.calledAt) / 60_000.0);
                    }
                }
            } else if (event instanceof QueueEvent.CalledNoShow n) {
                outcomes.get(t.field)[2]++;
                if (counterCounts.containsKey(n.counter())) {
                    counterCounts.get(n.counter())[1]++;
                }
            } else if (event instanceof QueueEvent.MissedCheckIn) {
                outcomes.get(t.field)[3]++;
            } else if (event instanceof QueueEvent.BookingCancelled c) {
                outcomes.get(t.field)[c.forfeited() ? 4 : 5]++;
            } else if (event instanceof QueueEvent.RatingGiven r && ratings.containsKey(r.counter())) {
                ratings.get(r.counter()).merge(r.rating(), 1, Integer::sum);
            }
            // moves, recalls and "approaching" change no figure of the day
        }

        private void called(TicketId id, Timeline t, int counter, long at) {
            if (t.joinedAt >= 0) {
                double minutes = (at - t.joinedAt) / 60_000.0;
                waits.get(t.field).add(minutes);
                if (t.priority) {
                    priorityWaits.add(minutes);
                }
                allWaits.add(new LongWait(id.label(), t.field, t.priority, time(t.joinedAt), time(at), counter, minutes));
                t.joinedAt = -1;
            }
            t.calledAt = at;
        }

        private void join(Timeline t, long at) {
            t.joinedAt = at;
            if (!t.counted) {
                t.counted = true;
                outcomes.get(t.field)[0]++;
                perHour.get(t.field).merge(time(at).getHour(), 1, Integer::sum);
            }
        }

        private static LocalTime time(long millis) {
            return Instant.ofEpochMilli(millis).atZone(BranchTime.ZONE).toLocalTime().withNano(0);
        }
    }
}
