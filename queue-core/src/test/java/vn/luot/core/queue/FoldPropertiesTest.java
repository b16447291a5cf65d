package vn.luot.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.testing.Fixtures;

/**
 * The queue is a deterministic fold: any delivery order, with any duplicates, of the same set of
 * events gives the same state. The logs are random on purpose (events in nonsensical orders, HLC
 * ties across devices) because a device must converge on whatever the network delivers.
 */
class FoldPropertiesTest {

    private static final String[] DEVICES = {"central", "kiosk-1", "kiosk-2", "hub"};
    private static final String[] FIELDS = {"HT", "CT"};
    private static final TimeSlot[] SLOTS = {TimeSlot.parse("09:00-09:30"), TimeSlot.parse("09:30-10:00")};

    static LongStream seeds() {
        return LongStream.range(0, 400).map(i -> 0x9E3779B97F4A7C15L * (i + 1));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shuffledAndDuplicatedDeliveryGivesTheSameQueue(long seed) {
        Random random = new Random(seed);
        List<Event> log = randomLog(random, 5 + random.nextInt(60));
        QueueState reference = QueueState.fold(log);

        List<Event> delivery = new ArrayList<>(log);
        for (int i = random.nextInt(log.size()); i > 0; i--) {
            delivery.add(log.get(random.nextInt(log.size())));
        }
        Collections.shuffle(delivery, random);
        QueueState incremental = new QueueState();
        delivery.forEach(incremental::apply);

        assertThat(Snapshot.of(incremental)).isEqualTo(Snapshot.of(reference));
        assertThat(incremental.eventCount()).isEqualTo(log.size());
        for (int counter = 1; counter <= 2; counter++) {
            assertThat(incremental.currentAt(Fixtures.DAY, counter)).isEqualTo(reference.currentAt(Fixtures.DAY, counter));
            assertThat(incremental.isPaused(counter)).isEqualTo(reference.isPaused(counter));
        }
    }

    private static List<Event> randomLog(Random random, int size) {
        Map<String, Long> seqs = new HashMap<>();
        List<Event> log = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String device = DEVICES[random.nextInt(DEVICES.length)];
            long seq = seqs.merge(device, 1L, Long::sum);
            // A narrow HLC range makes ties (broken by device and seq) frequent.
            Hlc hlc = new Hlc(1_000 + random.nextInt(size), random.nextInt(2));
            log.add(new Event(device, seq, hlc, Instant.ofEpochMilli(hlc.wallMillis()), randomBody(random)));
        }
        return log;
    }

    private static QueueEvent randomBody(Random random) {
        TicketId id = new TicketId(Fixtures.DAY, FIELDS[random.nextInt(2)], 1 + random.nextInt(4));
        TimeSlot slot = SLOTS[random.nextInt(2)];
        int counter = 1 + random.nextInt(2);
        return switch (random.nextInt(16)) {
            case 0 -> new QueueEvent.BookingRecorded(id, "bk", Purpose.SUBMIT, slot, random.nextBoolean());
            case 1 -> new QueueEvent.BookingCancelled(id, random.nextBoolean());
            case 2 -> new QueueEvent.BookingMoved(id, slot, TimeSlot.parse("14:00-14:30"));
            case 3 -> new QueueEvent.CheckedIn(id, "bk", Purpose.COLLECT, slot, random.nextBoolean());
            case 4 -> new QueueEvent.TicketIssued(id, Purpose.ADVICE, slot, random.nextBoolean());
            case 5 -> new QueueEvent.Called(id, counter);
            case 6 -> new QueueEvent.Recalled(id, counter);
            case 7 -> new QueueEvent.Served(id, counter);
            case 8 -> new QueueEvent.CalledNoShow(id, counter);
            case 9 -> new QueueEvent.MissedCheckIn(id);
            case 10 -> new QueueEvent.Reactivated(id, slot);
            case 11 -> new QueueEvent.Transferred(id, counter, FIELDS[random.nextInt(2)]);
            case 12 -> new QueueEvent.Approaching(id);
            case 13 -> new QueueEvent.RatingGiven(id, counter, Rating.values()[random.nextInt(4)]);
            case 14 -> new QueueEvent.CounterPaused(counter);
            default -> new QueueEvent.CounterResumed(counter);
        };
    }
}
