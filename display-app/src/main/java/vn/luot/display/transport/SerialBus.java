package vn.luot.display.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.display.board.BoardBus;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.protocol.Answer;
import vn.luot.display.protocol.BoardProtocol;

/**
 * An RS-485 bus on one serial port (or a serial-device server's TCP port, {@code tcp://host:port}), shared by several boards at their own addresses.
 *
 * <ul>
 *   <li>Requests are serialised: one request and its answer at a time, as RS-485 half duplex needs. A waiting
 *       {@link BoardBus.Priority#CALL} goes ahead of every waiting REFRESH, so a citizen's number never waits
 *       behind the boards' periodic refresh; among equals, first come first served. A call announced while it
 *       is being decided ({@link #callComing()}) keeps new refreshes off the wire already. A refresh already on
 *       the wire when a call waits is not followed by its read-back or its retries (the next refresh checks),
 *       and gives up an answer that has not started {@code answerStartWhileCallWaits} after its request (a
 *       board already NOT_ANSWERING: one inter-frame silence): a call waits for at most the one exchange on
 *       the wire, never for a silent board's answer timeout.</li>
 *   <li>Between the end of one frame on the wire and the start of the next there are at least 3.5 character
 *       times of silence (1.75 ms above 19200 baud), as Modbus RTU framing needs; computed from the line
 *       settings. The silence is observed, not assumed: bytes still arriving (a late answer, the rest of a
 *       garbled one) are thrown away and restart it, so a request never goes out into an answer still on the
 *       wire, which would collide with it and leave the next answer misaligned.</li>
 *   <li>A request that gets no valid answer within the answer timeout is sent again, up to {@code attempts}
 *       times. A board becomes NOT_ANSWERING only after {@code failuresBeforeNotAnswering} such exchanges in
 *       a row, and ONLINE again after {@code answersBeforeOnline} answered ones, so one lost frame does not
 *       make it flap.</li>
 *   <li>When the port fails (USB adapter pulled), it is closed and reopened by a watchdog every
 *       {@code watchdogInterval}; the bus reports OFFLINE only after {@code reopenFailuresBeforeOffline}
 *       failed reopenings; until then the boards are UNKNOWN. When the port comes back, OFFLINE declared or
 *       not, every board starts again from UNKNOWN and the listeners are told the port is open, so what the
 *       boards missed meanwhile can be sent again.</li>
 * </ul>
 *
 * <p>Thread policy: {@link #exchange} runs on the caller's thread (never the JavaFX thread); the watchdog has
 * its own daemon thread. The line belongs to whoever holds the turn on the wire ({@link WireTurns}); the boards'
 * health and the port's status ({@link BusHealth}) are locked only to read or update them, so {@link #status}
 * never waits behind an exchange (a call's own bookkeeping once waited there for a whole refresh transaction).
 * Status listeners are called on either thread, outside both; they must not block.
 * Any failure of the watchdog is logged and reported as a port status, never left on its thread.
 */
