package vn.luot.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.token.TicketTokens;
import vn.luot.core.token.TokenVerifier;
import vn.luot.printer.TicketPrinter;

/** Options of the flow; queue, verifier, printer and worker are required. */
public final class KioskFlowBuilder {
    LocalQueue queue;
    Supplier<TokenVerifier> verifier;
    TicketPrinter printer;
    Executor worker;
    Clock clock = Clock.system(BranchTime.ZONE);
    Duration idleTimeout = Duration.ofSeconds(30);
    String statusUrlBase = "";
    TicketTokens ticketTokens;
    Supplier<BranchDirectory> branches = () -> BranchDirectory.EMPTY;
    Runnable syncNow = () -> { };
    BooleanSupplier refreshKeys = () -> false;

    KioskFlowBuilder() {
    }

    public KioskFlowBuilder queue(LocalQueue queue) {
        this.queue = queue;
        return this;
    }

    /** The verifier with the newest key set (keys are refreshed from upstream while online). */
    public KioskFlowBuilder verifier(Supplier<TokenVerifier> verifier) {
        this.verifier = verifier;
        return this;
    }

    public KioskFlowBuilder printer(TicketPrinter printer) {
        this.printer = printer;
        return this;
    }

    /** Where verify, record and print run; a single background thread on the kiosk, the caller's in tests. */
    public KioskFlowBuilder worker(Executor worker) {
        this.worker = worker;
        return this;
    }

    public KioskFlowBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public KioskFlowBuilder idleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
        return this;
    }

    /** The hub's status page address, {@code http://…/t/}: every ticket's QR links there with its token. */
    public KioskFlowBuilder statusUrlBase(String base) {
        this.statusUrlBase = base == null ? "" : base;
        return this;
    }

    /** The branch's ticket key, shared by its kiosks and hub: signs the token in every ticket's link. */
    public KioskFlowBuilder ticketTokens(TicketTokens tokens) {
        this.ticketTokens = tokens;
        return this;
    }

    /** The city's branches, to say which branch (and where) a booking made for another one belongs to. */
    public KioskFlowBuilder branches(BranchDirectory branches) {
        Objects.requireNonNull(branches, "branches");
        return branches(() -> branches);
    }

    /** The city's branches as they are when a booking for another one is scanned (the list is refreshed). */
    public KioskFlowBuilder branches(Supplier<BranchDirectory> branches) {
        this.branches = Objects.requireNonNull(branches, "branches");
        return this;
    }

    /** Fetches the upstream's current keys; true when it got them. Tried once when a code's key is unknown. */
    public KioskFlowBuilder refreshKeys(BooleanSupplier refreshKeys) {
        this.refreshKeys = refreshKeys;
        return this;
    }

    public KioskFlowBuilder syncNow(Runnable syncNow) {
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
