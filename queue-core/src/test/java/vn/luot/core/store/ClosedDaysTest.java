package vn.luot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;

/** Closed days stay in the file but out of memory; old days are pruned below an upstream; answers expire. */
class ClosedDaysTest {

    @TempDir
    Path dir;

    private static final LocalDate TODAY = Fixtures.DAY;
    private static final LocalDate OLD = TODAY.minusDays(40);
    private final MutableClock clock = MutableClock.at(TODAY + "T09:00");

    private LocalQueue open(Path file, boolean belowUpstream) {
        return LocalQueue.builder().file(file).deviceId("hub").branch(DemoBranch.create()).clock(clock)
                .requireKnownHistory(belowUpstream).open();
    }

    private static Event event(String device, long seq, LocalDate day, int minute, QueueEvent body) {
        Instant at = day.atTime(8, 0).plusMinutes(minute).atZone(BranchTime.ZONE).toInstant();
        return new Event(device, seq, new Hlc(at.toEpochMilli(), 0), at, body);
    }

    /** {@code days} days of three walk-ins each, as a kiosk pushed them to the hub. */
    private static List<Event> days(LocalDate first, int days, String device, long firstSeq) {
        List<Event> events = new ArrayList<>();
        long seq = firstSeq;
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            for (int n = 1; n <= 3; n++) {
                events.add(event(device, seq++, day, n, new QueueEvent.TicketIssued(new TicketId(day, "HT", n),
                        Purpose.SUBMIT, TimeSlot.parse("08:00-08:30"), false)));
            }
        }
        return events;
    }

    @Test
    void aClosedDayIsInTheFileButNotInMemory() {
        Path file = dir.resolve("queue.db");
        try (LocalQueue q = open(file, false)) {
            q.receive(days(TODAY.minusDays(5), 6, "kiosk-1", 1));
        }
        try (LocalQueue q = open(file, false)) {
            assertThat(q.ticket(new TicketId(TODAY.minusDays(5), "HT", 1))).isEmpty();
            assertThat(q.ticket(new TicketId(TODAY.minusDays(1), "HT", 1))).as("yesterday stays open").isPresent();
            assertThat(q.ticket(new TicketId(TODAY, "HT", 1))).isPresent();
            assertThat(q.eventCount()).isEqualTo(6);
            assertThat(q.<Long>read(QueueStore::storedEventCount)).isEqualTo(18);
            assertThat(q.<List<QueueStore.StoredEvent>>read(s -> s.eventsOfDay(TODAY.minusDays(5)))).hasSize(3);
        }
    }

    @Test
    void theDayRollsOverWithoutARestart() {
        try (LocalQueue q = open(dir.resolve("queue.db"), false)) {
            q.receive(days(TODAY, 1, "kiosk-1", 1));
            assertThat(q.eventCount()).isEqualTo(3);
            clock.advance(Duration.ofDays(2));
            assertThat(q.ticket(new TicketId(TODAY, "HT", 1))).as("the last busy day stays until a new one")
                    .isPresent();
            q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
            assertThat(q.ticket(new TicketId(TODAY, "HT", 1))).isEmpty();
            assertThat(q.tickets()).allMatch(t -> t.id().day().equals(TODAY.plusDays(2)));
        }
    }

    @Test
    void aLateEventOfAClosedDayIsStoredAndItsRepeatIsADuplicateOrAConflict() {
        try (LocalQueue q = open(dir.resolve("queue.db"), false)) {
            q.receive(days(TODAY, 1, "kiosk-2", 1));
            Event late = days(OLD, 1, "kiosk-1", 1).get(0);
            assertThat(q.receive(List.of(late), false, (tx, r) -> { }).deliveries().get(late.key()))
                    .isEqualTo(LocalQueue.Delivery.APPLIED);
            assertThat(q.ticket(new TicketId(OLD, "HT", 1))).as("not folded").isEmpty();
            assertThat(q.<java.util.Optional<Event>>read(s -> s.event(late.key()))).contains(late);
            assertThat(q.receive(List.of(late), false, (tx, r) -> { }).deliveries().get(late.key()))
                    .isEqualTo(LocalQueue.Delivery.DUPLICATE);
            Event other = new Event("kiosk-1", 1, late.hlc(), late.deviceTime(),
                    new QueueEvent.TicketIssued(new TicketId(OLD, "HT", 9), Purpose.SUBMIT,
                            TimeSlot.parse("08:00-08:30"), false));
            assertThat(q.receive(List.of(other), false, (tx, r) -> { }).deliveries().get(other.key()))
                    .isEqualTo(LocalQueue.Delivery.SEQ_CONFLICT);
        }
    }

    @Test
    void aFileWithMonthsOfEventsOpensWithOnlyTheOpenDaysAndContinuesItsSeriesAndClock() {
        Path file = dir.resolve("queue.db");
        clock.set(OLD + "T08:00");
        try (LocalQueue q = open(file, false)) {
            q.pause(2);
            for (int d = 0; d <= 40; d++) {
                clock.set(OLD.plusDays(d) + "T09:00");
                q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
                q.pause(1);
                q.resume(1);
            }
        }
        clock.set(TODAY + "T10:00");
        try (LocalQueue q = open(file, false)) {
            assertThat(q.eventCount()).as("today's walk-in and counter events, and each counter's last")
                    .isLessThanOrEqualTo(10);
            assertThat(q.isPaused(2)).as("a counter paused weeks ago is still paused").isTrue();
            assertThat(q.isPaused(1)).isFalse();
            long seq = q.read(s -> s.lastSeq("hub"));
            Hlc last = q.read(QueueStore::lastHlc);
            Event next = q.issueWalkIn("HT", Purpose.SUBMIT, false, null).events().get(0);
            assertThat(next.seq()).isEqualTo(seq + 1);
            assertThat(next.hlc()).isGreaterThan(last);
            assertThat(next.body()).isInstanceOfSatisfying(QueueEvent.TicketIssued.class,
                    t -> assertThat(t.ticket().number()).isEqualTo(NumberBlock.DEFAULT.first() + 1));
        }
    }

    @Test
    void pruningBelowAnUpstreamKeepsWhatSyncNeeds() {
        Path file = dir.resolve("queue.db");
        List<Event> old = days(OLD, 2, "kiosk-1", 1);
        List<Event> recent = days(TODAY, 1, "kiosk-1", 7);
        try (LocalQueue q = open(file, true)) {
            q.confirmHistory(0);
            q.receive(old);
            q.receive(recent);
            // Everything up to the first old day's events has been pushed upstream; the rest has not.
            q.write(tx -> {
                tx.putCursor("push", Long.toString(q.store().rowidOf("kiosk-1", 3).orElseThrow()));
                return null;
            });
            q.purgePersonalData();
            assertThat(q.<java.util.Optional<Event>>read(s -> s.event(old.get(0).key()))).as("pushed, old: pruned").isEmpty();
            assertThat(q.<java.util.Optional<Event>>read(s -> s.event(old.get(3).key()))).as("not yet pushed: kept").isPresent();
            assertThat(q.<java.util.Optional<Event>>read(s -> s.event(recent.get(0).key()))).as("recent: kept").isPresent();
            assertThat(q.<Long>read(s -> s.lastSeq("kiosk-1"))).isEqualTo(9);
            assertThat(q.<Long>read(s -> s.prunedThrough("kiosk-1"))).isEqualTo(3);
            assertThat(q.receive(List.of(old.get(0)), false, (tx, r) -> { }).deliveries().get(old.get(0).key()))
                    .as("a pruned event pushed again").isEqualTo(LocalQueue.Delivery.DUPLICATE);
            assertThat(q.<List<QueueStore.StoredEvent>>read(s -> s.eventsOfDay(TODAY))).hasSize(3);
        }
        try (LocalQueue q = open(file, true)) {
            assertThat(q.historyKnown()).isTrue();
        }
    }

    @Test
    void pruningTakesTheDevicesOwnOldEventsWithoutLosingItsSequence() {
        Path file = dir.resolve("queue.db");
        clock.set(OLD + "T09:00");
        try (LocalQueue q = open(file, true)) {
            q.confirmHistory(0);
            q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
            q.issueWalkIn("HT", Purpose.SUBMIT, false, null);
            q.write(tx -> {
                tx.putCursor("push", Long.toString(q.store().maxRowid()));
                return null;
            });
        }
        clock.set(TODAY + "T09:00");
        long used;
        try (LocalQueue q = open(file, true)) {
            used = q.<Long>read(s -> s.lastSeq("hub"));
            q.purgePersonalData();
            assertThat(q.<Long>read(QueueStore::storedEventCount)).isZero();
        }
        assertThat(used).isGreaterThanOrEqualTo(2);
        try (LocalQueue q = open(file, true)) {
            assertThat(q.historyKnown()).isTrue();
            assertThat(q.issueWalkIn("HT", Purpose.SUBMIT, false, null).events().get(0).seq()).isEqualTo(used + 1);
        }
    }

    @Test
    void theCentreKeepsItsWholeLog() {
        Path file = dir.resolve("queue.db");
        try (LocalQueue q = open(file, false)) {
            q.receive(days(OLD, 2, "kiosk-1", 1));
            q.write(tx -> {
                tx.putCursor("push", Long.toString(q.store().maxRowid()));
                return null;
            });
            q.purgePersonalData();
            assertThat(q.<Long>read(QueueStore::storedEventCount)).isEqualTo(6);
        }
    }

    @Test
    void idempotencyAnswersExpireOldestFirst() {
        try (LocalQueue q = open(dir.resolve("queue.db"), false)) {
            Instant t0 = clock.instant();
            q.write(tx -> {
                tx.putIdempotentResponse("k:1", "h1", "{}", t0.minus(Duration.ofDays(9)));
                tx.putIdempotentResponse("k:2", "h2", "{}", t0.minus(Duration.ofDays(8)));
                tx.putIdempotentResponse("k:3", "h3", "{}", t0.minus(Duration.ofDays(1)));
                return null;
            });
            Instant before = t0.minus(LocalQueue.IDEMPOTENT_ANSWERS_KEPT);
            assertThat(q.<Integer>write(tx -> tx.expireIdempotentAnswers(before, 1))).isEqualTo(1);
            assertThat(q.<java.util.Optional<QueueStore.IdempotentAnswer>>read(s -> s.idempotentResponse("k:1"))).isEmpty();
            assertThat(q.<java.util.Optional<QueueStore.IdempotentAnswer>>read(s -> s.idempotentResponse("k:2"))).isPresent();
            assertThat(q.<Integer>write(tx -> tx.expireIdempotentAnswers(before, 10))).isEqualTo(1);
            assertThat(q.<java.util.Optional<QueueStore.IdempotentAnswer>>read(s -> s.idempotentResponse("k:2"))).isEmpty();
            assertThat(q.<java.util.Optional<QueueStore.IdempotentAnswer>>read(s -> s.idempotentResponse("k:3"))).as("a day old: kept").isPresent();
        }
    }
}
