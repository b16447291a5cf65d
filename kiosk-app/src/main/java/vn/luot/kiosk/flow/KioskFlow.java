package vn.luot.kiosk.flow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
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

    private final LocalQueue queue;
    private final Branch branch;
    private final Supplier<TokenVerifier> verifier;
    private final TicketPrinter printer;
    private final Executor worker;
    private final Clock clock;
    private final IdleTimeout idle;
    private final HelpCalls help;
    private final KioskWaits waits;
    private final TicketLinks links;
    private final Supplier<BranchDirectory> branches;
    private final Runnable syncNow;
    private final java.util.function.BooleanSupplier refreshKeys;
    private final List<Consumer<KioskState>> listeners = new CopyOnWriteArrayList<>();

    private KioskState state;
    private Instant lastActivity;

    KioskFlow(KioskFlowBuilder b) {
        this.queue = b.queue;
        this.branch = b.queue.branch();
        this.verifier = b.verifier;
        this.printer = b.printer;
        this.worker = b.worker;
        this.clock = b.clock;
        this.idle = new IdleTimeout(b.idleTimeout);
        this.help = new HelpCalls(b.queue, b.syncNow, b.clock);
        this.waits = new KioskWaits(b.queue, b.clock);
        this.links = new TicketLinks(b.statusUrlBase, branch.id(), b.ticketTokens);
        this.branches = b.branches;
        this.syncNow = b.syncNow;
        this.refreshKeys = b.refreshKeys;
        this.state = new KioskState(new Screen.Home(), KioskState.Language.VI, false, null, false, false);
        this.lastActivity = clock.instant();
    }

    public static KioskFlowBuilder builder() {
        return new KioskFlowBuilder();
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
            publish(state.with(chooseField()));
        }
    }

    private Screen.ChooseField chooseField() {
        return new Screen.ChooseField(waits.choices());
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

    /** One step back in the walk-in (card → purpose → field → home); elsewhere the same as {@link #home()}. */
    @Override
    public synchronized void back() {
        touch();
        if (state.screen() instanceof Screen.ScanCitizenCard card) {
            publish(state.with(new Screen.ChoosePurpose(card.field(), List.of(Purpose.values()))));
        } else if (state.screen() instanceof Screen.ChoosePurpose) {
            publish(state.with(chooseField()));
        } else {
            home();
        }
    }

    @Override
    public synchronized void toggleLanguage() {
        touch();
        publish(state.withLanguage(state.language() == KioskState.Language.VI
                ? KioskState.Language.EN : KioskState.Language.VI));
    }

    @Override
    public synchronized void toggleLargeText() {
        touch();
        publish(state.withLargeText(!state.largeText()));
    }

    /** "Cần hỗ trợ": the citizen is told someone is coming at once; the alert goes to the hub on the worker. */
    @Override
    public synchronized void askForHelp() {
        touch();
        if (state.help() == KioskState.Help.COMING) {
            return;
        }
        publish(state.withHelp(KioskState.Help.COMING));
        worker.execute(() -> {
            boolean told = help.send();
            synchronized (this) {
                publish(state.withHelp(told ? KioskState.Help.COMING : KioskState.Help.ASK_AT_DESK));
            }
        });
    }

    /** Called every second or so: an idle kiosk goes back to the next citizen's home screen ({@link IdleTimeout}). */
    public synchronized void tick() {
        if (idle.expired(state, lastActivity, clock.instant())) {
            publish(state.forNextCitizen());
        }
    }

    /** The sync loop's news, for the discreet status corner. */
    public synchronized void syncStatus(boolean online, Instant offlineSince, boolean clockTrusted) {
        LocalTime since = offlineSince == null ? null : BranchTime.now(Clock.fixed(offlineSince, BranchTime.ZONE))
                .toLocalTime().withSecond(0).withNano(0);
        publish(state.withSync(online, online ? null : since, clockTrusted));
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
        boolean paperLow = printed.status() == PrinterStatus.PAPER_NEAR_END;
        synchronized (this) {
            if (paperLow && !state.paperLow()) {
                // for staff (the journal, luot doctor), never on the citizen's screen
                LOG.warning("printer paper near its end: have a new roll ready");
            }
            state = state.withPaperLow(paperLow);
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
}
