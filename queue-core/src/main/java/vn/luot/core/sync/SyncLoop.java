package vn.luot.core.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Keeps a device in sync in the background: push then pull every {@code interval} while the upstream
 * answers, and after a failure wait with {@link Backoff} before the next try. The device works the
 * same with no connection at all; this only drains its outbox when it can.
 *
 * <p>Runs on the executor it is given (one thread is enough); listeners are called on that thread and
 * must hand UI work to their own thread.
 */
public final class SyncLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncLoop.class.getName());

    /** What a status corner shows: online, or offline since when, and what is waiting. */
    public record Status(boolean online, Instant offlineSince, int outboxDepth, ClockTrust.State clock,
                         SyncException.Kind lastFailure) {
    }

    private final SyncClient client;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Clock clock;
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();

    private int failures;
    private volatile Status status;
    private ScheduledFuture<?> next;
    private boolean closed;

    public SyncLoop(SyncClient client, ScheduledExecutorService executor, Duration interval, Backoff backoff,
                    RandomGenerator random, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.interval = interval;
        this.backoff = backoff;
        this.random = random;
        this.clock = clock;
        this.status = new Status(false, clock.instant(), 0, ClockTrust.State.UNKNOWN, null);
    }

    public void addListener(Consumer<Status> listener) {
        listeners.add(listener);
    }

    public Status status() {
        return status;
    }

    public synchronized void start() {
        schedule(Duration.ZERO);
    }

    /** Syncs as soon as possible, e.g. right after a check-in, instead of at the next tick. */
    public synchronized void syncNow() {
        if (failures == 0) {
            schedule(Duration.ZERO);
        }
    }

    private synchronized void schedule(Duration delay) {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = executor.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        Duration wait;
        try {
            client.push();
            client.pull();
            synchronized (this) {
                failures = 0;
            }
            publish(new Status(true, null, client.outboxDepth(), client.clockTrust().state(), null));
            wait = interval;
        } catch (SyncException e) {
            int n;
            synchronized (this) {
                n = ++failures;
            }
            Instant since = status.online() || status.offlineSince() == null ? clock.instant() : status.offlineSince();
            publish(new Status(false, since, safeDepth(), client.clockTrust().state(), e.kind()));
            if (n == 1 || n % 20 == 0) {
                LOG.log(Level.WARNING, "sync failed (" + e.kind() + ", " + n + " in a row): " + e.getMessage());
            }
            wait = backoff.delay(n, random).plus(Duration.ofMillis(100));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "sync round failed", e);
            wait = interval;
        }
        schedule(wait);
    }

    private int safeDepth() {
        try {
            return client.outboxDepth();
        } catch (RuntimeException e) {
            return status.outboxDepth();
        }
    }

    private void publish(Status s) {
        status = s;
        for (Consumer<Status> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sync status listener failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
