package vn.luot.core.queue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.event.QueueEvent;

/**
 * What a counter operation decides, as pure functions of the branch and the queue state. The result
 * is the events to append; nothing here writes anything. Every call has an outcome, so a button press
 * never silently does nothing.
 */
public final class CounterOperations {

    private CounterOperations() {
    }

    public enum Outcome {
        CALLED,
        RECALLED,
        TRANSFERRED,
        PAUSED,
        RESUMED,
        RATED,
        /** The current ticket was served and nobody was called: before a break, or at the end of the day. */
        FINISHED,
        /** The current ticket (if any) was finished, but nobody is waiting. */
        NOBODY_WAITING,
        /** RECALL, NO-SHOW, TRANSFER or a rating with no ticket at the counter. */
        NO_CURRENT_TICKET,
        /** NEXT on a paused counter: resume it first. */
        COUNTER_PAUSED,
        UNKNOWN_COUNTER,
        UNKNOWN_FIELD
    }

    /**
     * @param called   the ticket now called to the counter, if any
     * @param finished the ticket the operation finished (served, absent, transferred), if any
     */
    public record Decision(Outcome outcome, int counter, List<QueueEvent> events, Ticket called, Ticket finished) {
        public Decision {
            events = List.copyOf(events);
        }

        public Optional<Ticket> calledTicket() {
            return Optional.ofNullable(called);
        }
    }

    /** NEXT: the current ticket is served, and the next one in call order is called. */
    public static Decision next(Branch branch, QueueState state, LocalDate day, int counterNumber) {
        return finishAndCall(branch, state, day, counterNumber, false);
    }

    /** NO-SHOW: the current ticket is marked absent, and the next one is called. */
    public static Decision noShow(Branch branch, QueueState state, LocalDate day, int counterNumber) {
        return finishAndCall(branch, state, day, counterNumber, true);
    }

    private static Decision finishAndCall(Branch branch, QueueState state, LocalDate day, int counterNumber,
                                          boolean absent) {
        Optional<Counter> counter = branch.counter(counterNumber);
        if (counter.isEmpty()) {
            return refusal(Outcome.UNKNOWN_COUNTER, counterNumber);
        }
        Optional<Ticket> current = state.currentAt(day, counterNumber);
        if (absent && current.isEmpty()) {
            return refusal(Outcome.NO_CURRENT_TICKET, counterNumber);
        }
        if (state.isPaused(counterNumber)) {
            return refusal(Outcome.COUNTER_PAUSED, counterNumber);
        }
        List<QueueEvent> events = new ArrayList<>(2);
        current.ifPresent(t -> events.add(absent
                ? new QueueEvent.CalledNoShow(t.id(), counterNumber)
                : new QueueEvent.Served(t.id(), counterNumber)));
        Optional<Ticket> next = state.nextFor(day, counter.get().fieldCodes());
        next.ifPresent(t -> events.add(new QueueEvent.Called(t.id(), counterNumber)));
        return new Decision(next.isPresent() ? Outcome.CALLED : Outcome.NOBODY_WAITING, counterNumber, events,
                next.orElse(null), current.orElse(null));
    }

    /**
     * FINISH: the current ticket is served and nobody is called, so a break that follows does not count as
     * service time. The same Served event as NEXT, so every device folds it as it folds a NEXT.
     */
    public static Decision finish(Branch branch, QueueState state, LocalDate day, int counterNumber) {
        if (branch.counter(counterNumber).isEmpty()) {
            return refusal(Outcome.UNKNOWN_COUNTER, counterNumber);
        }
        return state.currentAt(day, counterNumber)
                .map(t -> new Decision(Outcome.FINISHED, counterNumber,
                        List.of(new QueueEvent.Served(t.id(), counterNumber)), null, t))
                .orElseGet(() -> refusal(Outcome.NO_CURRENT_TICKET, counterNumber));
    }

    /** RECALL: call the current ticket again (the boards blink, the voice repeats). */
    public static Decision recall(Branch branch, QueueState state, LocalDate day, int counterNumber) {
        if (branch.counter(counterNumber).isEmpty()) {
            return refusal(Outcome.UNKNOWN_COUNTER, counterNumber);
        }
        return state.currentAt(day, counterNumber)
                .map(t -> new Decision(Outcome.RECALLED, counterNumber,
                        List.of(new QueueEvent.Recalled(t.id(), counterNumber)), t, null))
                .orElseGet(() -> refusal(Outcome.NO_CURRENT_TICKET, counterNumber));
    }

