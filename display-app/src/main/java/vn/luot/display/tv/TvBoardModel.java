package vn.luot.display.tv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.wait.QueueLoad;
import vn.luot.core.wait.WaitEstimate;
import vn.luot.core.wait.WaitEstimator;
import vn.luot.display.calls.CallDesk;

/**
 * The waiting-area TV board as values, free of JavaFX: the only class of the board that reaches the queue.
 * {@link #refresh()} reads the queue and publishes a {@link State}; the view draws it. Numbers only: a state
 * holds ticket labels, counter numbers and counts, never a name or an ID.
 *
 * <p>Thread policy: every method may be called from any thread (calls, sync, the clock tick) and is
 * serialised here; listeners are called on the caller's thread and must hand drawing to the UI thread
 * themselves (the view does, with one {@code Platform.runLater}).
 */
public final class TvBoardModel {

    private static final Logger LOG = Logger.getLogger(TvBoardModel.class.getName());
    private static final int RECENT_CALLS = 6;

    /** One counter's line on the board; {@code serving} is empty when it serves nobody. */
    public record CounterRow(int counter, String serving, boolean paused) {
    }

    public record RecentCall(String label, int counter, LocalTime at) {
    }

    /** A field's waiting line: how many wait, and how long a new arrival would (the branch's one estimate). */
    public record FieldRow(String code, String nameVi, String nameEn, int waiting, WaitEstimate estimate) {
    }

    /** The call shown large: "Mời số HT-012 đến quầy 5". */
    public record LatestCall(String label, int counter, Instant at) {
    }

    /**
     * Everything the TV shows at one moment. {@code latest} is null before the first call of the day;
     * {@code online} is the upstream link (null: this device has no upstream configured).
     */
    public record State(String branchName, LocalDateTime now, LatestCall latest, boolean blinking,
                        List<CounterRow> counters, List<RecentCall> recent, List<FieldRow> fields, String ticker,
                        Boolean online, long version) {
        public State {
            counters = List.copyOf(counters);
            recent = List.copyOf(recent);
            fields = List.copyOf(fields);
        }

        public CounterRow counter(int number) {
            return counters.stream().filter(c -> c.counter() == number).findFirst().orElseThrow();
        }
    }

    private final LocalQueue queue;
    private final Branch branch;
    private final Clock clock;
    private final Duration blinkFor;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();

    private String ticker;
    private Boolean online;
    private LatestCall highlighted;
    private long version;
    private State state;

    public TvBoardModel(LocalQueue queue, Clock clock, String ticker) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.branch = queue.branch();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.blinkFor = Duration.ofSeconds(CallDesk.BLINK_SECONDS);
        this.ticker = ticker == null ? "" : ticker;
    }

    public void addListener(Consumer<State> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The state last published (computing one if none was). */
    public synchronized State state() {
        return state == null ? compute() : state;
    }

    /** A call or recall from the call desk: shown large and blinking from now. */
    public void called(CallDesk.Called call) {
        synchronized (this) {
            highlighted = new LatestCall(call.ticket().label(), call.counter(), clock.instant());
        }
        refresh();
    }

    public void ticker(String text) {
        synchronized (this) {
            ticker = text == null ? "" : text;
        }
        refresh();
    }

    /** The upstream link went up or down (from the sync loop's status). */
    public void online(boolean isOnline) {
        synchronized (this) {
            if (Boolean.valueOf(isOnline).equals(online)) {
                return;
            }
            online = isOnline;
        }
        refresh();
    }

    /** Reads the queue and tells the listeners. Call it on every change and once a second for the clock. */
    public State refresh() {
        State s;
        synchronized (this) {
            s = compute();
            state = s;
        }
        for (Consumer<State> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "TV board listener failed", e);
            }
        }
        return s;
    }

    private State compute() {
        Instant instant = clock.instant();
        LocalDateTime now = BranchTime.now(clock);
        LocalDate today = now.toLocalDate();
        ZoneId zone = BranchTime.ZONE;

        List<CounterRow> counters = new ArrayList<>();
        for (Counter c : branch.counters()) {
            String serving = queue.currentAt(c.number()).map(Ticket::label).orElse("");
            counters.add(new CounterRow(c.number(), serving, queue.isPaused(c.number())));
        }

        // Today's calls, newest first, from the queue: the board is right after a restart too.
        List<Ticket> calledToday = queue.tickets().stream()
                .filter(t -> t.id().day().equals(today) && t.calledAt() != null && t.counter() > 0
                        && (t.status() == TicketStatus.CALLED || t.status() == TicketStatus.SERVED
                        || t.status() == TicketStatus.CALLED_NO_SHOW))
                .sorted(Comparator.comparing(Ticket::calledAt).reversed())
                .toList();
        List<RecentCall> recent = new ArrayList<>();
        for (Ticket t : calledToday.subList(0, Math.min(RECENT_CALLS, calledToday.size()))) {
            recent.add(new RecentCall(t.label(), t.counter(),
                    Instant.ofEpochMilli(t.calledAt().wallMillis()).atZone(zone).toLocalTime().withNano(0)));
        }

        LatestCall latest = highlighted;
        if (latest != null && !latest.at().atZone(zone).toLocalDate().equals(today)) {
            latest = null; // yesterday's call has no place on this morning's board
        }
        if (latest == null && !calledToday.isEmpty()) {
            Ticket t = calledToday.get(0);
            latest = new LatestCall(t.label(), t.counter(), Instant.ofEpochMilli(t.calledAt().wallMillis()));
        }
        boolean blinking = latest != null && latest == highlighted && instant.isBefore(latest.at().plus(blinkFor));

        List<FieldRow> fields = new ArrayList<>();
        QueueLoad load = queue.load();
        for (ServiceField f : branch.fields()) {
            int waiting = load.waiting(f.code());
            fields.add(new FieldRow(f.code(), f.nameVi(), f.nameEn(), waiting,
                    WaitEstimator.estimate(branch, load, f.code(), waiting, now)));
        }
        return new State(branch.name(), now.withNano(0), latest, blinking, counters, recent, fields, ticker,
                online, ++version);
    }

}
