package vn.luot.core.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.rules.CallOrder;
import vn.luot.core.wait.ServiceSample;

/**
 * The queue as a deterministic fold of a merged event log: the same set of events gives the same
 * state whatever order, and however many times, they were delivered. Each ticket (and counter) keeps
 * its own events in log order; an event that arrives late re-folds only the entity it is about.
 *
 * <p>Not safe for concurrent use: one owner applies events and answers queries.
 */
public final class QueueState {

    private final Set<Event.Key> seen = new HashSet<>();
    private final Map<TicketId, Entity<Ticket>> tickets = new HashMap<>();
    private final Map<Integer, Entity<Boolean>> pausedCounters = new HashMap<>();
    private final Map<Line, NavigableSet<Ticket>> waiting = new HashMap<>();
    private final Map<Integer, Map<TicketId, Ticket>> calledByCounter = new HashMap<>();
    private final Map<Line, NavigableSet<Integer>> numbersInUse = new HashMap<>();
    private final Map<Event.Key, HelpRequest> helpRequests = new HashMap<>();

    public static QueueState fold(Collection<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Event.LOG_ORDER);
        QueueState state = new QueueState();
        ordered.forEach(state::apply);
        return state;
    }

    /**
     * Folds one event in.
     *
     * @return the ticket it changed (empty for a duplicate, a counter event, or an event about a
     *     ticket whose creating event has not arrived yet)
     */
    public Optional<Ticket> apply(Event event) {
        if (!seen.add(event.key())) {
            return Optional.empty();
        }
        if (event.body() instanceof QueueEvent.HelpRequested) {
            helpRequests.put(event.key(), HelpRequest.of(event));
            return Optional.empty();
        }
        if (event.body() instanceof QueueEvent.OfCounter counterEvent) {
            Entity<Boolean> entity = pausedCounters.computeIfAbsent(counterEvent.counter(), n -> new Entity<>());
            entity.add(event, QueueState::foldPause);
            return Optional.empty();
        }
        TicketId id = ((QueueEvent.OfTicket) event.body()).ticket();
        Entity<Ticket> entity = tickets.computeIfAbsent(id, k -> {
            numbersInUse.computeIfAbsent(new Line(k.day(), k.field()), l -> new TreeSet<>()).add(k.number());
            return new Entity<>();
        });
        Ticket before = entity.value;
        entity.add(event, TicketFold::apply);
        reindex(before, entity.value);
        return Optional.ofNullable(entity.value);
    }

    private static Boolean foldPause(Boolean previous, Event event) {
        return event.body() instanceof QueueEvent.CounterPaused;
    }

    private void reindex(Ticket before, Ticket after) {
        if (before != null) {
            if (before.status().isWaiting()) {
                waiting.get(Line.of(before)).remove(before);
            }
            if (before.status() == TicketStatus.CALLED) {
                calledByCounter.get(before.counter()).remove(before.id());
            }
        }
        if (after != null) {
            if (after.status().isWaiting()) {
                waiting.computeIfAbsent(Line.of(after), k -> new TreeSet<>(CallOrder.COMPARATOR)).add(after);
            }
            if (after.status() == TicketStatus.CALLED) {
                calledByCounter.computeIfAbsent(after.counter(), k -> new HashMap<>()).put(after.id(), after);
            }
        }
    }

    public Optional<Ticket> ticket(TicketId id) {
        Entity<Ticket> entity = tickets.get(id);
        return entity == null ? Optional.empty() : Optional.ofNullable(entity.value);
    }

    /** Every ticket this state knows, in no particular order. */
    public List<Ticket> tickets() {
        List<Ticket> all = new ArrayList<>(tickets.size());
        for (Entity<Ticket> entity : tickets.values()) {
            if (entity.value != null) {
                all.add(entity.value);
            }
        }
        return all;
    }

    /** The waiting line of a field on a day, in call order. */
    public List<Ticket> waiting(LocalDate day, String field) {
        NavigableSet<Ticket> line = waiting.get(new Line(day, field));
        return line == null ? List.of() : List.copyOf(line);
    }

    public int waitingCount(LocalDate day, String field) {
        NavigableSet<Ticket> line = waiting.get(new Line(day, field));
        return line == null ? 0 : line.size();
    }

    /** The ticket a counter serving {@code fields} would call next, if anyone waits. */
    public Optional<Ticket> nextFor(LocalDate day, Collection<String> fields) {
        Ticket best = null;
        for (String field : fields) {
            NavigableSet<Ticket> line = waiting.get(new Line(day, field));
            if (line != null && !line.isEmpty()) {
                Ticket head = line.first();
                if (best == null || CallOrder.COMPARATOR.compare(head, best) < 0) {
                    best = head;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The first {@code limit} tickets a counter serving {@code fields} would call, in call order, were it the only
     * counter calling (other counters of the same fields may take some of them first).
     */
    public List<Ticket> upcomingFor(LocalDate day, Collection<String> fields, int limit) {
        List<Ticket> all = new ArrayList<>();
        for (String field : fields) {
            NavigableSet<Ticket> line = waiting.get(new Line(day, field));
            if (line != null) {
                line.stream().limit(limit).forEach(all::add);
            }
        }
        all.sort(CallOrder.COMPARATOR);
        return all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
    }

    /** The head of a field's line, skipping {@code excluded} (the ticket about to be called). */
    public Optional<Ticket> headExcluding(LocalDate day, String field, TicketId excluded) {
        NavigableSet<Ticket> line = waiting.get(new Line(day, field));
        if (line == null) {
            return Optional.empty();
        }
        for (Ticket t : line) {
            if (!t.id().equals(excluded)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** How many tickets are ahead of {@code id} in its line; empty if it is not waiting. */
    public Optional<Integer> ahead(TicketId id) {
        Optional<Ticket> ticket = ticket(id).filter(t -> t.status().isWaiting());
        if (ticket.isEmpty()) {
            return Optional.empty();
        }
        NavigableSet<Ticket> line = waiting.get(Line.of(ticket.get()));
        return Optional.of(line.headSet(ticket.get(), false).size());
    }

    /** The ticket most recently called to a counter on a day and not yet finished. */
    public Optional<Ticket> currentAt(LocalDate day, int counter) {
        Map<TicketId, Ticket> called = calledByCounter.getOrDefault(counter, Collections.emptyMap());
        Ticket latest = null;
        for (Ticket t : called.values()) {
            if (t.id().day().equals(day) && (latest == null || t.calledAt().compareTo(latest.calledAt()) > 0)) {
                latest = t;
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * The highest number of {@code field} on {@code day} within {@code first..last} that any event in
     * this log names, so a device that lost its number series never hands one out again.
     */
    public Optional<Integer> highestNumber(LocalDate day, String field, int first, int last) {
        NavigableSet<Integer> numbers = numbersInUse.get(new Line(day, field));
        return numbers == null ? Optional.empty() : Optional.ofNullable(numbers.floor(last)).filter(n -> n >= first);
    }

    /** How many times the ticket has been printed ({@code TICKET_PRINTED} events in the log). */
    public int printCount(TicketId id) {
        Entity<Ticket> entity = tickets.get(id);
        return entity == null ? 0
                : (int) entity.events.stream().filter(e -> e.body() instanceof QueueEvent.TicketPrinted).count();
    }

    /**
     * The services finished on {@code day}: each served ticket's last call and its "served", with the field it
     * was served in (after a transfer, the new one).
     */
    public List<ServiceSample> servedOn(LocalDate day) {
        List<ServiceSample> served = new ArrayList<>();
        for (Map.Entry<TicketId, Entity<Ticket>> e : tickets.entrySet()) {
            Ticket t = e.getValue().value;
            if (t == null || t.status() != TicketStatus.SERVED || !e.getKey().day().equals(day)) {
                continue;
            }
            Event lastCall = null;
            for (Event event : e.getValue().events) {
                if (event.body() instanceof QueueEvent.Called) {
                    lastCall = event;
                } else if (event.body() instanceof QueueEvent.Served s && lastCall != null) {
                    served.add(new ServiceSample(t.servingField(), s.counter(),
                            Instant.ofEpochMilli(lastCall.hlc().wallMillis()), Instant.ofEpochMilli(event.hlc().wallMillis())));
                    lastCall = null;
                }
            }
        }
        return served;
    }

    /** The counters whose last counter event is a pause. */
    public Set<Integer> pausedCounters() {
        Set<Integer> paused = new HashSet<>();
        pausedCounters.forEach((counter, entity) -> {
            if (Boolean.TRUE.equals(entity.value)) {
                paused.add(counter);
            }
        });
        return paused;
    }

    /** The help requests of kiosks folded in, earliest first. */
    public List<HelpRequest> helpRequests() {
        List<HelpRequest> all = new ArrayList<>(helpRequests.values());
        all.sort(java.util.Comparator.comparing(HelpRequest::at).thenComparing(HelpRequest::deviceId));
        return all;
    }

    public boolean isPaused(int counter) {
        Entity<Boolean> entity = pausedCounters.get(counter);
        return entity != null && Boolean.TRUE.equals(entity.value);
    }

    public boolean contains(Event.Key key) {
        return seen.contains(key);
    }

    public int eventCount() {
        return seen.size();
    }

    /** A field's line on a day. */
    private record Line(LocalDate day, String field) {
        static Line of(Ticket t) {
            return new Line(t.id().day(), t.servingField());
        }
    }

    /** One ticket's or counter's events in log order, and their fold. */
    private static final class Entity<T> {
        private final List<Event> events = new ArrayList<>(4);
        private T value;

        void add(Event event, java.util.function.BiFunction<T, Event, T> step) {
            int last = events.size() - 1;
            if (last < 0 || Event.LOG_ORDER.compare(event, events.get(last)) > 0) {
                events.add(event);
                value = step.apply(value, event);
                return;
            }
            int at = Collections.binarySearch(events, event, Event.LOG_ORDER);
            events.add(-at - 1, event);
            T refolded = null;
            for (Event e : events) {
                refolded = step.apply(refolded, e);
            }
            value = refolded;
        }
    }
}
