package vn.luot.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.cccd.CccdParser;
import vn.luot.core.cccd.CccdResult;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.rules.CheckInDecision;
import vn.luot.core.rules.WalkInRules;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.StoreException;
import vn.luot.core.token.TicketToken;
import vn.luot.core.token.TicketTokens;
import vn.luot.core.token.TokenSigner;
import vn.luot.core.token.TokenVerifier;
import vn.luot.printer.PrintResult;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.TicketPrinter;
import vn.luot.printer.TicketSlip;

/**
 * The kiosk's view model: takes scans and taps, decides with the queue core, prints, and publishes one
 * {@link KioskState} per change. It knows nothing of JavaFX or of any device library.
 *
 * <p>Thread policy: every public method may be called from any thread (the UI thread, a scanner's
 * reader thread) and returns at once; verifying, recording and printing run on the injected
 * {@code worker} executor, one at a time. Listeners are called on whichever thread changed the state
 * and must hand drawing over to their own thread. Input that does not fit the current screen (a double
 * tap, a tap during a transition, a scan while working) is ignored.
 */
public final class KioskFlow implements KioskActions {

    private static final Logger LOG = Logger.getLogger(KioskFlow.class.getName());
    private static final int PRINTS_ALLOWED = 2;
    private static final int CARD_SEARCH_FACTOR = 4;

    private final LocalQueue queue;
    private final Branch branch;
    private final Supplier<TokenVerifier> verifier;
    private final TicketPrinter printer;
    private final Executor worker;
    private final Clock clock;
    private final Duration idleTimeout;
    private final KioskWaits waits;
    private final TicketLinks links;
    private final Supplier<BranchDirectory> branches;
    private final Runnable syncNow;
    private final java.util.function.BooleanSupplier refreshKeys;
    private final List<Consumer<KioskState>> listeners = new CopyOnWriteArrayList<>();

    private KioskState state;
    private Instant lastActivity;

    private KioskFlow(Builder b) {
        this.queue = b.queue;
        this.branch = b.queue.branch();
        this.verifier = b.verifier;
        this.printer = b.printer;
        this.worker = b.worker;
        this.clock = b.clock;
        this.idleTimeout = b.idleTimeout;
        this.waits = new KioskWaits(b.queue, b.clock);
        this.links = new TicketLinks(b.statusUrlBase, branch.id(), b.ticketTokens);
        this.branches = b.branches;
        this.syncNow = b.syncNow;
        this.refreshKeys = b.refreshKeys;
        this.state = new KioskState(new Screen.Home(), KioskState.Language.VI, false, null, false, false);
        this.lastActivity = clock.instant();
    }

    public static Builder builder() {
        return new Builder();
    }

    public void addListener(Consumer<KioskState> listener) {
        listeners.add(listener);
        listener.accept(state());
    }

    public synchronized KioskState state() {
        return state;
    }

    public Branch branch() {
        return branch;
    }

    // ---- input --------------------------------------------------------------------------

    /** A code from any scanner. Trailing CR/LF and spaces are the scanner's, not the code's. */
    public void scanned(String raw) {
        String text = raw == null ? "" : raw.strip();
        Screen screen;
        synchronized (this) {
            touch();
            screen = state.screen();
            if (screen instanceof Screen.Working || text.isEmpty()) {
                return;
            }
            publish(state.with(new Screen.Working()));
        }
        if (screen instanceof Screen.ScanCitizenCard card && !text.startsWith(TokenSigner.PREFIX)) {
            worker.execute(() -> guarded(() -> citizenCard(card, text)));
        } else {
            worker.execute(() -> guarded(() -> booking(text)));
        }
    }

    @Override
    public synchronized void walkIn() {
        touch();
        if (state.screen() instanceof Screen.Home || state.screen() instanceof Screen.Refused r && r.offerWalkIn()) {
            if (!walkInsOpen()) {
                publish(state.with(Screen.Refused.of(Refusal.WALK_IN_CLOSED, false)));
                return;
            }
            publish(state.with(new Screen.ChooseField(waits.choices())));
        }
    }

    @Override
    public synchronized void chooseField(String code) {
        touch();
        if (state.screen() instanceof Screen.ChooseField choose) {
            // said before the number is taken: a line the counters cannot reach before closing is refused here
            choose.fields().stream().filter(f -> f.code().equals(code)).findFirst().ifPresent(f ->
                    publish(state.with(f.estimate().notToday()
                            ? refused(Refusal.NOT_SERVED_TODAY).on(null, f.estimate().closing())
                            : new Screen.ChoosePurpose(f, List.of(Purpose.values())))));
        }
    }

