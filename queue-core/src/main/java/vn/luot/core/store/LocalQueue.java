package vn.luot.core.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Conflict;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.Ticket;
import vn.luot.core.token.TicketToken;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.privacy.CitizenHasher;
import vn.luot.core.queue.CounterOperations;
import vn.luot.core.queue.CounterOperations.Decision;
import vn.luot.core.queue.DayOperations;
import vn.luot.core.queue.QueueState;
import vn.luot.core.rules.CheckInDecision;
import vn.luot.core.rules.CheckInRules;
import vn.luot.core.rules.CheckInWindow;
import vn.luot.core.rules.WalkInRules;

/**
 * A device's queue: the rules, the durable store and the folded state, behind one lock. Each
 * operation decides with the pure rules, appends its events and the state they change in one SQLite
 * transaction, and only then answers. If the transaction fails, the in-memory state is rebuilt from
 * the file, so memory never runs ahead of disk.
 *
 * <p>Safe for concurrent use: operations are serialised, so two counters pressing NEXT at the same
 * instant get two different tickets.
 */
public final class LocalQueue implements AutoCloseable {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LocalQueue.class.getName());

    private final QueueStore store;
    private final String deviceId;
    private final Branch branch;
    private final Clock clock;
    private final CheckInRules checkInRules;
    private final NumberBlock walkInBlock;
    private final NumberAllocation numberAllocation;
    private static final String LEGACY_SALT = "citizen_salt";

    private final CitizenHasher citizenHasher;
    private final java.util.function.BooleanSupplier clockTrusted;
    private final boolean requireKnownHistory;

    private QueueState state;
    private long lastSeq;
    private Hlc lastHlc;
    private boolean historyKnown;

    private LocalQueue(Builder b, QueueStore store) {
        this.store = store;
        this.deviceId = b.deviceId;
        this.branch = b.branch;
        this.clock = b.clock;
        this.checkInRules = new CheckInRules(b.checkInWindow != null ? b.checkInWindow : CheckInWindow.of(b.branch.times()));
        this.walkInBlock = b.walkInBlock;
        this.numberAllocation = b.numberAllocation;
        this.citizenHasher = CitizenHasher.openOrCreate(
                b.citizenKeyFile != null ? b.citizenKeyFile : CitizenHasher.keyFileBeside(b.file));
        forgetSaltedRefs(store);
        this.clockTrusted = b.clockTrusted;
        this.requireKnownHistory = b.requireKnownHistory;
        reload();
        if (!historyKnown) {
            LOG.warning("device " + deviceId + " has no history of its own in " + store.file()
                    + ": it issues nothing until its upstream says which sequence numbers it used");
        }
    }

    /**
     * Before the keyed hash, the salt sat in the same file as the hashes, so an ID number could be recovered
     * from that file alone: the salt and every reference hashed with it go.
     */
    private static void forgetSaltedRefs(QueueStore store) {
        if (store.setting(LEGACY_SALT).isPresent()) {
            store.write(tx -> {
                tx.forgetSetting(LEGACY_SALT);
                tx.purgePersonalDataBefore(LocalDate.of(9999, 12, 31));
                return null;
            });
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Rebuilds the in-memory state from the file: the log is the truth. Only the open days are folded
     * (yesterday, today and the days ahead): a closed day's events stay in the file, so a start costs a
     * couple of days of events, not a year of them.
     */
    private void reload() {
        openFrom = openFromNow();
        state = QueueState.fold(store.openEvents(openFrom));
        long localSeq = store.lastSeq(deviceId);
        lastSeq = Math.max(localSeq, store.setting(SEQ_FLOOR).map(Long::parseLong).orElse(0L));
        lastHlc = store.lastHlcAtMost(deviceId, clock.millis() + Hlc.MAX_AHEAD_MILLIS);
        boolean unconfirmedEpoch = store.setting(EPOCH_UNCONFIRMED).filter("1"::equals).isPresent();
        historyKnown = !requireKnownHistory || store.setting(HISTORY_KNOWN).isPresent()
                || (localSeq > 0 && !unconfirmedEpoch);
        epochStarted = unconfirmedEpoch;
    }

    /**
     * Days before today that stay folded: yesterday's tickets are still about at midnight (a late push, the
     * report of the day). Earlier days are closed: in the file, not in memory.
     */
    public static final int OPEN_DAYS_BEFORE_TODAY = 1;

    /** How long a device below an upstream keeps closed days' events that its upstream already holds. */
    public static final int KEEP_CLOSED_DAYS = 31;

    /** How long a push answer is kept for a retry with the same Idempotency-Key. */
    public static final java.time.Duration IDEMPOTENT_ANSWERS_KEPT = java.time.Duration.ofDays(7);

    private static final int PRUNE_CHUNK = 2_000;
    private static final int PRUNE_CHUNKS_PER_CALL = 20;

    private LocalDate openFrom;

    /**
     * The first open day: the day before today, where "today" is the clock's day held within the week the
     * log itself is busy with (its latest ticket day, up to a week ahead of the clock: bookings reach six
     * days ahead). A Pi that boots in 2099 still folds the real day it receives, and one that boots in 1970
     * does not fold a year.
     */
    private LocalDate openFromNow() {
        LocalDate today = today();
        Optional<LocalDate> newest = store.latestTicketDay(today.plusDays(7));
        if (newest.isPresent()) {
            LocalDate latest = newest.get();
            if (today.isAfter(latest)) {
                today = latest;
            } else if (today.isBefore(latest.minusDays(7))) {
                today = latest.minusDays(7);
            }
        }
        return today.minusDays(OPEN_DAYS_BEFORE_TODAY);
    }

    /**
     * Refolds when the open days have moved: after midnight yesterday's events leave memory; a clock
     * corrected back, or the first events of the real day reaching a device whose clock is wrong, bring
     * the right days in.
     */
    private void rollDay() {
        if (!openFromNow().equals(openFrom)) {
            reload();
        }
    }

    /** Whether {@code e} is about a ticket of a closed day: kept in the file, not folded. */
    private boolean aboutClosedDay(Event e) {
        return e.body() instanceof QueueEvent.OfTicket t && t.ticket().day().isBefore(openFrom);
    }

    private static final String EPOCH_UNCONFIRMED = "epoch_unconfirmed";
    private boolean epochStarted;

    private static final String SEQ_FLOOR = "seq_floor";
    private static final String HISTORY_KNOWN = "history_known";

    // ---- this device's own history ----------------------------------------------------------

    /**
     * Whether this device knows which sequence numbers (and numbers) it has used. False only for a
     * device built with {@link Builder#requireKnownHistory} whose file holds none of its own events: a
     * new, replaced or truncated database. Until {@link #confirmHistory} it refuses every local event.
     */
    public synchronized boolean historyKnown() {
        return historyKnown;
    }

    /**
     * The upstream has said the highest sequence number it holds of this device; call after the day's
     * events have been pulled, so the walk-in series continues after every number the log names.
     */
    public synchronized void confirmHistory(long upstreamLastSeq) {
        long floor = Math.max(lastSeq, upstreamLastSeq);
        store.write(tx -> {
            tx.putSetting(SEQ_FLOOR, Long.toString(floor));
            tx.putSetting(HISTORY_KNOWN, clock.instant().toString());
            tx.putSetting(EPOCH_UNCONFIRMED, "0");
            return null;
        });
        epochStarted = false;
        if (!historyKnown || floor > lastSeq) {
            LOG.info("device " + deviceId + ": history confirmed by upstream, continuing after seq " + floor);
        }
        lastSeq = floor;
        historyKnown = true;
    }

    /**
     * The upstream holds events of this device up to {@code upstreamLastSeq}. More than this device
     * thinks it has made means its file lost events (restored from a backup, replaced): the sequence
     * continues after the upstream's and the contradiction is recorded as an alarm.
     */
    public synchronized void observeUpstreamSeq(long upstreamLastSeq) {
        if (upstreamLastSeq <= lastSeq) {
            return;
        }
        LOG.severe("device " + deviceId + ": upstream holds its events up to seq " + upstreamLastSeq
                + " but this log only up to " + lastSeq + "; continuing after the upstream's");
        long floor = upstreamLastSeq;
        store.write(tx -> {
            tx.putSetting(SEQ_FLOOR, Long.toString(floor));
            tx.recordAlarm(new SyncAlarm(clock.instant(), SyncAlarm.Kind.SEQ_CONFLICT, "SEQ_BEHIND_UPSTREAM",
                    "upstream", deviceId, floor, null, "this device's log ended at seq " + lastSeq
                    + ", its upstream holds up to " + floor));
            return null;
        });
        lastSeq = floor;
    }

    // ---- check-in and walk-in ---------------------------------------------------------------

    /** The result of scanning a booking: the decision, and the ticket when there is one to print. */
    public record CheckInResult(CheckInDecision decision, Ticket ticket, int ahead, List<Event> events) {
        public CheckInResult {
            events = List.copyOf(events);
        }

        public boolean refused() {
            return decision instanceof CheckInDecision.Refuse;
        }
    }

    public synchronized CheckInResult checkIn(Booking booking) {
        rollDay();
        LocalDateTime now = now();
        Ticket known = state.ticket(booking.ticketId()).orElse(null);
        CheckInDecision decision = checkInRules.evaluate(branch, booking, known, now);
        QueueEvent event;
        if (decision instanceof CheckInDecision.Accept accept) {
            event = new QueueEvent.CheckedIn(booking.ticketId(), booking.id(), booking.purpose(), accept.slot(),
                    booking.priority());
        } else if (decision instanceof CheckInDecision.Reactivate reactivate) {
            event = new QueueEvent.Reactivated(booking.ticketId(), reactivate.slot());
        } else if (decision instanceof CheckInDecision.Reprint reprint) {
            return new CheckInResult(decision, reprint.ticket(), state.ahead(reprint.ticket().id()).orElse(0),
                    List.of());
        } else {
            return new CheckInResult(decision, null, 0, List.of());
        }
        List<Event> written = commit(List.of(event), fieldsOf(booking.ticketId()), tx -> null);
        TicketId id = booking.ticketId();
        return new CheckInResult(decision, state.ticket(id).orElseThrow(), state.ahead(id).orElse(0), written);
    }

    /**
     * A printed ticket's QR scanned again at a kiosk: the same ticket to reprint, its one reactivation after a
     * missed call (a {@code REACTIVATED} event, walk-ins as bookings), or a refusal. Issues no new number.
     */
    public synchronized CheckInResult rescan(TicketToken token) {
        rollDay();
        Ticket known = state.ticket(token.ticket()).orElse(null);
        CheckInDecision decision = checkInRules.rescan(branch, token, known, now());
        if (decision instanceof CheckInDecision.Reactivate reactivate) {
            TicketId id = token.ticket();
            List<Event> written = commit(List.of(new QueueEvent.Reactivated(id, reactivate.slot())), fieldsOf(id),
                    tx -> null);
            return new CheckInResult(decision, state.ticket(id).orElseThrow(), state.ahead(id).orElse(0), written);
        }
        if (decision instanceof CheckInDecision.Reprint reprint) {
            return new CheckInResult(decision, reprint.ticket(), state.ahead(reprint.ticket().id()).orElse(0),
                    List.of());
        }
        return new CheckInResult(decision, null, 0, List.of());
    }

    /** The result of asking for a walk-in number. */
    public record WalkInResult(WalkInRules.Refusal refusal, boolean blockExhausted, Ticket ticket, int ahead,
                               List<Event> events) {
        public WalkInResult {
            events = List.copyOf(events);
        }

        public boolean issued() {
            return ticket != null;
        }
    }

    /**
     * Issues a walk-in number from this device's own block.
     *
     * @param citizenId the ID number read from a CCCD, or null; only its keyed hash is kept
     */
    public synchronized WalkInResult issueWalkIn(String field, Purpose purpose, boolean priority, String citizenId) {
        rollDay();
        LocalDateTime now = now();
        WalkInRules.Refusal refusal = WalkInRules.check(branch, field, now);
        if (refusal != null) {
            return new WalkInResult(refusal, false, null, 0, List.of());
        }
        LocalDate day = now.toLocalDate();
        TimeSlot slot = branch.slotAt(now.toLocalTime());
        Optional<Integer> separatelyAllocated = Optional.empty();
        if (numberAllocation == NumberAllocation.SEPARATE_COMMIT_FOR_CRASH_DRILL_ONLY) {
            separatelyAllocated = store.write(tx -> tx.allocateNumber(day, field, walkInBlock));
            if (separatelyAllocated.isEmpty()) {
                return new WalkInResult(null, true, null, 0, List.of());
            }
        }
        Optional<Integer> preallocated = separatelyAllocated;
        TicketId[] issued = new TicketId[1];
        int atLeast = state.highestNumber(day, field, walkInBlock.first(), walkInBlock.last()).map(n -> n + 1)
                .orElse(walkInBlock.first());
        List<Event> written = commitWith(tx -> {
            requireHistoryForNumbers();
            Optional<Integer> number = preallocated.isPresent() ? preallocated
                    : tx.allocateNumber(day, field, walkInBlock, atLeast);
            if (number.isEmpty()) {
                return List.of();
            }
            issued[0] = new TicketId(day, field, number.get());
            if (citizenId != null && !citizenId.isBlank()) {
                tx.saveCitizenRef(issued[0], citizenHasher.hash(citizenId));
            }
            return List.of(new QueueEvent.TicketIssued(issued[0], purpose, slot, priority));
        }, Set.of(field));
        if (issued[0] == null) {
            return new WalkInResult(null, true, null, 0, List.of());
        }
        return new WalkInResult(null, false, state.ticket(issued[0]).orElseThrow(),
                state.ahead(issued[0]).orElse(0), written);
    }

    /** Records that the ticket left this kiosk's printer (first print or reprint). */
    public synchronized List<Event> recordPrint(TicketId id) {
        rollDay();
        return commit(List.of(new QueueEvent.TicketPrinted(id)), Set.of(), tx -> null);
    }

    /** A citizen asked for help at this kiosk: one event, pushed like any other, for the hub's staff pages. */
    public synchronized List<Event> requestHelp() {
        rollDay();
        return commit(List.of(new QueueEvent.HelpRequested()), Set.of(), tx -> null);
    }

    /** The kiosks' help requests at or after {@code since}, earliest first. */
    public synchronized List<vn.luot.core.queue.HelpRequest> helpRequestsSince(java.time.Instant since) {
        return state.helpRequests().stream().filter(h -> !h.at().isBefore(since)).toList();
    }

    /** How many times the ticket has been printed, as the branch's log says. */
    public synchronized int printCount(TicketId id) {
        rollDay();
        return state.printCount(id);
    }

    // ---- counter operations -----------------------------------------------------------------

    /** A counter operation's decision and the events it wrote (APPROACHING included). */
    public record CounterResult(Decision decision, List<Event> events) {
        public CounterResult {
            events = List.copyOf(events);
        }

        public CounterOperations.Outcome outcome() {
            return decision.outcome();
        }

        public Optional<Ticket> called() {
            return decision.calledTicket();
        }
    }

    public synchronized CounterResult next(int counter) {
        rollDay();
        return run(CounterOperations.next(branch, state, today(), counter));
    }

    /** Serves the counter's current ticket without calling the next one. */
    public synchronized CounterResult finish(int counter) {
        rollDay();
        return run(CounterOperations.finish(branch, state, today(), counter));
    }

    public synchronized CounterResult recall(int counter) {
        rollDay();
        return run(CounterOperations.recall(branch, state, today(), counter));
    }

    public synchronized CounterResult noShow(int counter) {
        rollDay();
        return run(CounterOperations.noShow(branch, state, today(), counter));
    }

    public synchronized CounterResult transfer(int counter, String toField) {
        rollDay();
        return run(CounterOperations.transfer(branch, state, today(), counter, toField));
    }

    public synchronized CounterResult pause(int counter) {
        rollDay();
        return run(CounterOperations.pause(branch, state, counter));
    }

    public synchronized CounterResult resume(int counter) {
        rollDay();
        return run(CounterOperations.resume(branch, state, counter));
    }

    public synchronized CounterResult rate(int counter, Rating rating) {
        rollDay();
        return run(CounterOperations.rate(branch, state, today(), counter, rating));
    }

    private CounterResult run(Decision decision) {
        if (decision.events().isEmpty()) {
            return new CounterResult(decision, List.of());
        }
        List<Event> written = commit(decision.events(), CounterOperations.affectedFields(branch, decision), tx -> null);
        // The decision's tickets as they are now, after the fold (called tickets carry their counter).
        Decision settled = new Decision(decision.outcome(), decision.counter(), decision.events(),
                decision.called() == null ? null : state.ticket(decision.called().id()).orElse(decision.called()),
                decision.finished() == null ? null : state.ticket(decision.finished().id()).orElse(decision.finished()));
        return new CounterResult(settled, written);
    }

    // ---- day operations ---------------------------------------------------------------------

    /** Supervisor action: every not-yet-served morning booking of today moves to the afternoon. */
    /** What {@link #moveMorningToAfternoon} would move now; nothing is written, so nobody is notified. */
    public synchronized List<vn.luot.core.event.QueueEvent.BookingMoved> previewMorningToAfternoon() {
        rollDay();
        return DayOperations.moveMorningToAfternoon(branch, state, today()).stream()
                .map(vn.luot.core.event.QueueEvent.BookingMoved.class::cast).toList();
    }

    public synchronized List<Event> moveMorningToAfternoon() {
        rollDay();
        List<QueueEvent> moves = DayOperations.moveMorningToAfternoon(branch, state, today());
        return moves.isEmpty() ? List.of() : commit(moves, allFields(), tx -> null);
    }

    /**
     * Marks the bookings whose check-in window has closed as no-shows. Run periodically. Does nothing
     * while the clock is not trusted: a Pi that booted without network may think it is tomorrow.
     */
    public synchronized List<Event> sweepMissedCheckIns() {
        rollDay();
        if (!clockTrusted.getAsBoolean()) {
            LOG.warning("clock not trusted: no-show sweep postponed");
            return List.of();
        }
        List<QueueEvent> missed = DayOperations.missedCheckIns(checkInRules, state, now());
        return missed.isEmpty() ? List.of() : commit(missed, allFields(), tx -> null);
    }

    /** Deletes personal references (citizen ID hashes) older than today; postponed on an untrusted clock. */
    public synchronized int purgePersonalData() {
        rollDay();
        if (!clockTrusted.getAsBoolean()) {
            LOG.warning("clock not trusted: personal data purge postponed");
            return 0;
        }
        LocalDate today = today();
        int purged = store.write(tx -> tx.purgePersonalDataBefore(today));
        pruneClosedDays(today);
        return purged;
    }

    /**
     * On a device below an upstream, deletes a bounded share of the events of days more than
     * {@link #KEEP_CLOSED_DAYS} ago that the upstream holds (pulled from it, or pushed to it), in small
     * transactions so that no operation waits long behind it. A year-old file is worked off over a few hours
     * of these calls; the start-up does not depend on it (closed days are not folded either way). The
     * centre keeps its whole log: it is the branch's record.
     *
     * @return how many rows were deleted
     */
    private int pruneClosedDays(LocalDate today) {
        if (!requireKnownHistory || !historyKnown) {
            return 0;
        }
        LocalDate before = today.minusDays(KEEP_CLOSED_DAYS);
        long pushed = store.cursor("push").map(Long::parseLong).orElse(0L);
        int total = 0;
        for (int i = 0; i < PRUNE_CHUNKS_PER_CALL; i++) {
            int n = store.write(tx -> {
                if (store.setting(HISTORY_KNOWN).isEmpty()) {
                    // Its own events may go: the file must still say that its history is known.
                    tx.putSetting(HISTORY_KNOWN, clock.instant().toString());
                }
                return tx.pruneClosedDays(before, pushed, PRUNE_CHUNK);
            });
            total += n;
            if (n < PRUNE_CHUNK) {
                break;
            }
        }
        return total;
    }

    /**
     * Records events decided outside this device's rules — the central server's booking decisions
     * (booked, cancelled, moved). Stamped and written like every local event.
     */
    public synchronized List<Event> recordDecided(List<QueueEvent> decided) {
        rollDay();
        Set<String> fields = new java.util.LinkedHashSet<>();
        for (QueueEvent e : decided) {
            if (e instanceof QueueEvent.OfTicket t) {
                fields.add(t.ticket().field());
            }
        }
        return decided.isEmpty() ? List.of() : commit(decided, fields, tx -> null);
    }

    // ---- merging other devices' events ------------------------------------------------------

    /** What happened to one received event. */
    public enum Delivery {
        /** New here, folded in. */
        APPLIED,
        /** Already in this log: nothing changed. */
        DUPLICATE,
        /** New here and folded in, but it contradicts what the branch or the centre decided: flagged. */
        CONFLICT,
        /**
         * The same (device, seq) is already here with different content: not applied, recorded as a
         * {@link SyncAlarm.Kind#SEQ_CONFLICT}. The sender reused a sequence number it had lost track of.
         */
        SEQ_CONFLICT
    }

    /** Per-event outcome of {@link #receive(Collection, boolean, TxHook)}, in the order given. */
    public record Received(List<Event> fresh, Map<Event.Key, Delivery> deliveries) {
        public Received {
            fresh = List.copyOf(fresh);
            deliveries = Map.copyOf(deliveries);
        }
    }

    /** More writes to make in the same transaction as a batch of received events. */
    @FunctionalInterface
    public interface TxHook {
        void run(QueueStore.Tx tx, Received received) throws SQLException;
    }

    /**
     * Folds in events from other devices (or the central server). Duplicates are ignored; the order of
     * delivery does not matter.
     *
     * @return the events that were new to this device
     */
    public List<Event> receive(Collection<Event> events) {
        return receive(events, false, (tx, r) -> { }).fresh();
    }

    /**
     * Folds in a batch of events and whatever {@code hook} writes (a sync cursor, watermarks, a cached
     * response) in one transaction: a batch and its cursor are stored together or not at all.
     *
     * @param fromUpstream the batch was pulled from this device's upstream and must not be pushed back
     */
    public synchronized Received receive(Collection<Event> events, boolean fromUpstream, TxHook hook) {
        List<Event> fresh = new ArrayList<>();
        Map<Event.Key, Delivery> deliveries = new LinkedHashMap<>();
        rollDay();
        for (Event e : events) {
            if (deliveries.containsKey(e.key())) {
                continue;
            }
            if (state.contains(e.key())) {
                boolean same = store.event(e.key()).map(e::equals).orElse(true);
                deliveries.put(e.key(), same ? Delivery.DUPLICATE : Delivery.SEQ_CONFLICT);
            } else if (aboutClosedDay(e) || !(e.body() instanceof QueueEvent.OfTicket)) {
                // Not folded, so memory cannot say whether the file holds it: the file can.
                Optional<Event> held = store.event(e.key());
                if (held.isPresent()) {
                    deliveries.put(e.key(), held.get().equals(e) ? Delivery.DUPLICATE : Delivery.SEQ_CONFLICT);
                } else if (e.seq() <= store.prunedThrough(e.deviceId())) {
                    deliveries.put(e.key(), Delivery.DUPLICATE);
                } else {
                    fresh.add(e);
                    deliveries.put(e.key(), Delivery.APPLIED);
                }
            } else {
                fresh.add(e);
                deliveries.put(e.key(), Delivery.APPLIED);
            }
        }
        try {
            Received result = store.write(tx -> {
                Map<TicketId, Ticket> changed = new LinkedHashMap<>();
                for (Map.Entry<Event.Key, Delivery> d : deliveries.entrySet()) {
                    if (d.getValue() == Delivery.SEQ_CONFLICT) {
                        LOG.severe("sequence number reused with different content: " + d.getKey().deviceId() + "#"
                                + d.getKey().seq() + (fromUpstream ? " (pulled)" : " (pushed)"));
                        tx.recordAlarm(new SyncAlarm(clock.instant(), SyncAlarm.Kind.SEQ_CONFLICT, "SEQ_REUSED",
                                fromUpstream ? "upstream" : d.getKey().deviceId(), d.getKey().deviceId(),
                                d.getKey().seq(), null, "the same (device, seq) is already held with other content"));
                    }
                }
                long now = clock.millis();
                for (Event e : fresh) {
                    if (!tx.append(e, fromUpstream)) {
                        throw new IllegalStateException("event " + e.key() + " is in the file but not in memory");
                    }
                    lastHlc = Hlc.observe(lastHlc, e.hlc(), now);
                    if (aboutClosedDay(e)) {
                        continue;
                    }
                    Conflict before = e.body() instanceof QueueEvent.OfTicket t
                            ? state.ticket(t.ticket()).map(Ticket::conflict).orElse(Conflict.NONE) : Conflict.NONE;
                    Optional<Ticket> after = state.apply(e);
                    after.ifPresent(t -> changed.put(t.id(), t));
                    if (after.isPresent() && before == Conflict.NONE && after.get().conflict() != Conflict.NONE) {
                        deliveries.put(e.key(), Delivery.CONFLICT);
                    }
                    saveCounterIfAny(tx, e);
                }
                for (Ticket t : changed.values()) {
                    tx.saveTicket(t);
                }
                Received received = new Received(fresh, deliveries);
                hook.run(tx, received);
                return received;
            });
            if (result.fresh().stream().anyMatch(this::aboutClosedDay)) {
                rollDay();
            }
            return result;
        } catch (RuntimeException e) {
            reload();
            throw e;
        }
    }

    /** Reads from the store under this queue's lock: the store is not safe for concurrent use. */
    public synchronized <T> T read(java.util.function.Function<QueueStore, T> reader) {
        return reader.apply(store);
    }

    /** Runs {@code work} in one store transaction under this queue's lock (sync bookkeeping). */
    public synchronized <T> T write(QueueStore.TxWork<T> work) {
        return store.write(work);
    }

    // ---- the one write path -----------------------------------------------------------------

    @FunctionalInterface
    private interface ExtraWork {
        Object run(QueueStore.Tx tx) throws SQLException;
    }

    @FunctionalInterface
    private interface EventSource {
        List<QueueEvent> events(QueueStore.Tx tx) throws SQLException;
    }

    private List<Event> commit(List<QueueEvent> bodies, Set<String> affectedFields, ExtraWork extra) {
        return commitWith(tx -> {
            extra.run(tx);
            return bodies;
        }, affectedFields);
    }

    /**
     * Stamps the events, folds them in, adds the APPROACHING events now due in the affected fields,
     * and writes events and changed state in one transaction.
     */
    private List<Event> commitWith(EventSource source, Set<String> affectedFields) {
        try {
            return store.write(tx -> {
                List<QueueEvent> bodies = source.events(tx);
                if (bodies.isEmpty()) {
                    return List.<Event>of();
                }
                List<Event> written = new ArrayList<>(bodies.size() + 1);
                Map<TicketId, Ticket> changed = new LinkedHashMap<>();
                for (QueueEvent body : bodies) {
                    appendLocal(tx, body, written, changed);
                }
                for (QueueEvent body : CounterOperations.approachingDue(state, today(), affectedFields)) {
                    appendLocal(tx, body, written, changed);
                }
                for (Ticket t : changed.values()) {
                    tx.saveTicket(t);
                }
                return written;
            });
        } catch (RuntimeException e) {
            reload();
            throw e;
        }
    }

    /**
     * A walk-in number needs the history: which numbers this device already printed is in its events.
     * An event only needs a seq no earlier event used: see {@link #startEpochIfUnknown}.
     */
    private void requireHistoryForNumbers() {
        if (!historyKnown) {
            throw new StoreException(StoreException.Kind.HISTORY_UNKNOWN, store.file(),
                    "Thiết bị đang khôi phục dữ liệu từ máy chủ; chưa thể cấp số. / Device " + deviceId
                            + " is recovering its history from its upstream; it issues nothing until then.", null);
        }
    }

    /**
     * A device that does not know its history and must act (a check-in, a call) with its upstream out of
     * reach starts a new epoch of sequence numbers: they continue from the current time in milliseconds, far
     * above any seq it can have used before (a device makes far fewer than one event per millisecond), so
     * no (device, seq) is reused. Walk-in numbers still wait for the history.
     */
    private void startEpochIfUnknown(QueueStore.Tx tx) throws SQLException {
        if (historyKnown || epochStarted) {
            return;
        }
        long floor = Math.max(lastSeq, clock.millis());
        LOG.warning("device " + deviceId + " acts before its history is known: new seq epoch from " + floor);
        tx.putSetting(SEQ_FLOOR, Long.toString(floor));
        tx.putSetting(EPOCH_UNCONFIRMED, "1");
        lastSeq = floor;
        epochStarted = true;
    }

    private void appendLocal(QueueStore.Tx tx, QueueEvent body, List<Event> written, Map<TicketId, Ticket> changed)
            throws SQLException {
        startEpochIfUnknown(tx);
        lastHlc = Hlc.tick(lastHlc, clock.millis());
        Event event = new Event(deviceId, ++lastSeq, lastHlc, clock.instant(), body);
        if (!tx.append(event)) {
            // Never report success for an event that was not stored: the seq belongs to an event already held.
            throw new StoreException(StoreException.Kind.HISTORY_UNKNOWN, store.file(),
                    "Event " + deviceId + "#" + event.seq() + " is already in " + store.file()
                            + " with other content: this device lost track of its own history.", null);
        }
        state.apply(event).ifPresent(t -> changed.put(t.id(), t));
        saveCounterIfAny(tx, event);
        written.add(event);
    }

    private void saveCounterIfAny(QueueStore.Tx tx, Event event) throws SQLException {
        if (event.body() instanceof QueueEvent.OfCounter c) {
            tx.saveCounter(c.counter(), state.isPaused(c.counter()));
        }
    }

    private Set<String> fieldsOf(TicketId id) {
        return Set.of(state.ticket(id).map(Ticket::servingField).orElse(id.field()));
    }

    private Set<String> allFields() {
        Set<String> all = new java.util.LinkedHashSet<>();
        branch.fields().forEach(f -> all.add(f.code()));
        return all;
    }

    // ---- queries ----------------------------------------------------------------------------

    public synchronized Optional<Ticket> ticket(TicketId id) {
        rollDay();
        return state.ticket(id);
    }

    public synchronized List<Ticket> tickets() {
        rollDay();
        return state.tickets();
    }

    public synchronized List<Ticket> waiting(String field) {
        rollDay();
        return state.waiting(today(), field);
    }

    public synchronized int waitingCount(String field) {
        rollDay();
        return state.waitingCount(today(), field);
    }

    public synchronized Optional<Integer> ahead(TicketId id) {
        rollDay();
        return state.ahead(id);
    }

    /** The next {@code limit} tickets {@code counter} would call today, in call order (empty for an unknown counter). */
    public synchronized List<Ticket> upcoming(int counter, int limit) {
        rollDay();
        return branch.counter(counter).map(c -> state.upcomingFor(today(), c.fieldCodes(), limit))
                .orElse(List.of());
    }

    public synchronized Optional<Ticket> currentAt(int counter) {
        rollDay();
        return state.currentAt(today(), counter);
    }

    /** Today's lines, paused counters and finished services, read together: what {@code WaitEstimator} needs. */
    public synchronized vn.luot.core.wait.QueueLoad load() {
        rollDay();
        LocalDate today = today();
        Map<String, Integer> waiting = new java.util.HashMap<>();
        for (String field : allFields()) {
            waiting.put(field, state.waitingCount(today, field));
        }
        return new vn.luot.core.wait.QueueLoad(waiting, state.pausedCounters(), state.servedOn(today));
    }

    public synchronized boolean isPaused(int counter) {
        rollDay();
        return state.isPaused(counter);
    }

    public synchronized int eventCount() {
        rollDay();
        return state.eventCount();
    }

    public String deviceId() {
        return deviceId;
    }

    public Branch branch() {
        return branch;
    }

    public QueueStore store() {
        return store;
    }

    private LocalDateTime now() {
        return BranchTime.now(clock);
    }

    private LocalDate today() {
        return now().toLocalDate();
    }

    @Override
    public synchronized void close() {
        store.close();
    }

    /** Options for a device's queue; {@code file}, {@code deviceId} and {@code branch} are required. */
    public static final class Builder {
        private Path file;
        private String deviceId;
        private Branch branch;
        private Clock clock = Clock.system(BranchTime.ZONE);
        /** null: the branch's own window ({@link Branch#times()}). */
        private CheckInWindow checkInWindow;
        private NumberBlock walkInBlock = NumberBlock.DEFAULT;
        private NumberAllocation numberAllocation = NumberAllocation.IN_TRANSACTION;
        private long maxDatabaseBytes;
        private java.util.function.BooleanSupplier clockTrusted = () -> true;
        private Path citizenKeyFile;
        private boolean requireKnownHistory;

        private Builder() {
        }

        /**
         * The key of the citizen ID hashes, created 0600 if missing; default {@code queue.db.citizen-key}
         * beside the database. Never inside it: the database alone must not give an ID number back.
         */
        public Builder citizenKeyFile(Path keyFile) {
            this.citizenKeyFile = Objects.requireNonNull(keyFile, "keyFile");
            return this;
        }

        /**
         * A device below an upstream (kiosk, hub) sets this: with a file that holds none of its own events
         * it refuses local events until {@link LocalQueue#confirmHistory} (the sync client does it on first
         * contact). Off by default: the centre is the top of the branch, its file is its history.
         */
        public Builder requireKnownHistory(boolean require) {
            this.requireKnownHistory = require;
            return this;
        }

        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        public Builder deviceId(String deviceId) {
            if (deviceId == null || !deviceId.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException(
                        "a device id is 1-40 lowercase letters, digits and dashes: " + deviceId);
            }
            this.deviceId = deviceId;
            return this;
        }

        public Builder branch(Branch branch) {
            this.branch = Objects.requireNonNull(branch, "branch");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder checkInWindow(CheckInWindow window) {
            this.checkInWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        public Builder walkInBlock(NumberBlock block) {
            this.walkInBlock = Objects.requireNonNull(block, "block");
            return this;
        }

        public Builder numberAllocation(NumberAllocation allocation) {
            this.numberAllocation = Objects.requireNonNull(allocation, "allocation");
            return this;
        }

        /**
         * Whether the clock may be used for day roll-over decisions (no-show sweep, purge); a device
         * passes its {@code ClockTrust}. Default: always (the central server is the clock).
         */
        public Builder clockTrusted(java.util.function.BooleanSupplier trusted) {
            this.clockTrusted = Objects.requireNonNull(trusted, "trusted");
            return this;
        }

        /** Caps the database file's size (0, the default, for no cap); reaching it is a DISK_FULL error. */
        public Builder maxDatabaseBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxDatabaseBytes cannot be negative: " + bytes);
            }
            this.maxDatabaseBytes = bytes;
            return this;
        }

        /** Opens the store, migrating it if needed, and folds its log. */
        public LocalQueue open() {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(branch, "branch");
            QueueStore store = QueueStore.open(file, maxDatabaseBytes);
            try {
                return new LocalQueue(this, store);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
    }
}
