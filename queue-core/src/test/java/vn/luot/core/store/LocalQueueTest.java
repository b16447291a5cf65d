package vn.luot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventType;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.queue.CounterOperations.Outcome;
import vn.luot.core.queue.QueueState;
import vn.luot.core.rules.CheckInDecision;
import vn.luot.core.rules.CheckInRefusal;
import vn.luot.core.rules.WalkInRules;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;

class LocalQueueTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final List<LocalQueue> opened = new ArrayList<>();
    private LocalQueue hub;

    @BeforeEach
    void openHub() {
        hub = open("hub", NumberBlock.DEFAULT);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(LocalQueue::close);
    }

    private LocalQueue open(String device, NumberBlock block) {
        LocalQueue queue = LocalQueue.builder()
                .file(dir.resolve(device + ".db"))
                .deviceId(device)
                .branch(DemoBranch.create())
                .clock(clock)
                .walkInBlock(block)
                .open();
        opened.add(queue);
        return queue;
    }

    private LocalQueue reopen(LocalQueue queue) {
        queue.close();
        opened.remove(queue);
        return open(queue.deviceId(), NumberBlock.DEFAULT);
    }

    @Test
    void aCheckInIsDurableAndSurvivesARestart() {
        Booking b = Fixtures.booking("HT", 12, "09:00-09:30", false);
        LocalQueue.CheckInResult result = hub.checkIn(b);
        assertThat(result.decision()).isInstanceOf(CheckInDecision.Accept.class);
        assertThat(result.ticket().label()).isEqualTo("HT-012");
        assertThat(result.ticket().status()).isEqualTo(TicketStatus.CHECKED_IN);

        LocalQueue again = reopen(hub);
        assertThat(again.ticket(b.ticketId())).map(Ticket::status).contains(TicketStatus.CHECKED_IN);
        assertThat(again.waiting("HT")).extracting(Ticket::label).containsExactly("HT-012");
    }

    @Test
    void aSecondScanReprintsTheSameTicketAndWritesNothing() {
        Booking b = Fixtures.booking("HT", 12, "09:00-09:30", false);
        hub.checkIn(b);
        int events = hub.eventCount();
        LocalQueue.CheckInResult second = hub.checkIn(b);
        assertThat(second.decision()).isInstanceOf(CheckInDecision.Reprint.class);
        assertThat(second.ticket().label()).isEqualTo("HT-012");
        assertThat(hub.eventCount()).isEqualTo(events);
    }

    @Test
    void aRefusedScanWritesNothing() {
        clock.set("2026-11-23T08:00");
        LocalQueue.CheckInResult result = hub.checkIn(Fixtures.booking("HT", 12, "09:00-09:30", false));
        assertThat(((CheckInDecision.Refuse) result.decision()).reason()).isEqualTo(CheckInRefusal.TOO_EARLY);
        assertThat(hub.eventCount()).isZero();
        assertThat(hub.tickets()).isEmpty();
    }

    @Test
    void aCentrallyCancelledBookingIsRefusedAtTheKiosk() {
        Booking b = Fixtures.booking("HT", 12, "09:00-09:30", false);
        hub.receive(Fixtures.recorded(List.of(b)));
        hub.receive(List.of(Fixtures.central(99, new QueueEvent.BookingCancelled(b.ticketId(), true))));
        LocalQueue.CheckInResult result = hub.checkIn(b);
        assertThat(((CheckInDecision.Refuse) result.decision()).reason()).isEqualTo(CheckInRefusal.FORFEITED);
    }

    @Test
    void walkInNumbersComeFromEachDevicesOwnBlockAndNeverCollide() {
        LocalQueue kiosk1 = open("kiosk-1", new NumberBlock(500, 699));
        LocalQueue kiosk2 = open("kiosk-2", new NumberBlock(700, 899));
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.addAll(kiosk1.issueWalkIn("HT", Purpose.SUBMIT, false, null).events());
            all.addAll(kiosk2.issueWalkIn("HT", Purpose.SUBMIT, false, null).events());
        }
        hub.receive(all);
        assertThat(hub.waiting("HT")).extracting(t -> t.id().number())
                .containsExactly(500, 700, 501, 701, 502, 702, 503, 703, 504, 704);

        LocalQueue kiosk1Again = reopen(kiosk1);
        assertThat(kiosk1Again.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket().label()).isEqualTo("HT-505");
    }

    @Test
    void anExhaustedBlockIsSaidNotSilentlyReused() {
        LocalQueue kiosk = open("kiosk-1", new NumberBlock(500, 501));
        assertThat(kiosk.issueWalkIn("CT", Purpose.SUBMIT, false, null).issued()).isTrue();
        assertThat(kiosk.issueWalkIn("CT", Purpose.SUBMIT, false, null).issued()).isTrue();
        LocalQueue.WalkInResult third = kiosk.issueWalkIn("CT", Purpose.SUBMIT, false, null);
        assertThat(third.issued()).isFalse();
        assertThat(third.blockExhausted()).isTrue();
    }

    @Test
    void walkInsAreRefusedForAnUnknownFieldAndAfterClosing() {
        assertThat(hub.issueWalkIn("ZZ", Purpose.SUBMIT, false, null).refusal())
                .isEqualTo(WalkInRules.Refusal.UNKNOWN_FIELD);
        clock.set("2026-11-23T17:00");
        assertThat(hub.issueWalkIn("HT", Purpose.SUBMIT, false, null).refusal()).isEqualTo(WalkInRules.Refusal.CLOSED);
    }

    @Test
    void aWalkInBelongsToTheSlotInWhichItTookItsTicket() {
        clock.set("2026-11-23T10:47");
        Ticket t = hub.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket();
        assertThat(t.slot()).isEqualTo(TimeSlot.parse("10:30-11:00"));
        clock.set("2026-11-23T12:20");
        assertThat(hub.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket().slot())
                .as("in the lunch break a walk-in joins the first afternoon slot")
                .isEqualTo(TimeSlot.parse("13:00-13:30"));
    }

    @Test
    void nextServesTheCurrentTicketCallsTheNextAndTellsTheOneAfterThatItIsApproaching() {
        hub.checkIn(Fixtures.booking("HT", 1, "09:00-09:30", false));
        hub.checkIn(Fixtures.booking("HT", 2, "09:00-09:30", false));
        hub.checkIn(Fixtures.booking("HT", 3, "09:00-09:30", false));

        LocalQueue.CounterResult first = hub.next(1);
        assertThat(first.outcome()).isEqualTo(Outcome.CALLED);
        assertThat(first.called()).map(Ticket::label).contains("HT-001");
        assertThat(first.called().orElseThrow().counter()).isEqualTo(1);
        assertThat(types(first.events())).containsExactly(EventType.CALLED, EventType.APPROACHING);
        assertThat(((QueueEvent.Approaching) first.events().get(1).body()).ticket().label()).isEqualTo("HT-002");

        LocalQueue.CounterResult second = hub.next(1);
        assertThat(types(second.events())).containsExactly(EventType.SERVED, EventType.CALLED, EventType.APPROACHING);
        assertThat(hub.ticket(new TicketId(Fixtures.DAY, "HT", 1))).map(Ticket::status).contains(TicketStatus.SERVED);
        assertThat(hub.currentAt(1)).map(Ticket::label).contains("HT-002");
    }

    @Test
    void aCheckInThatBecomesTheHeadOfAnEmptyLineIsToldItIsApproaching() {
        LocalQueue.CheckInResult result = hub.checkIn(Fixtures.booking("DD", 4, "09:00-09:30", false));
        assertThat(types(result.events())).containsExactly(EventType.CHECKED_IN, EventType.APPROACHING);
        LocalQueue.CheckInResult behind = hub.checkIn(Fixtures.booking("DD", 5, "09:00-09:30", false));
        assertThat(types(behind.events())).containsExactly(EventType.CHECKED_IN);
        assertThat(behind.ahead()).isEqualTo(1);
    }

    @Test
    void nextWithNobodyWaitingSaysSoAndStillFinishesTheCurrentTicket() {
        assertThat(hub.next(4).outcome()).isEqualTo(Outcome.NOBODY_WAITING);
        hub.checkIn(Fixtures.booking("DD", 4, "09:00-09:30", false));
        hub.next(4);
        LocalQueue.CounterResult result = hub.next(4);
        assertThat(result.outcome()).isEqualTo(Outcome.NOBODY_WAITING);
        assertThat(types(result.events())).containsExactly(EventType.SERVED);
        assertThat(hub.currentAt(4)).isEmpty();
    }

    @Test
    void recallNoShowAndReactivationOnce() {
        Booking b = Fixtures.booking("HT", 1, "09:00-09:30", false);
        hub.checkIn(b);
        hub.checkIn(Fixtures.booking("HT", 2, "09:00-09:30", false));
        hub.next(1);
        assertThat(hub.recall(1).outcome()).isEqualTo(Outcome.RECALLED);
        assertThat(hub.ticket(b.ticketId()).orElseThrow().recalls()).isEqualTo(1);

        LocalQueue.CounterResult absent = hub.noShow(1);
        assertThat(absent.called()).map(Ticket::label).contains("HT-002");
        assertThat(hub.ticket(b.ticketId())).map(Ticket::status).contains(TicketStatus.CALLED_NO_SHOW);

        clock.set("2026-11-23T10:10");
        LocalQueue.CheckInResult back = hub.checkIn(b);
        assertThat(back.decision()).isInstanceOf(CheckInDecision.Reactivate.class);
        assertThat(back.ticket().status()).isEqualTo(TicketStatus.CHECKED_IN);
        assertThat(back.ticket().slot()).isEqualTo(TimeSlot.parse("10:00-10:30"));

        hub.next(1);
        hub.noShow(1);
        assertThat(((CheckInDecision.Refuse) hub.checkIn(b).decision()).reason())
                .isEqualTo(CheckInRefusal.REACTIVATION_USED);
    }

    @Test
    void recallAndNoShowWithoutATicketAtTheCounterSaySo() {
        assertThat(hub.recall(3).outcome()).isEqualTo(Outcome.NO_CURRENT_TICKET);
        assertThat(hub.noShow(3).outcome()).isEqualTo(Outcome.NO_CURRENT_TICKET);
        assertThat(hub.next(99).outcome()).isEqualTo(Outcome.UNKNOWN_COUNTER);
    }

    @Test
    void transferSendsTheCurrentTicketToTheFrontOfAnotherField() {
        hub.checkIn(Fixtures.booking("CT", 7, "09:00-09:30", false));
        hub.checkIn(Fixtures.booking("DD", 1, "09:00-09:30", true));
        hub.next(3);
        LocalQueue.CounterResult moved = hub.transfer(3, "DD");
        assertThat(moved.outcome()).isEqualTo(Outcome.TRANSFERRED);
        assertThat(hub.waiting("DD")).extracting(Ticket::label).containsExactly("CT-007", "DD-001");
        assertThat(hub.next(4).called()).map(Ticket::label).contains("CT-007");
        assertThat(hub.transfer(4, "ZZ").outcome()).isEqualTo(Outcome.UNKNOWN_FIELD);
    }

    @Test
    void aPausedCounterCallsNobodyUntilResumed() {
        hub.checkIn(Fixtures.booking("DD", 1, "09:00-09:30", false));
        hub.pause(4);
        assertThat(hub.next(4).outcome()).isEqualTo(Outcome.COUNTER_PAUSED);
        assertThat(reopen(hub).isPaused(4)).isTrue();
        LocalQueue again = opened.get(opened.size() - 1);
        again.resume(4);
        assertThat(again.next(4).outcome()).isEqualTo(Outcome.CALLED);
    }

    @Test
    void aRatingIsRecordedForTheTicketJustServed() {
        hub.checkIn(Fixtures.booking("DD", 1, "09:00-09:30", false));
        hub.next(4);
        hub.next(4);
        assertThat(hub.rate(4, Rating.VERY_SATISFIED).outcome()).isEqualTo(Outcome.RATED);
        assertThat(hub.ticket(new TicketId(Fixtures.DAY, "DD", 1)).orElseThrow().rating())
                .isEqualTo(Rating.VERY_SATISFIED);
    }

    @Test
    void twoCountersPressingNextAtTheSameInstantGetDifferentTickets() throws Exception {
        for (int n = 1; n <= 40; n++) {
            hub.checkIn(Fixtures.booking("HT", n, "09:00-09:30", false));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> counters = new ArrayList<>();
            for (int counter : new int[] {1, 2}) {
                counters.add(pool.submit(() -> {
                    start.await();
                    List<String> called = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        hub.next(counter).called().ifPresent(t -> called.add(t.label()));
                    }
                    return called;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>(counters.get(0).get());
            all.addAll(counters.get(1).get());
            assertThat(all).hasSize(40).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theShiftMoveSendsEveryUnservedMorningBookingToTheAfternoonInOrder() {
        hub.receive(Fixtures.recorded(List.of(
                Fixtures.booking("HT", 1, "08:00-08:30", false),
                Fixtures.booking("HT", 2, "09:00-09:30", false),
                Fixtures.booking("HT", 3, "11:30-12:00", false),
                Fixtures.booking("HT", 4, "14:00-14:30", false))));
        hub.checkIn(Fixtures.booking("HT", 2, "09:00-09:30", false));
        List<Event> moves = hub.moveMorningToAfternoon();
        assertThat(moves).extracting(Event::type).containsOnly(EventType.MOVED);
        Map<Integer, Ticket> byNumber = hub.tickets().stream().collect(Collectors.toMap(t -> t.id().number(), t -> t));
        assertThat(byNumber.get(1).slot()).isEqualTo(TimeSlot.parse("13:00-13:30"));
        assertThat(byNumber.get(1).status()).isEqualTo(TicketStatus.MOVED);
        assertThat(byNumber.get(2).slot()).isEqualTo(TimeSlot.parse("14:00-14:30"));
        assertThat(byNumber.get(2).status()).as("a waiting citizen keeps waiting").isEqualTo(TicketStatus.CHECKED_IN);
        assertThat(byNumber.get(3).slot()).isEqualTo(TimeSlot.parse("16:30-17:00"));
        assertThat(byNumber.get(4).status()).isEqualTo(TicketStatus.BOOKED);
    }

    @Test
    void bookingsNotCheckedInByTheEndOfTheirWindowBecomeNoShows() {
        hub.receive(Fixtures.recorded(List.of(
                Fixtures.booking("HT", 1, "08:00-08:30", false),
                Fixtures.booking("HT", 2, "09:00-09:30", false))));
        assertThat(hub.sweepMissedCheckIns()).hasSize(1);
        assertThat(hub.ticket(new TicketId(Fixtures.DAY, "HT", 1))).map(Ticket::status).contains(TicketStatus.NO_SHOW);
        assertThat(hub.sweepMissedCheckIns()).isEmpty();
        assertThat(((CheckInDecision.Refuse) hub.checkIn(Fixtures.booking("HT", 1, "08:00-08:30", false))
                .decision()).reason()).isEqualTo(CheckInRefusal.NO_SHOW);
    }

    @Test
    void dayRollOverDecisionsWaitForATrustedClock() {
        boolean[] trusted = {false};
        LocalQueue kiosk = LocalQueue.builder().file(dir.resolve("untrusted.db")).deviceId("kiosk-9")
                .branch(DemoBranch.create()).clock(clock).clockTrusted(() -> trusted[0]).open();
        opened.add(kiosk);
        kiosk.receive(Fixtures.recorded(List.of(Fixtures.booking("HT", 1, "08:00-08:30", false))));
        assertThat(kiosk.sweepMissedCheckIns()).isEmpty();
        assertThat(kiosk.ticket(new TicketId(Fixtures.DAY, "HT", 1))).map(Ticket::status).contains(TicketStatus.BOOKED);
        trusted[0] = true;
        assertThat(kiosk.sweepMissedCheckIns()).hasSize(1);
    }

    @Test
    void aCitizenIdIsKeptOnlyAsAKeyedHashAndPurgedTheNextDay() throws Exception {
        hub.issueWalkIn("HT", Purpose.SUBMIT, true, "001045012345");
        assertThat(hub.store().citizenRefCount()).isEqualTo(1);
        byte[] file = java.nio.file.Files.readAllBytes(hub.store().file());
        byte[] wal = java.nio.file.Files.readAllBytes(Path.of(hub.store().file() + "-wal"));
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("001045012345");
        assertThat(new String(wal, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("001045012345");

        clock.advance(Duration.ofDays(1));
        assertThat(hub.purgePersonalData()).isEqualTo(1);
        assertThat(hub.store().citizenRefCount()).isZero();
    }

    @Test
    void theStoredStateIsExactlyTheFoldOfTheStoredLog() {
        LocalQueue kiosk = open("kiosk-1", new NumberBlock(500, 699));
        for (int n = 1; n <= 10; n++) {
            hub.checkIn(Fixtures.booking(n % 2 == 0 ? "HT" : "CT", n, "09:00-09:30", n == 3));
            hub.receive(kiosk.issueWalkIn("HT", Purpose.COLLECT, false, null).events());
        }
        for (int i = 0; i < 6; i++) {
            hub.next(2);
        }
        hub.noShow(2);
        hub.transfer(2, "DD");
        hub.moveMorningToAfternoon();

        Map<TicketId, Ticket> stored = hub.store().loadTickets();
        QueueState folded = QueueState.fold(hub.store().loadEvents());
        assertThat(folded.tickets()).hasSize(stored.size());
        folded.tickets().forEach(t -> assertThat(stored.get(t.id())).isEqualTo(t));
        assertThat(Set.copyOf(hub.tickets())).isEqualTo(Set.copyOf(stored.values()));
    }

    private static List<EventType> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    @Test
    void theLoadHoldsTheLinesThePausesAndEachServiceFromItsLastCall() {
        hub.issueWalkIn("DD", Purpose.SUBMIT, false, null);
        hub.issueWalkIn("DD", Purpose.SUBMIT, false, null);
        hub.issueWalkIn("XD", Purpose.SUBMIT, false, null);
        hub.next(4);
        clock.advance(Duration.ofMinutes(3));
        hub.recall(4);
        clock.advance(Duration.ofMinutes(12));
        hub.finish(4);
        hub.pause(6);
        vn.luot.core.wait.QueueLoad load = hub.load();
        assertThat(load.waiting("DD")).isEqualTo(1);
        assertThat(load.waiting("XD")).isEqualTo(1);
        assertThat(load.pausedCounters()).containsExactly(6);
        assertThat(load.servedToday()).singleElement().satisfies(s -> {
            assertThat(s.field()).isEqualTo("DD");
            assertThat(s.counter()).isEqualTo(4);
            assertThat(s.duration()).as("from the call (a recall is the same call)").isEqualTo(Duration.ofMinutes(15));
        });
    }
}
