package vn.luot.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Rating;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.store.QueueStore;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;

/** The day's figures from a small day played through the real queue, with every minute known. */
class DayFiguresTest {

    @TempDir
    Path dir;

    @Test
    void waitsServiceOutcomesRatingsAndPriorityAreCountedFromTheLog() {
        MutableClock clock = MutableClock.at("2026-11-23T08:00");
        Path file = dir.resolve("hub.db");
        try (LocalQueue queue = LocalQueue.builder().file(file).deviceId("hub-1").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(500, 699)).open()) {
            Booking elder = Fixtures.booking("HT", 3, "08:30-09:00", true);
            Booking absent = Fixtures.booking("HT", 4, "08:00-08:30", false);
            Booking forfeited = Fixtures.booking("CT", 5, "10:00-10:30", false);
            queue.recordDecided(List.of(
                    new QueueEvent.BookingRecorded(absent.ticketId(), absent.id(), Purpose.SUBMIT, absent.slot(), false),
                    new QueueEvent.BookingRecorded(forfeited.ticketId(), forfeited.id(), Purpose.SUBMIT, forfeited.slot(), false),
                    new QueueEvent.BookingCancelled(forfeited.ticketId(), true)));

            queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);            // HT-500 joins at 08:00
            clock.set("2026-11-23T08:05");
            assertThat(queue.checkIn(elder).refused()).isFalse();              // HT-003 (priority, 08:30 slot) joins at 08:05
            clock.set("2026-11-23T08:12");
            queue.next(1);                                                      // HT-500 called: waited 12
            clock.set("2026-11-23T08:20");
            queue.next(2);                                                      // HT-003 called: waited 15
            clock.set("2026-11-23T08:21");
            queue.rate(1, Rating.SATISFIED);
            queue.next(1);                                                      // HT-500 served after 9
            clock.set("2026-11-23T08:24");
            queue.noShow(2);                                                    // HT-003 absent at counter 2
            clock.set("2026-11-23T09:05");
            queue.sweepMissedCheckIns();                                        // HT-004 never came
        }
        List<Event> log;
        try (QueueStore store = QueueStore.open(file)) {
            log = store.eventsOfDay(Fixtures.DAY).stream().map(QueueStore.StoredEvent::event).toList();
        }

        DayFigures f = DayFigures.of(DemoBranch.create(), Fixtures.DAY, log);

        assertThat(f.waitsByField().get("HT")).isEqualTo(new DayFigures.Stats(2, 12, 15, 15));
        assertThat(f.priorityWaits()).isEqualTo(new DayFigures.Stats(1, 15, 15, 15));
        assertThat(f.ticketsPerHour().get("HT")).containsEntry(8, 2);
        assertThat(f.outcomesByField().get("HT")).isEqualTo(new DayFigures.Outcomes(2, 1, 1, 1, 0, 0));
        assertThat(f.outcomesByField().get("CT")).isEqualTo(new DayFigures.Outcomes(0, 0, 0, 0, 1, 0));
        DayFigures.CounterFigures one = f.byCounter().get(1);
        assertThat(one.served()).isEqualTo(1);
        assertThat(one.service().median()).isEqualTo(9);
        assertThat(one.ratings()).containsEntry(Rating.SATISFIED, 1).containsEntry(Rating.DISSATISFIED, 0);
        assertThat(one.satisfied()).isEqualTo(1.0);
        assertThat(f.byCounter().get(2).calledNoShow()).isEqualTo(1);
        assertThat(f.longestWaits()).extracting(DayFigures.LongWait::label).containsExactly("HT-003", "HT-500");
        assertThat(f.longestWaits().get(0).joined()).hasToString("08:05");
        assertThat(f.longestWaits().get(0).priority()).isTrue();
        assertThat(f.totalTickets()).isEqualTo(2);
        assertThat(f.totalNoShows()).isEqualTo(2);
    }

    @Test
    void aTransferredCitizenWaitsTwiceOnceInEachField() {
        MutableClock clock = MutableClock.at("2026-11-23T08:00");
        Path file = dir.resolve("transfer.db");
        try (LocalQueue queue = LocalQueue.builder().file(file).deviceId("hub-1").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(500, 699)).open()) {
            queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
            clock.set("2026-11-23T08:03");
            queue.next(1);
            clock.set("2026-11-23T08:10");
            queue.transfer(1, "DD");
            clock.set("2026-11-23T08:14");
            queue.next(4);
        }
        try (QueueStore store = QueueStore.open(file)) {
            DayFigures f = DayFigures.of(DemoBranch.create(), Fixtures.DAY,
                    store.eventsOfDay(Fixtures.DAY).stream().map(QueueStore.StoredEvent::event).toList());
            assertThat(f.waitsByField().get("HT").median()).isEqualTo(3);
            assertThat(f.waitsByField().get("DD").median()).isEqualTo(4);
            assertThat(f.outcomesByField().get("HT").tickets()).as("one citizen, counted once").isEqualTo(1);
        }
    }
}
