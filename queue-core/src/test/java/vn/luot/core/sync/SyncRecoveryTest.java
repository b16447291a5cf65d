package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventType;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.store.StoreException;
import vn.luot.core.store.SyncAlarm;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;

/**
 * The documented recovery, "move the database aside and restart", end to end over real HTTP on loopback and
 * real SQLite files: a kiosk below its hub, and a hub below the centre. Nothing is lost, no number and no
 * (device, seq) is issued twice. Also the hub that boots with a wrong clock.
 */
class SyncRecoveryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final List<AutoCloseable> open = new ArrayList<>();
    private SyncTestServer central;

    @BeforeEach
    void startCentral() throws Exception {
        central = new SyncTestServer(dir.resolve("central.db"), "central", clock);
        open.add(central);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private LocalQueue kiosk(String file) {
        return LocalQueue.builder().file(dir.resolve(file)).deviceId("kiosk-1").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(500, 699)).requireKnownHistory(true).open();
    }

    private static SyncClient client(LocalQueue queue, String url, String token, boolean relay, java.time.Clock clock) {
        return SyncClient.builder().baseUrl(url).branchId(DemoBranch.ID).token(token).queue(queue).relay(relay)
                .clock(clock).build();
    }

    private static long lastSeq(LocalQueue queue) {
        return queue.read(s -> s.lastSeq("kiosk-1"));
    }

    private static void moveAside(Path db) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = Path.of(db + suffix);
            if (Files.exists(f)) {
                Files.move(f, Path.of(db + suffix + ".broken"));
            }
        }
    }

    @Test
    void aKioskWhoseDatabaseWasMovedAsideIssuesNoNumberTwiceAndLosesNothing() throws Exception {
        LocalQueue first = kiosk("kiosk.db");
        SyncClient sync = client(first, central.url(), SyncTestServer.KIOSK_TOKEN, false, clock);
        sync.push();
        assertThat(first.issueWalkIn("KD", Purpose.SUBMIT, false, null).ticket().label()).isEqualTo("KD-500");
        assertThat(first.issueWalkIn("KD", Purpose.SUBMIT, false, null).ticket().label()).isEqualTo("KD-501");
        sync.push();
        long seqBefore = lastSeq(first);
        first.close();
        moveAside(dir.resolve("kiosk.db"));

        LocalQueue recovered = kiosk("kiosk.db");
        open.add(recovered);
        assertThat(recovered.historyKnown()).isFalse();
        assertThatThrownBy(() -> recovered.issueWalkIn("KD", Purpose.SUBMIT, false, null))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.HISTORY_UNKNOWN));

        SyncClient again = client(recovered, central.url(), SyncTestServer.KIOSK_TOKEN, false, clock);
        again.push();
        assertThat(recovered.historyKnown()).isTrue();
        Ticket next = recovered.issueWalkIn("KD", Purpose.SUBMIT, false, null).ticket();
        assertThat(next.label()).as("KD-500 and KD-501 were printed for two other citizens").isEqualTo("KD-502");
        SyncClient.PushResult pushed = again.push();
        assertThat(pushed.rejected()).isZero();
        assertThat(pushed.applied()).isEqualTo(pushed.sent()).isPositive();

        List<Event> issued = central.queue.read(s -> s.loadEvents()).stream()
                .filter(e -> e.type() == EventType.TICKET_ISSUED).toList();
        assertThat(issued).extracting(e -> e.body().toString()).doesNotHaveDuplicates().hasSize(3);
        assertThat(lastSeq(recovered)).isGreaterThan(seqBefore);
        assertThat(central.sync.refusals().seqConflicts()).isZero();
        assertThat(central.sync.refusals().rejected()).isZero();
    }

    @Test
    void aHubWhoseDatabaseWasMovedAsideReusesNoSeqAndLosesNothing() throws Exception {
        Booking b1 = Fixtures.booking("HT", 1, "09:00-09:30", false);
        Booking b2 = Fixtures.booking("HT", 2, "09:00-09:30", false);
        Booking b3 = Fixtures.booking("HT", 3, "09:00-09:30", false);
        central.queue.receive(Fixtures.recorded(List.of(b1, b2, b3)));
        SyncTestServer hub = new SyncTestServer(dir.resolve("hub.db"), "hub", clock, 0, true);
        SyncClient relay = client(hub.queue, central.url(), SyncTestServer.HUB_TOKEN, true, clock);
        relay.push();
        relay.pull();
        LocalQueue kiosk = kiosk("kiosk.db");
        open.add(kiosk);
        SyncClient kioskSync = client(kiosk, hub.url(), SyncTestServer.KIOSK_TOKEN, false, clock);
        kioskSync.push();
        kioskSync.pull();
        for (Booking b : List.of(b1, b2, b3)) {
            kiosk.checkIn(b);
        }
        kioskSync.push();
        assertThat(hub.queue.next(1).called()).map(Ticket::label).contains("HT-001");
        assertThat(hub.queue.next(2).called()).map(Ticket::label).contains("HT-002");
        relay.push();
        Map<Event.Key, Event> centralBefore = central.queue.read(s -> s.loadEvents()).stream()
                .collect(Collectors.toMap(Event::key, Function.identity()));
        int port = hub.port();
        hub.close();
        moveAside(dir.resolve("hub.db"));

        SyncTestServer restarted = new SyncTestServer(dir.resolve("hub.db"), "hub", clock, port, true);
        open.add(restarted);
        // Before it reaches the centre it may still act, under a new epoch of seqs: none it used before.
        List<Event> paused = restarted.queue.pause(3).events();
        assertThat(paused).isNotEmpty().allSatisfy(e -> assertThat(e.seq())
                .as("a new seq epoch far above the hub's old seqs").isGreaterThan(centralBefore.size() + 1_000_000L));
        SyncClient relayAgain = client(restarted.queue, central.url(), SyncTestServer.HUB_TOKEN, true, clock);
        relayAgain.push();
        relayAgain.pull();
        assertThat(restarted.queue.historyKnown()).isTrue();
        assertThat(restarted.queue.ticket(b1.ticketId())).map(Ticket::counter).contains(1);

        Ticket called = restarted.queue.next(1).called().orElseThrow();
        assertThat(called.label()).isEqualTo("HT-003");
        SyncClient.PushResult relayed = relayAgain.push();
        assertThat(relayed.rejected()).isZero();
        assertThat(relayed.applied()).isPositive();
        List<Event> centralAfter = central.queue.read(s -> s.loadEvents());
        for (Event e : centralAfter) {
            Event earlier = centralBefore.get(e.key());
            assertThat(earlier == null || earlier.equals(e)).as("seq %s kept its content", e.key()).isTrue();
        }
        assertThat(centralAfter).extracting(Event::key).containsAll(centralBefore.keySet());
        assertThat(central.queue.ticket(b3.ticketId())).map(Ticket::counter).contains(1);
        assertThat(central.sync.refusals().seqConflicts()).isZero();

        // The kiosk's next pull meets the hub's new log: it takes a snapshot and re-sends what the hub lost.
        SyncClient kioskToNewHub = client(kiosk, restarted.url(), SyncTestServer.KIOSK_TOKEN, false, clock);
        assertThat(kioskToNewHub.pull().snapshot()).isTrue();
        assertThat(kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null).issued()).isTrue();
        kioskToNewHub.push();
        assertThat(lastSeq(restarted.queue)).isEqualTo(lastSeq(kiosk));
    }

    @Test
    void theSameSeqWithOtherContentIsARecordedConflictNotADuplicate() throws Exception {
        LocalQueue first = kiosk("a.db");
        open.add(first);
        first.confirmHistory(0);
        first.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        client(first, central.url(), SyncTestServer.KIOSK_TOKEN, false, clock).push();
        // Another file claiming to be kiosk-1 that starts its seqs again (an unsafe restore).
        LocalQueue impostor = kiosk("b.db");
        open.add(impostor);
        impostor.confirmHistory(0);
        clock.advance(java.time.Duration.ofMinutes(1));
        impostor.issueWalkIn("CT", Purpose.SUBMIT, false, null);
        SyncClient.PushResult result = client(impostor, central.url(), SyncTestServer.KIOSK_TOKEN, false, clock).push();

        assertThat(result.rejected()).isPositive();
        SyncServer.Refusals refusals = central.sync.refusals();
        assertThat(refusals.seqConflicts()).isPositive();
        assertThat(refusals.latest()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(SyncAlarm.Kind.SEQ_CONFLICT);
            assertThat(a.device()).isEqualTo("kiosk-1");
        });
        assertThat(central.queue.tickets()).extracting(Ticket::label).containsExactly("HT-500");
        assertThat(lastSeq(impostor)).as("the push answer moved it past the upstream's seqs")
                .isGreaterThanOrEqualTo(lastSeq(first));
    }

    @Test
    void aHubThatBootedWithAWrongClockStillReceivesTheDaysBookings() throws Exception {
        Booking booked = Fixtures.booking("HT", 7, "10:00-10:30", false);
        central.queue.receive(Fixtures.recorded(List.of(booked)));
        MutableClock hubClock = MutableClock.at("2099-01-01T09:05");
        LocalQueue hub = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(hubClock).open();
        open.add(hub);
        SyncClient relay = client(hub, central.url(), SyncTestServer.HUB_TOKEN, true, hubClock);
        relay.pull();
        assertThat(hub.ticket(booked.ticketId())).as("the booking of the real day").isPresent();

        hubClock.set("2026-11-23T09:06");
        Booking later = Fixtures.booking("HT", 8, "10:00-10:30", false);
        central.queue.receive(List.of(Fixtures.central(50, new vn.luot.core.event.QueueEvent.BookingRecorded(
                later.ticketId(), later.id(), later.purpose(), later.slot(), later.priority()))));
        relay.pull();
        assertThat(hub.ticket(later.ticketId())).isPresent();
    }
}
