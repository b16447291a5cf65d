package vn.luot.display.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.calls.CallDesk;
import vn.luot.display.hub.BranchHub;
import vn.luot.display.tv.TvBoardModel;
import vn.luot.display.voice.CallSentence;

/** The hub's web side on a real queue: staff page (counters 1 and 5, supervisor) and waiting page on loopback. */
final class StaffRig implements AutoCloseable {

    static final String PIN_1 = "2468";
    static final String PIN_5 = "1357";
    static final String SUPERVISOR_PIN = "97531";
    private static final Map<Integer, String> HASHES = Map.of(1, PinHash.hash(PIN_1), 5, PinHash.hash(PIN_5));
    private static final String SUPERVISOR_HASH = PinHash.hash(SUPERVISOR_PIN);

    final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    final List<CallSentence> spoken = new CopyOnWriteArrayList<>();
    final LocalQueue queue;
    final TvBoardModel board;
    final BranchHub hub;
    /** The counters' desk, as the buttons press it. */
    final CallDesk desk;
    /** The hub's device registry, with kiosk-1 pre-enrolled by {@link #KIOSK_TOKEN}, and its audit log. */
    final vn.luot.core.devices.EnrolledDevices devices;
    final vn.luot.core.audit.AuditLog audit;
    /** The hub's personal staff accounts, empty at first (so the shared PINs above still sign in). */
    final vn.luot.core.staff.StaffAccounts accounts;
    static final String KIOSK_TOKEN = "rig-kiosk-1-token";
    /** The branch's ticket key, as the hub and its kiosks hold it. */
    final vn.luot.core.token.TicketTokens tickets = vn.luot.core.token.TicketTokens.ephemeral();

    StaffRig(Path dir) throws Exception {
        this(dir, DemoBranch.create());
    }

    StaffRig(Path dir, vn.luot.core.domain.Branch branch) throws Exception {
        queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(branch)
                .clock(clock).open();
        board = new TvBoardModel(queue, clock, "");
        desk = new CallDesk(queue, Map.of(), spoken::add, board::called,
                vn.luot.display.voice.CallWording.spellingCodes(),
                new vn.luot.display.calls.RepeatGuard(clock, vn.luot.display.calls.RepeatGuard.DEFAULT_WINDOW));
        desk.addChangeListener(board::refresh);
        devices = vn.luot.core.devices.EnrolledDevices.open(dir.resolve("devices.db"), clock,
                vn.luot.core.sync.DeviceTokens.none().withToken(KIOSK_TOKEN, new vn.luot.core.sync.DeviceIdentity(
                        "kiosk-1", branch.id(), vn.luot.core.sync.DeviceIdentity.Role.KIOSK)));
        audit = vn.luot.core.audit.AuditLog.open(dir.resolve("audit.db"), clock);
        accounts = vn.luot.core.staff.StaffAccounts.open(dir.resolve("staff.db"), clock);
        java.util.concurrent.atomic.AtomicReference<BranchHub> hubOnceBuilt = new java.util.concurrent.atomic.AtomicReference<>();
        StaffPage staff = new StaffPage(desk, queue, HASHES, SUPERVISOR_HASH, accounts,
                new StaffSessions(clock, Duration.ofHours(12)), clock, counter -> java.util.Optional.empty(),
                new SupervisorTools(devices, audit, branch, clock,
                        () -> hubOnceBuilt.get() == null ? List.of() : hubOnceBuilt.get().heartbeats(),
                        () -> hubOnceBuilt.get() == null ? null : hubOnceBuilt.get().syncRefusals()));
        hub = BranchHub.builder(queue, clock).bind("127.0.0.1", 0).devices(devices, audit).staffPage(staff)
                .waitingPage(new WaitingPage(queue, board, clock, tickets)).build().start();
        hubOnceBuilt.set(hub);
    }

    String url(String path) {
        return hub.url() + path;
    }

    @Override
    public void close() {
        hub.close();
        queue.close();
        devices.close();
        audit.close();
        accounts.close();
    }
}