public final class SerialBus implements BoardBus, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SerialBus.class.getName());

    private final String path;
    private final SerialLine.Settings settings;
    private final int attempts;
    private final Duration watchdogInterval;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    /** The boards' health and the port's status: never locked across I/O. */
    private final BusHealth health;
    private final ScheduledExecutorService watchdog;

    private final WireTiming timing;
    private final long answerStartNanos;
    private final WireTurns turns = new WireTurns();

    // owned by the holder of the turn (volatile: the watchdog and close() look at it)
    private volatile Line line;
    private volatile boolean closed;

    private SerialBus(Builder b) {
        this.path = b.path;
        this.settings = b.settings;
        this.timing = new WireTiming(b.settings, b.answerTimeout.toNanos());
        this.answerStartNanos = b.answerStartWhileCallWaits.toNanos();
        this.attempts = b.attempts;
        this.health = new BusHealth(path, b.failuresBeforeNotAnswering, b.answersBeforeOnline,
                b.reopenFailuresBeforeOffline, listeners);
        this.watchdogInterval = b.watchdogInterval;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "led-bus-watchdog " + path);
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** What {@link #start()} found: the composition root fails loudly on a configured port that is missing. */
    public record PortState(boolean open, String detail) {
    }

    /** Opens the port and starts the watchdog. The bus keeps trying to (re)open in the background either way. */
    public PortState start() {
        List<Runnable> events = new ArrayList<>();
        PortState state;
        try {
            turns.acquire(Priority.CALL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PortState(false, "interrupted while opening");
        }
        try {
            reopen(events);
            state = new PortState(line != null, line != null ? "open" : health.lastPortProblem());
        } finally {
            turns.release();
        }
        fire(events);
        long period = watchdogInterval.toMillis();
        watchdog.scheduleWithFixedDelay(this::watch, period, period, TimeUnit.MILLISECONDS);
        return state;
    }

    public void addStatusListener(StatusListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public String path() {
        return path;
    }

    public boolean isOffline() {
        return health.isOffline();
    }

    @Override
    public BoardStatus status(int address) {
        return health.status(address);
    }

    /** Exchanges waiting for their turn on the wire (for tests). */
    int waitingForTurn() {
        return turns.waiting();
    }

    @Override
    public CallAhead callComing() {
        return turns.callComing();
    }

    /** The silence kept between frames on this bus. */
    public Duration interFrameSilence() {
        return Duration.ofNanos(timing.silenceNanos());
    }

    @Override
    public List<Exchange> inTurn(BoardProtocol protocol, int address, List<byte[]> requests, Priority priority,
                                 java.util.function.BooleanSupplier stillWanted) {
        List<Runnable> events = new ArrayList<>();
        List<Exchange> results = new ArrayList<>();
        try {
            turns.acquire(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new Exchange(status(address), null));
        }
        try {
            if (!stillWanted.getAsBoolean()) {
                return List.of();
            }
            boolean yields = priority == Priority.REFRESH;
            for (byte[] request : requests) {
                if (yields && !results.isEmpty() && turns.callsWaiting()) {
                    break; // the read-back of a refresh waits for the next refresh, not a citizen
                }
                Exchange e = exchangeInTurn(protocol, address, request, yields, events);
                results.add(e);
                if (e.answer() == null) {
                    break;
                }
            }
        } finally {
            turns.release();
        }
        fire(events);
        return results;
    }

    /** {@code yieldsToCalls}: a retry is not sent while a call waits (the next refresh sends it again). */
    private Exchange exchangeInTurn(BoardProtocol protocol, int address, byte[] request, boolean yieldsToCalls,
                                    List<Runnable> events) {
        if (closed) {
            return new Exchange(BoardStatus.OFFLINE, null);
        }
        if (line == null) {
            reopen(events);
            if (line == null) {
                return new Exchange(status(address), null);
            }
        }
        String lastProblem = "no answer";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && yieldsToCalls && turns.callsWaiting()) {
                // Neither a failure nor an answer: the board's health is judged by exchanges that ran their course.
                return new Exchange(status(address), null);
            }
            if (!timing.awaitQuiet(line) || !line.write(request)) {
                portLost("write failed", events);
                return new Exchange(status(address), null);
            }
            timing.sent(request.length);
            if (protocol.isBroadcast(address)) {
                return new Exchange(BoardStatus.ONLINE, null);
            }
            // A board known silent is given up on after one silence; others get the answer time boards are allowed.
            long answerStart = health.status(address) == BoardStatus.NOT_ANSWERING ? timing.silenceNanos()
                    : answerStartNanos;
            Answer answer = timing.readAnswer(line, protocol, address, request,
                    yieldsToCalls ? turns::callsWaiting : null, answerStart);
            if (answer == WireTiming.GAVE_WAY) {
                // Neither a failure nor an answer, as a retry not sent for a call.
                return new Exchange(status(address), null);
            }
            if (answer == null) {
                portLost("read failed", events);
                return new Exchange(status(address), null);
            }
            if (answer instanceof Answer.Accepted || answer instanceof Answer.Refused || answer instanceof Answer.Read) {
                return new Exchange(health.record(address, true, events), answer);
            }
            lastProblem = answer instanceof Answer.Garbage g ? g.why() : "no answer within timeout";
            int n = attempt;
            String why = lastProblem;
            LOG.fine(() -> path + ": board " + address + " attempt " + n + ": " + why);
        }
        String why = lastProblem;
        LOG.fine(() -> path + ": board " + address + " gave no valid answer in " + attempts + " attempts: " + why);
        return new Exchange(health.record(address, false, events), null);
    }

    /** Only with the turn held. */
    private void portLost(String why, List<Runnable> events) {
        LOG.warning(() -> path + ": " + why + "; closing the port to reopen it");
        Line gone = line;
        if (gone != null) {
            gone.close();
            line = null;
        }
        health.portLost(why);
        reopen(events);
    }

    /** Only with the turn held (close() waits for it, so a port opened here is closed there). */
    private void reopen(List<Runnable> events) {
        if (closed) {
            return;
        }
        Line.Opening opening = Line.open(path, settings);
        if (opening instanceof Line.Opening.Opened opened) {
            line = opened.line();
            health.opened(events);
        } else {
            health.openFailed(((Line.Opening.Failed) opening).reason(), events);
        }
    }

    /** The watchdog's tick: notices a pulled adapter even when nothing is being sent, and reopens. */
    void watch() {
        List<Runnable> events = new ArrayList<>();
        // A wire in use needs no watching: its exchange notices a dead port itself. Never make a call wait.
        if (!turns.tryAcquireIdle()) {
            return;
        }
        try {
            if (closed) {
                return;
            }
            Line current = line;
            if (current != null && !current.isAlive()) {
                portLost("port stopped answering the operating system", events);
            } else if (current == null) {
                reopen(events);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, path + ": watchdog failed", e);
            events.add(() -> listeners.forEach(l -> l.portChanged(false, "watchdog failed: " + e)));
        } finally {
            turns.release();
        }
        fire(events);
    }

    private void fire(List<Runnable> events) {
        for (Runnable event : events) {
            try {
                event.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, path + ": a status listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        closed = true;
        // Waits for the exchange on the wire (closed: nothing new starts), so the port is not pulled from under it.
        turns.acquireUninterruptibly();
        try {
            Line open = line;
            if (open != null) {
                open.close();
                line = null;
            }
        } finally {
            turns.release();
        }
    }

    /** Options of a bus; only the port path is required. */
    public static final class Builder {
        private final String path;
        private SerialLine.Settings settings = SerialLine.Settings.DEFAULT;
        private Duration answerTimeout = Duration.ofMillis(100);
        private Duration answerStartWhileCallWaits = Duration.ofMillis(50);
        private int attempts = 3;
        private int failuresBeforeNotAnswering = 2;
        private int answersBeforeOnline = 2;
        private int reopenFailuresBeforeOffline = 3;
        private Duration watchdogInterval = Duration.ofMillis(500);

        private Builder(String path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        public Builder settings(SerialLine.Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How long to wait for an answer; boards answer within 50 ms, plus the frame's time on the wire. */
        public Builder answerTimeout(Duration timeout) {
            this.answerTimeout = positive(timeout, "answerTimeout");
            return this;
        }

        /**
         * While a call waits, how long a refresh waits for the first byte of an answer after its request left the
         * wire before it gives the wire up: 50 ms, the time a board has to start answering
         * ({@code hardware-docs/led-protocol.md}); the call's inter-frame silence gives a late answer 3.5
         * character times more to show up and be drained.
         */
        public Builder answerStartWhileCallWaits(Duration time) {
            this.answerStartWhileCallWaits = positive(time, "answerStartWhileCallWaits");
            return this;
        }

        /** Sends per request, the first included. */
        public Builder attempts(int attempts) {
            this.attempts = atLeastOne(attempts, "attempts");
            return this;
        }

        public Builder failuresBeforeNotAnswering(int n) {
            this.failuresBeforeNotAnswering = atLeastOne(n, "failuresBeforeNotAnswering");
            return this;
        }

        public Builder answersBeforeOnline(int n) {
            this.answersBeforeOnline = atLeastOne(n, "answersBeforeOnline");
            return this;
        }

        public Builder reopenFailuresBeforeOffline(int n) {
            this.reopenFailuresBeforeOffline = atLeastOne(n, "reopenFailuresBeforeOffline");
            return this;
        }

        public Builder watchdogInterval(Duration interval) {
            this.watchdogInterval = positive(interval, "watchdogInterval");
            return this;
        }

        public SerialBus build() {
            return new SerialBus(this);
        }

        private static int atLeastOne(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + n);
            }
            return n;
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
