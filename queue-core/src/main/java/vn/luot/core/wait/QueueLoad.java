package vn.luot.core.wait;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the queue says at one moment about how fast it moves: how many wait in each field's line, which
 * counters are paused, and today's finished services. Read from a queue in one go (so the numbers agree) and
 * handed to {@link WaitEstimator}, which reads nothing else.
 *
 * @param waiting       waiting tickets per field code (a field absent from the map has none)
 * @param pausedCounters counters on a break (PAUSE pressed, not yet RESUME)
 * @param servedToday   today's services, in any order
 */
public record QueueLoad(Map<String, Integer> waiting, Set<Integer> pausedCounters, List<ServiceSample> servedToday) {

    public static final QueueLoad EMPTY = new QueueLoad(Map.of(), Set.of(), List.of());

    public QueueLoad {
        waiting = Map.copyOf(waiting);
        pausedCounters = Set.copyOf(pausedCounters);
        servedToday = List.copyOf(servedToday);
    }

    public int waiting(String field) {
        return waiting.getOrDefault(field, 0);
    }
}