    @Override
    public synchronized void choosePurpose(Purpose purpose) {
        touch();
        if (state.screen() instanceof Screen.ChoosePurpose choose) {
            publish(state.with(new Screen.ScanCitizenCard(choose.field(), purpose, false)));
        }
    }

    /** Walk-in without the ID card: a regular number. */
    @Override
    public void skipCitizenCard() {
        Screen.ScanCitizenCard card;
        synchronized (this) {
            touch();
            if (!(state.screen() instanceof Screen.ScanCitizenCard c)) {
                return;
            }
            card = c;
            publish(state.with(new Screen.Working()));
        }
        worker.execute(() -> guarded(() -> issueWalkIn(card.field().code(), card.purpose(), false, null)));
    }

    /** Back (or cancel) to the home screen; not while a ticket is being recorded or printed. */
    @Override
    public synchronized void home() {
        touch();
        if (!(state.screen() instanceof Screen.Working)) {
            publish(state.with(new Screen.Home()));
        }
    }

    @Override
    public synchronized void toggleLanguage() {
        touch();
        KioskState.Language next = state.language() == KioskState.Language.VI
                ? KioskState.Language.EN : KioskState.Language.VI;
        publish(new KioskState(state.screen(), next, state.online(), state.offlineSince(), state.paperLow(),
                state.clockTrusted()));
    }

    /** Called every second or so: after {@code idleTimeout} without input, back home in Vietnamese. */
    public synchronized void tick() {
        Screen s = state.screen();
        if (s instanceof Screen.Working || (s instanceof Screen.Home && state.language() == KioskState.Language.VI)) {
            return;
        }
        // a citizen looking for their ID card in a bag is not idle: that step waits several times as long
        Duration timeout = s instanceof Screen.ScanCitizenCard ? idleTimeout.multipliedBy(CARD_SEARCH_FACTOR) : idleTimeout;
        if (Duration.between(lastActivity, clock.instant()).compareTo(timeout) >= 0) {
            publish(new KioskState(new Screen.Home(), KioskState.Language.VI, state.online(), state.offlineSince(),
                    state.paperLow(), state.clockTrusted()));
        }
    }

    /** The sync loop's news, for the discreet status corner. */
    public synchronized void syncStatus(boolean online, Instant offlineSince, boolean clockTrusted) {
        LocalTime since = offlineSince == null ? null : BranchTime.now(Clock.fixed(offlineSince, BranchTime.ZONE))
                .toLocalTime().withSecond(0).withNano(0);
        publish(new KioskState(state.screen(), state.language(), online, online ? null : since, state.paperLow(),
                clockTrusted));
    }

