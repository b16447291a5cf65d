package vn.luot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.queue.QueueState;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;

/**
 * {@code ./luot bench core}: check-in latency (rules + durable commit), NEXT latency with about 2,000
 * waiting, and the fold of 100,000 events, on a day of 5,000 bookings and 30 counters with
 * {@code synchronous=FULL}. Writes {@code target/bench/core.json}.
 */
public final class CoreBench {

    private static final int BOOKINGS = 5_000;
    private static final int COUNTERS = 30;

    private CoreBench() {
    }

    static void run(Path outDir) throws IOException {
        Path dir = Files.createTempDirectory("luot-bench-core");
        BenchReport report = new BenchReport("core");
        Branch branch = DemoBranch.withCounterCount(COUNTERS);
        List<Booking> bookings = day(branch);
        report.put("bookings", BOOKINGS).put("counters", COUNTERS).put("synchronous", "FULL");

        MutableClock clock = MutableClock.at("2026-11-23T07:30");
        try (LocalQueue queue = LocalQueue.builder().file(dir.resolve("core.db")).deviceId("bench")
                .branch(branch).clock(clock).open()) {
            queue.receive(Fixtures.recorded(bookings));

            double[] checkIn = new double[bookings.size()];
            for (int i = 0; i < bookings.size(); i++) {
                Booking b = bookings.get(i);
                clock.set("2026-11-23T" + b.slot().start().minusMinutes(10));
                long t0 = System.nanoTime();
                LocalQueue.CheckInResult result = queue.checkIn(b);
                checkIn[i] = (System.nanoTime() - t0) / 1e6;
                if (result.refused()) {
                    throw new IllegalStateException("bench booking refused: " + result.decision());
                }
            }
            report.put("checkin_p50_ms", BenchReport.percentile(checkIn, 50));
            report.put("checkin_p99_ms", BenchReport.percentile(checkIn, 99));

            clock.set("2026-11-23T16:00");
            int counter = 0;
            while (waiting(queue, branch) > 2_500) {
                queue.next(1 + counter++ % COUNTERS);
            }
            double[] next = new double[1_000];
            for (int i = 0; i < next.length; i++) {
                long t0 = System.nanoTime();
                queue.next(1 + counter++ % COUNTERS);
                next[i] = (System.nanoTime() - t0) / 1e6;
            }
            report.put("call_next_waiting_range", "2500..1500");
            report.put("call_next_p50_ms", BenchReport.percentile(next, 50));
            report.put("call_next_p99_ms", BenchReport.percentile(next, 99));
        }

        List<Event> log = hundredThousandEvents(branch);
        double best = Double.MAX_VALUE;
        QueueState state = null;
        for (int round = 0; round < 5; round++) {
            state = null;
            long t0 = System.nanoTime();
            state = QueueState.fold(log);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        report.put("fold_100k_events_ms", best);
        log = null;
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
        report.put("heap_after_100k_events_mb", heapMb);
        report.put("tickets_in_folded_state", state.tickets().size());

        MutableClock later = MutableClock.at("2026-11-23T16:00");
        Path big = dir.resolve("big.db");
        try (LocalQueue queue = LocalQueue.builder().file(big).deviceId("bench").branch(branch).clock(later).open()) {
            queue.receive(hundredThousandEvents(branch));
        }
        long t0 = System.nanoTime();
        try (LocalQueue queue = LocalQueue.builder().file(big).deviceId("bench").branch(branch).clock(later).open()) {
            report.put("open_and_fold_100k_events_from_sqlite_ms", (System.nanoTime() - t0) / 1e6);
        }
        if (!Boolean.getBoolean("luot.bench.skipYear")) {
            try {
                YearBench.run(report, outDir, dir);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        report.put("load_average_1_5_15_min", loadAverage());
        report.write(System.out, outDir);
        deleteRecursively(dir);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int waiting(LocalQueue queue, Branch branch) {
        return branch.fields().stream().mapToInt(f -> queue.waitingCount(f.code())).sum();
    }

    /** 5,000 bookings spread over the fields and the 16 slots of the day; every 20th is a priority citizen. */
    static List<Booking> day(Branch branch) {
        List<Booking> bookings = new ArrayList<>(BOOKINGS);
        List<ServiceField> fields = branch.fields();
        List<TimeSlot> slots = branch.slots();
        int[] numbers = new int[fields.size()];
        for (int i = 0; i < BOOKINGS; i++) {
            int f = i % fields.size();
            TimeSlot slot = slots.get((i / fields.size()) * slots.size() / (BOOKINGS / fields.size() + 1));
            bookings.add(Fixtures.booking(fields.get(f).code(), ++numbers[f], slot.toString(), i % 20 == 0));
        }
        bookings.sort(Comparator.comparing(Booking::slot));
        return bookings;
    }

    /** A plausible day's log of 100,000 events: 20,000 tickets, each booked, checked in, approached, called, served. */
    static List<Event> hundredThousandEvents(Branch branch) {
        List<Event> events = new ArrayList<>(100_000);
        List<ServiceField> fields = branch.fields();
        long seqCentral = 0;
        long seqKiosk = 0;
        long seqHub = 0;
        long wall = Instant.parse("2026-11-23T01:00:00Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            String field = fields.get(i % fields.size()).code();
            TicketId id = new TicketId(Fixtures.DAY, field, 1 + i / fields.size());
            TimeSlot slot = branch.slots().get(i * branch.slots().size() / 20_000);
            int counter = 1 + i % COUNTERS;
            wall += 1;
            events.add(event("central", ++seqCentral, wall, new QueueEvent.BookingRecorded(id, "bk-" + i,
                    Purpose.SUBMIT, slot, i % 20 == 0)));
            events.add(event("kiosk-1", ++seqKiosk, wall + 1, new QueueEvent.CheckedIn(id, "bk-" + i,
                    Purpose.SUBMIT, slot, i % 20 == 0)));
            events.add(event("hub", ++seqHub, wall + 2, new QueueEvent.Approaching(id)));
            events.add(event("hub", ++seqHub, wall + 3, new QueueEvent.Called(id, counter)));
            events.add(event("hub", ++seqHub, wall + 4, new QueueEvent.Served(id, counter)));
        }
        return events;
    }

    private static Event event(String device, long seq, long wall, QueueEvent body) {
        return new Event(device, seq, new Hlc(wall, 0), Instant.ofEpochMilli(wall), body);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}
