package vn.luot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.TicketId;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.QueueStore;
import vn.luot.core.testing.MutableClock;

/** The bench's generated year is a file the real queue opens, with the open days folded and no more. */
class YearOfEventsTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedWeekOpensWithOnlyItsLastDaysFoldedAndIsCached() throws Exception {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        YearOfEvents week = new YearOfEvents(DemoBranch.withCounterCount(YearOfEvents.COUNTERS), monday, 7);
        Path file = week.cached(dir);
        assertThat(week.cached(dir)).isEqualTo(file);
        try (LocalQueue queue = LocalQueue.builder().file(file).deviceId(YearOfEvents.HUB)
                .branch(DemoBranch.withCounterCount(YearOfEvents.COUNTERS))
                .clock(MutableClock.at(monday + "T17:00")).requireKnownHistory(true).open()) {
            long stored = queue.read(QueueStore::storedEventCount);
            // Six working days of about six events per ticket, and four counter events per counter a day.
            assertThat(stored).isBetween(6L * YearOfEvents.TICKETS_PER_DAY * 5, 6L * YearOfEvents.TICKETS_PER_DAY * 7);
            assertThat(queue.historyKnown()).isTrue();
            // Sunday is closed: the open days hold Monday's events and each counter's last event.
            assertThat(queue.eventCount()).isBetween(YearOfEvents.TICKETS_PER_DAY * 5,
                    YearOfEvents.TICKETS_PER_DAY * 7 + 4 * YearOfEvents.COUNTERS);
            assertThat(queue.tickets()).allMatch(t -> t.id().day().equals(monday));
            assertThat(queue.ticket(new TicketId(monday.minusDays(2), "HT", 1))).isEmpty();
        }
    }
}