    /** TRANSFER: the current ticket goes to the front of another field's line, keeping its number. */
    public static Decision transfer(Branch branch, QueueState state, LocalDate day, int counterNumber,
                                    String toField) {
        if (branch.counter(counterNumber).isEmpty()) {
            return refusal(Outcome.UNKNOWN_COUNTER, counterNumber);
        }
        if (branch.field(toField).isEmpty() || branch.countersServing(toField).isEmpty()) {
            return refusal(Outcome.UNKNOWN_FIELD, counterNumber);
        }
        return state.currentAt(day, counterNumber)
                .map(t -> new Decision(Outcome.TRANSFERRED, counterNumber,
                        List.of(new QueueEvent.Transferred(t.id(), counterNumber, toField)), null, t))
                .orElseGet(() -> refusal(Outcome.NO_CURRENT_TICKET, counterNumber));
    }

    public static Decision pause(Branch branch, QueueState state, int counterNumber) {
        if (branch.counter(counterNumber).isEmpty()) {
            return refusal(Outcome.UNKNOWN_COUNTER, counterNumber);
        }
        List<QueueEvent> events = state.isPaused(counterNumber) ? List.of()
                : List.of(new QueueEvent.CounterPaused(counterNumber));
        return new Decision(Outcome.PAUSED, counterNumber, events, null, null);
    }

    public static Decision resume(Branch branch, QueueState state, int counterNumber) {
        if (branch.counter(counterNumber).isEmpty()) {
            return refusal(Outcome.UNKNOWN_COUNTER, counterNumber);
        }
        List<QueueEvent> events = state.isPaused(counterNumber)
                ? List.of(new QueueEvent.CounterResumed(counterNumber)) : List.of();
        return new Decision(Outcome.RESUMED, counterNumber, events, null, null);
    }

    /** A rating from the counter's keypad, for the ticket at the counter or else the one it served last. */
    public static Decision rate(Branch branch, QueueState state, LocalDate day, int counterNumber, Rating rating) {
        if (branch.counter(counterNumber).isEmpty()) {
            return refusal(Outcome.UNKNOWN_COUNTER, counterNumber);
        }
        Optional<Ticket> target = state.currentAt(day, counterNumber).or(() -> state.tickets().stream()
                .filter(t -> t.id().day().equals(day) && t.counter() == counterNumber
                        && t.status() == TicketStatus.SERVED && t.calledAt() != null)
                .max(Comparator.comparing(Ticket::calledAt)));
        return target
                .map(t -> new Decision(Outcome.RATED, counterNumber,
                        List.of(new QueueEvent.RatingGiven(t.id(), counterNumber, rating)), null, t))
                .orElseGet(() -> refusal(Outcome.NO_CURRENT_TICKET, counterNumber));
    }

    /**
     * The "1 number away" events now due: the head of each given field's line that has not been told
     * yet. Called after an operation's events have been folded in.
     */
    public static List<QueueEvent> approachingDue(QueueState state, LocalDate day, Collection<String> fields) {
        List<QueueEvent> due = new ArrayList<>();
        for (String field : new LinkedHashSet<>(fields)) {
            List<Ticket> line = state.waiting(day, field);
            if (!line.isEmpty() && !line.get(0).approachingSent()) {
                due.add(new QueueEvent.Approaching(line.get(0).id()));
            }
        }
        return due;
    }

    /** The fields whose lines an operation may have changed. */
    public static Set<String> affectedFields(Branch branch, Decision decision) {
        Set<String> fields = new LinkedHashSet<>();
        branch.counter(decision.counter()).ifPresent(c -> fields.addAll(c.fieldCodes()));
        for (QueueEvent e : decision.events()) {
            if (e instanceof QueueEvent.Transferred t) {
                fields.add(t.toField());
            }
        }
        return fields;
    }

    private static Decision refusal(Outcome outcome, int counter) {
        return new Decision(outcome, counter, List.of(), null, null);
    }
}