    // ---- work (on the worker) ---------------------------------------------------------------

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (StoreException e) {
            LOG.log(Level.SEVERE, "kiosk storage failed: " + e.getMessage(), e);
            show(refused(Refusal.KIOSK_FAULT));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "kiosk action failed", e);
            show(refused(Refusal.KIOSK_FAULT));
        }
    }

    private void booking(String text) {
        Optional<TicketTokens.Verification> ticketLink = links.read(text, clock.instant());
        if (ticketLink.isPresent()) {
            rescan(ticketLink.get());
            return;
        }
        if (CccdParser.parse(text) instanceof CccdResult.Parsed) {
            show(refused(Refusal.ID_CARD_AT_HOME));
            return;
        }
        TokenVerifier.Verification v = verifier.get().verify(text, clock.instant());
        if (v instanceof TokenVerifier.Verification.Invalid unknown
                && unknown.reason() == TokenVerifier.Reason.UNKNOWN_KEY && refreshKeys.getAsBoolean()) {
            // a key rotated in since the last refresh: ask the upstream now rather than turn the citizen away
            v = verifier.get().verify(text, clock.instant());
        }
        if (v instanceof TokenVerifier.Verification.Invalid invalid) {
            show(refused(switch (invalid.reason()) {
                case NOT_A_LUOT_CODE -> Refusal.NOT_A_BOOKING_CODE;
                case MALFORMED -> Refusal.DAMAGED_CODE;
                case UNKNOWN_KEY -> Refusal.UNKNOWN_KEY;
                case BAD_SIGNATURE -> Refusal.FORGED;
                case EXPIRED -> Refusal.EXPIRED;
            }));
            return;
        }
        Booking booking = ((TokenVerifier.Verification.Valid) v).token().toBooking();
        LocalQueue.CheckInResult result = queue.checkIn(booking);
        CheckInDecision decision = result.decision();
        if (decision instanceof CheckInDecision.Refuse refuse) {
            Screen.Refused screen = refused(Refusal.valueOf(refuse.reason().name()))
                    .on(refuse.day(), refuse.opensAt() == null ? null : refuse.opensAt().toLocalTime());
            if (refuse.branchId() != null) {
                BranchDirectory.Entry other = branches.get().find(refuse.branchId());
                screen = screen.withBranch(other.name(), other.address());
            }
            show(screen);
            return;
        }
        syncNow.run();
        boolean reprint = decision instanceof CheckInDecision.Reprint;
        if (reprint && printedCount(result.ticket()) >= PRINTS_ALLOWED) {
            show(refused(Refusal.REPRINT_USED).forTicket(result.ticket().label()));
            return;
        }
        printAndShow(view(result.ticket(), result.ahead()), reprint);
    }

    /** A ticket's own QR scanned again: a reprint or the one reactivation, walk-ins as bookings. */
    private void rescan(TicketTokens.Verification verdict) {
        if (verdict instanceof TicketTokens.Verification.Invalid invalid) {
            show(refused(invalid.reason() == TicketTokens.Reason.EXPIRED ? Refusal.TICKET_OF_ANOTHER_DAY
                    : Refusal.TICKET_NOT_OURS));
            return;
        }
        TicketToken token = ((TicketTokens.Verification.Valid) verdict).token();
        String label = token.ticket().label();
        LocalQueue.CheckInResult result = queue.rescan(token);
        if (result.decision() instanceof CheckInDecision.Refuse refuse) {
            Refusal refusal = switch (refuse.reason()) {
                case PAST_DAY, FUTURE_DAY -> Refusal.TICKET_OF_ANOTHER_DAY;
                case OTHER_BRANCH -> Refusal.TICKET_NOT_OURS;
                default -> Refusal.valueOf(refuse.reason().name());
            };
            show(refused(refusal).forTicket(label));
            return;
        }
        syncNow.run();
        boolean reprint = result.decision() instanceof CheckInDecision.Reprint;
        if (reprint && printedCount(result.ticket()) >= PRINTS_ALLOWED) {
            show(refused(Refusal.REPRINT_USED).forTicket(label));
            return;
        }
        printAndShow(view(result.ticket(), result.ahead()), reprint);
    }

    private void citizenCard(Screen.ScanCitizenCard step, String text) {
        CccdResult parsed = CccdParser.parse(text);
        if (parsed instanceof CccdResult.Parsed card) {
            boolean priority = card.card().isPriority(BranchTime.now(clock).toLocalDate());
            issueWalkIn(step.field().code(), step.purpose(), priority, card.card().idNumber());
        } else {
            show(new Screen.ScanCitizenCard(step.field(), step.purpose(), true));
        }
    }

    private void issueWalkIn(String field, Purpose purpose, boolean priority, String citizenId) {
        LocalQueue.WalkInResult result = queue.issueWalkIn(field, purpose, priority, citizenId);
        if (result.refusal() != null) {
            show(refused(Refusal.WALK_IN_CLOSED));
            return;
        }
        if (result.blockExhausted()) {
            show(refused(Refusal.WALK_IN_FULL));
            return;
        }
        syncNow.run();
        Ticket t = result.ticket();
        printAndShow(view(t, result.ahead()), false);
    }

    private void printAndShow(TicketView ticket, boolean reprint) {
        PrintResult printed = printer.print(slip(ticket));
        synchronized (this) {
            state = new KioskState(state.screen(), state.language(), state.online(), state.offlineSince(),
                    printed.status() == PrinterStatus.PAPER_NEAR_END, state.clockTrusted());
        }
        if (printed.printed()) {
            countPrint(ticket.ticketKey());
            show(new Screen.TicketIssued(ticket, reprint));
        } else {
            LOG.warning("ticket " + ticket.label() + " not printed: " + printed.status() + " — "
                    + ((PrintResult.Failed) printed).reason());
            show(new Screen.PrinterFault(printed.status(), ticket));
        }
    }

    /** Prints so far: TICKET_PRINTED events in the branch's log (so recovery keeps the limit), or an older count. */
    private int printedCount(Ticket ticket) {
        int legacy = queue.read(store -> store.setting("printed:" + ticket.id().key())).map(Integer::parseInt).orElse(0);
        return Math.max(queue.printCount(ticket.id()), legacy);
    }

    private void countPrint(String ticketKey) {
        queue.recordPrint(TicketId.parseKey(ticketKey));
    }

    private TicketView view(Ticket t, int ahead) {
        ServiceField field = branch.field(t.servingField()).orElseThrow();
        List<Integer> counters = branch.countersServing(t.servingField()).stream().map(Counter::number).toList();
        return new TicketView(t.label(), t.id().key(), field.code(), field.nameVi(), field.nameEn(), t.purpose(),
                t.priority(), counters, ahead, waits.of(t.servingField(), ahead), links.linkFor(t.id()));
    }

    private TicketSlip slip(TicketView t) {
        return new TicketSlip(branch.name(), t.fieldCode(), t.fieldNameVi(), t.purpose().nameVi(), t.label(),
                t.priority(), t.counters(), KioskWaits.slipLines(t.estimate()), BranchTime.now(clock), t.qrText(),
                List.of("Vui lòng chờ gọi số. Xin cảm ơn!"), t.fieldNameEn() + " - " + t.purpose().nameEn());
    }

    private Screen.Refused refused(Refusal refusal) {
        return Screen.Refused.of(refusal, walkInsOpen());
    }

    private boolean walkInsOpen() {
        return !WalkInRules.closedFor(branch, BranchTime.now(clock));
    }

    private synchronized void show(Screen screen) {
        touch();
        publish(state.with(screen));
    }

    private void touch() {
        lastActivity = clock.instant();
    }

    private void publish(KioskState next) {
        state = next;
        for (Consumer<KioskState> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "kiosk state listener failed", e);
            }
        }
    }

    /** Options of the flow; queue, verifier, printer and worker are required. */
    public static final class Builder {
        private LocalQueue queue;
        private Supplier<TokenVerifier> verifier;
        private TicketPrinter printer;
        private Executor worker;
        private Clock clock = Clock.system(BranchTime.ZONE);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private String statusUrlBase = "";
        private TicketTokens ticketTokens;
        private Supplier<BranchDirectory> branches = () -> BranchDirectory.EMPTY;
        private Runnable syncNow = () -> { };
        private java.util.function.BooleanSupplier refreshKeys = () -> false;

        private Builder() {
        }

        public Builder queue(LocalQueue queue) {
            this.queue = queue;
            return this;
        }

        /** The verifier with the newest key set (keys are refreshed from upstream while online). */
        public Builder verifier(Supplier<TokenVerifier> verifier) {
            this.verifier = verifier;
            return this;
        }

        public Builder printer(TicketPrinter printer) {
            this.printer = printer;
            return this;
        }

        /** Where verify, record and print run; a single background thread on the kiosk, the caller's in tests. */
        public Builder worker(Executor worker) {
            this.worker = worker;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** The hub's status page address, {@code http://…/t/}: every ticket's QR links there with its token. */
        public Builder statusUrlBase(String base) {
            this.statusUrlBase = base == null ? "" : base;
            return this;
        }

        /** The branch's ticket key, shared by its kiosks and hub: signs the token in every ticket's link. */
        public Builder ticketTokens(TicketTokens tokens) {
            this.ticketTokens = tokens;
            return this;
        }

        /** The city's branches, to say which branch (and where) a booking made for another one belongs to. */
        public Builder branches(BranchDirectory branches) {
            Objects.requireNonNull(branches, "branches");
            return branches(() -> branches);
        }

        /** The city's branches as they are when a booking for another one is scanned (the list is refreshed). */
        public Builder branches(Supplier<BranchDirectory> branches) {
            this.branches = Objects.requireNonNull(branches, "branches");
            return this;
        }

        /** Fetches the upstream's current keys; true when it got them. Tried once when a code's key is unknown. */
        public Builder refreshKeys(java.util.function.BooleanSupplier refreshKeys) {
            this.refreshKeys = refreshKeys;
            return this;
        }

        public Builder syncNow(Runnable syncNow) {
            this.syncNow = syncNow;
            return this;
        }

        public KioskFlow build() {
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(printer, "printer");
            Objects.requireNonNull(worker, "worker");
            return new KioskFlow(this);
        }
    }

}
