package vn.luot.display.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 *       behind the boards' periodic refresh; among equals, first come first served. A refresh already on the
 *       wire when a call arrives is not followed by its read-back or its retries: the next refresh checks.</li>
 *   <li>Between the end of one frame on the wire and the start of the next there are at least 3.5 character
 *       times of silence (1.75 ms above 19200 baud), as Modbus RTU framing needs; computed from the line
 *       settings.</li>
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
 * its own daemon thread. Status listeners are called on either, outside the bus lock; they must not block.
 * Any failure of the watchdog is logged and reported as a port status, never left on its thread.
 */
public final class SerialBus implements BoardBus, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SerialBus.class.getName());

    private final String path;
    private final SerialLine.Settings settings;
    private final long answerTimeoutNanos;
    private final int attempts;
    private final int failuresBeforeNotAnswering;
    private final int answersBeforeOnline;
    private final int reopenFailuresBeforeOffline;
    private final Duration watchdogInterval;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watchdog;

    // guarded by lock
    private Line line;
    /** When the wire last carried a byte (the end of our request, or of the last answer byte read). */
    private long wireQuietSince = System.nanoTime() - 1_000_000_000L;
    private final long silenceNanos;
    private final PriorityTurns turns = new PriorityTurns();
    private boolean offline;
    /** The port failed (or would not open) and is not open again yet: frames were lost, OFFLINE declared or not. */
    private boolean lost;
    private int reopenFailures;
    private String lastPortProblem = "not opened yet";
    private final Map<Integer, Health> health = new HashMap<>();
    private boolean closed;

    private static final class Health {
        BoardStatus status = BoardStatus.UNKNOWN;
        int failures;
        int answers;
    }

    private SerialBus(Builder b) {
        this.path = b.path;
        this.settings = b.settings;
        this.answerTimeoutNanos = b.answerTimeout.toNanos();
        this.attempts = b.attempts;
        this.failuresBeforeNotAnswering = b.failuresBeforeNotAnswering;
        this.answersBeforeOnline = b.answersBeforeOnline;
        this.reopenFailuresBeforeOffline = b.reopenFailuresBeforeOffline;
        this.watchdogInterval = b.watchdogInterval;
        this.silenceNanos = b.settings.interFrameNanos();
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
        lock.lock();
        try {
            reopen(events);
            state = new PortState(line != null, line != null ? "open" : lastPortProblem);
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            return offline;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BoardStatus status(int address) {
        lock.lock();
        try {
            return statusOf(address);
        } finally {
            lock.unlock();
        }
    }

    private BoardStatus statusOf(int address) {
        if (offline) {
            return BoardStatus.OFFLINE;
        }
        if (lost) {
            // The port failed and is being reopened: what the boards show is not known (never a stale ONLINE).
            return BoardStatus.UNKNOWN;
        }
        Health h = health.get(address);
        return h == null ? BoardStatus.UNKNOWN : h.status;
    }

    /** Exchanges waiting for their turn on the wire (for tests). */
    int waitingForTurn() {
        return turns.waiting();
    }

    /** The silence kept between frames on this bus. */
    public Duration interFrameSilence() {
        return Duration.ofNanos(silenceNanos);
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
            lock.lock();
            try {
                boolean yields = priority == Priority.REFRESH;
                for (byte[] request : requests) {
                    if (yields && !results.isEmpty() && turns.callsWaiting()) {
                        break; // the read-back of a refresh waits for the next refresh, not a citizen
                    }
                    Exchange e = exchangeLocked(protocol, address, request, yields, events);
                    results.add(e);
                    if (e.answer() == null) {
                        break;
                    }
                }
            } finally {
                lock.unlock();
            }
        } finally {
            turns.release();
        }
        fire(events);
        return results;
    }

    /**
     * Whose turn the wire is: at most one holder; CALLs waiting go first, then REFRESHes, each in arrival order.
     * Apart from the state lock so that status reads and the watchdog never wait behind the queue.
     */
    private static final class PriorityTurns {
        private final ReentrantLock turnLock = new ReentrantLock();
        private final java.util.concurrent.locks.Condition changed = turnLock.newCondition();
        private final java.util.ArrayDeque<Object> calls = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<Object> refreshes = new java.util.ArrayDeque<>();
        private boolean held;

        boolean callsWaiting() {
            turnLock.lock();
            try {
                return !calls.isEmpty();
            } finally {
                turnLock.unlock();
            }
        }

        int waiting() {
            turnLock.lock();
            try {
                return calls.size() + refreshes.size();
            } finally {
                turnLock.unlock();
            }
        }

        void acquire(Priority priority) throws InterruptedException {
            Object me = new Object();
            java.util.ArrayDeque<Object> mine = priority == Priority.CALL ? calls : refreshes;
            turnLock.lock();
            try {
                mine.addLast(me);
                try {
                    while (held || mine.peekFirst() != me || (mine == refreshes && !calls.isEmpty())) {
                        changed.await();
                    }
                } catch (InterruptedException e) {
                    mine.remove(me);
                    changed.signalAll();
                    throw e;
                }
                mine.removeFirst();
                held = true;
            } finally {
                turnLock.unlock();
            }
        }

        void release() {
            turnLock.lock();
            try {
                held = false;
                changed.signalAll();
            } finally {
                turnLock.unlock();
            }
        }
    }

    /** Waits until the wire has been quiet for the inter-frame silence. */
    private void keepSilence() {
        long until = wireQuietSince + silenceNanos;
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    /** {@code yieldsToCalls}: a retry is not sent while a call waits (the next refresh sends it again). */
    private Exchange exchangeLocked(BoardProtocol protocol, int address, byte[] request, boolean yieldsToCalls,
                                    List<Runnable> events) {
        if (closed) {
            return new Exchange(BoardStatus.OFFLINE, null);
        }
        if (line == null) {
            reopen(events);
            if (line == null) {
                return new Exchange(statusOf(address), null);
            }
        }
        String lastProblem = "no answer";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && yieldsToCalls && turns.callsWaiting()) {
                // Neither a failure nor an answer: the board's health is judged by exchanges that ran their course.
                return new Exchange(statusOf(address), null);
            }
            keepSilence();
            if (!line.discardInput() || !line.write(request)) {
                portLost("write failed", events);
                return new Exchange(statusOf(address), null);
            }
            // The write returns when the bytes are queued; the wire carries them for their frame time.
            wireQuietSince = System.nanoTime() + settings.nanosFor(request.length);
            if (protocol.isBroadcast(address)) {
                return new Exchange(BoardStatus.ONLINE, null);
            }
            Answer answer = readAnswer(protocol, address, request);
            if (answer == null) {
                portLost("read failed", events);
                return new Exchange(statusOf(address), null);
            }
            if (answer instanceof Answer.Accepted || answer instanceof Answer.Refused || answer instanceof Answer.Read) {
                record(address, true, events);
                return new Exchange(statusOf(address), answer);
            }
            lastProblem = answer instanceof Answer.Garbage g ? g.why() : "no answer within timeout";
            int n = attempt;
            String why = lastProblem;
            LOG.fine(() -> path + ": board " + address + " attempt " + n + ": " + why);
        }
        String why = lastProblem;
        LOG.fine(() -> path + ": board " + address + " gave no valid answer in " + attempts + " attempts: " + why);
        record(address, false, events);
        return new Exchange(statusOf(address), null);
    }

    /** The answer, {@link Answer.Incomplete} on timeout, or null when the port failed. */
    private Answer readAnswer(BoardProtocol protocol, int address, byte[] request) {
        byte[] buffer = new byte[64];
        int length = 0;
        long deadline = System.nanoTime() + answerTimeoutNanos;
        while (true) {
            if (length > 0) {
                Answer answer = protocol.parseAnswer(address, request, buffer, length);
                if (!(answer instanceof Answer.Incomplete)) {
                    return answer;
                }
                if (length == buffer.length) {
                    return new Answer.Garbage("answer longer than " + buffer.length + " bytes");
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return length == 0 ? Answer.INCOMPLETE : new Answer.Garbage("answer cut short");
            }
            int n = line.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return null;
            }
            if (n > 0) {
                wireQuietSince = Math.max(wireQuietSince, System.nanoTime());
            }
            length += n;
        }
    }

    private void record(int address, boolean answered, List<Runnable> events) {
        Health h = health.computeIfAbsent(address, a -> new Health());
        BoardStatus before = h.status;
        if (answered) {
            h.failures = 0;
            h.answers++;
            if (h.status != BoardStatus.ONLINE && (h.status == BoardStatus.UNKNOWN || h.answers >= answersBeforeOnline)) {
                h.status = BoardStatus.ONLINE;
            }
        } else {
            h.answers = 0;
            h.failures++;
            if (h.status != BoardStatus.NOT_ANSWERING
                    && (h.status == BoardStatus.UNKNOWN || h.failures >= failuresBeforeNotAnswering)) {
                h.status = BoardStatus.NOT_ANSWERING;
            }
        }
        if (h.status != before) {
            BoardStatus now = h.status;
            LOG.info(() -> path + ": board " + address + " is " + now);
            events.add(() -> listeners.forEach(l -> l.boardStatusChanged(address, now)));
        }
    }

    private void portLost(String why, List<Runnable> events) {
        LOG.warning(() -> path + ": " + why + "; closing the port to reopen it");
        if (line != null) {
            line.close();
            line = null;
        }
        lastPortProblem = why;
        lost = true;
        reopen(events);
    }

    private void reopen(List<Runnable> events) {
        if (closed) {
            return;
        }
        Line.Opening opening = Line.open(path, settings);
        if (opening instanceof Line.Opening.Opened opened) {
            line = opened.line();
            reopenFailures = 0;
            if (offline || !health.isEmpty()) {
                LOG.info(() -> path + ": port (re)opened; boards start again from UNKNOWN");
            }
            // Lost frames need telling even when the port came back before it was declared OFFLINE (a reopen
            // within reopenFailuresBeforeOffline tries): the boards missed what was sent meanwhile.
            boolean missedFrames = offline || lost;
            offline = false;
            lost = false;
            List<Integer> known = new ArrayList<>(health.keySet());
            health.clear();
            if (missedFrames) {
                events.add(() -> listeners.forEach(l -> l.portChanged(true, "reopened " + path)));
                events.add(() -> known.forEach(a -> listeners.forEach(l -> l.boardStatusChanged(a, BoardStatus.UNKNOWN))));
            }
            return;
        }
        lastPortProblem = ((Line.Opening.Failed) opening).reason();
        lost = true;
        reopenFailures++;
        if (!offline && reopenFailures >= reopenFailuresBeforeOffline) {
            offline = true;
            String why = lastPortProblem;
            LOG.warning(() -> path + ": OFFLINE after " + reopenFailures + " failed reopenings: " + why);
            List<Integer> known = new ArrayList<>(health.keySet());
            events.add(() -> listeners.forEach(l -> l.portChanged(false, why)));
            events.add(() -> known.forEach(a -> listeners.forEach(l -> l.boardStatusChanged(a, BoardStatus.OFFLINE))));
        }
    }

    /** The watchdog's tick: notices a pulled adapter even when nothing is being sent, and reopens. */
    void watch() {
        List<Runnable> events = new ArrayList<>();
        try {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                if (line != null && !line.isAlive()) {
                    portLost("port stopped answering the operating system", events);
                } else if (line == null) {
                    reopen(events);
                }
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, path + ": watchdog failed", e);
            events.add(() -> listeners.forEach(l -> l.portChanged(false, "watchdog failed: " + e)));
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
        lock.lock();
        try {
            closed = true;
            if (line != null) {
                line.close();
                line = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Options of a bus; only the port path is required. */
    public static final class Builder {
        private final String path;
        private SerialLine.Settings settings = SerialLine.Settings.DEFAULT;
        private Duration answerTimeout = Duration.ofMillis(100);
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
