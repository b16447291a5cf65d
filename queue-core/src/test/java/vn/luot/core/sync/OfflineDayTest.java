package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.testing.MutableClock;

/** A device that works for a whole peak without a connection, then drains its outbox. */
class OfflineDayTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");

    private LocalQueue kiosk() {
        return LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-9").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(1000, 9999)).open();
    }

    @Test
    @Tag("slow")
    void eightHoursOfflineAtPeakThenEverythingIsAcknowledgedOnceInBatches() throws Exception {
        String[] fields = {"HT", "CT", "DD", "XD", "KD", "CTR", "LD"};
        try (LocalQueue kiosk = kiosk()) {
            for (int i = 0; kiosk.eventCount() < 15_000; i++) {
                kiosk.issueWalkIn(fields[i % fields.length], Purpose.SUBMIT, i % 30 == 0, null);
            }
            int events = kiosk.eventCount();
            try (SyncTestServer central = new SyncTestServer(dir.resolve("central.db"), "central", clock)) {
                SyncClient sync = SyncClient.builder().baseUrl(central.url()).branchId(DemoBranch.ID)
                        .token(SyncTestServer.BUSY_KIOSK_TOKEN).queue(kiosk).clock(clock).build();
                assertThat(sync.outboxDepth()).isEqualTo(events);

                SyncClient.PushResult drained = sync.push();
                assertThat(drained.applied()).isEqualTo(events);
                assertThat(drained.batches()).as("never more than one batch in memory")
                        .isEqualTo((events + 499) / 500);
                assertThat(sync.outboxDepth()).isZero();
                assertThat(central.queue.eventCount()).isEqualTo(events);
                assertThat(central.queue.tickets()).containsExactlyInAnyOrderElementsOf(kiosk.tickets());

                // A lost acknowledgement: the kiosk sends everything again; the server does not change.
                kiosk.write(tx -> {
                    tx.putCursor(SyncClient.PUSH_CURSOR, "0");
                    return null;
                });
                SyncClient.PushResult again = sync.push();
                assertThat(again.sent()).isEqualTo(events);
                assertThat(again.rejected()).isZero();
                assertThat(central.queue.eventCount()).isEqualTo(events);
            }
        }
    }

    @Test
    void theSyncLoopReportsOfflineSinceWhenAndDrainsWhenTheServerReturns() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        BlockingQueue<SyncLoop.Status> statuses = new LinkedBlockingQueue<>();
        try (LocalQueue kiosk = kiosk()) {
            SyncTestServer central = new SyncTestServer(dir.resolve("central.db"), "central", clock);
            int port = central.port();
            SyncClient sync = SyncClient.builder().baseUrl(central.url()).branchId(DemoBranch.ID)
                    .token(SyncTestServer.BUSY_KIOSK_TOKEN).queue(kiosk).clock(clock).build();
            try (SyncLoop loop = new SyncLoop(sync, executor, Duration.ofMillis(50),
                    new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), RandomGenerator.of("L64X128MixRandom"),
                    clock)) {
                loop.addListener(statuses::add);
                loop.start();
                assertThat(next(statuses, true).outboxDepth()).isZero();

                central.close();
                kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);
                // A tick may fail between the close and the walk-in: the status that counts is the one after it.
                SyncLoop.Status offline = next(statuses, false);
                while (offline.outboxDepth() < 2) {
                    offline = next(statuses, false);
                }
                assertThat(offline.offlineSince()).isEqualTo(clock.instant());
                assertThat(offline.lastFailure()).isEqualTo(SyncException.Kind.UNREACHABLE);
                assertThat(offline.outboxDepth()).isEqualTo(2);

                try (SyncTestServer back = new SyncTestServer(dir.resolve("central.db"), "central", clock, port)) {
                    SyncLoop.Status online = next(statuses, true);
                    assertThat(online.outboxDepth()).isZero();
                    assertThat(back.queue.waiting("HT")).hasSize(1);
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static SyncLoop.Status next(BlockingQueue<SyncLoop.Status> statuses, boolean online)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            SyncLoop.Status s = statuses.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.online() == online) {
                return s;
            }
        }
        throw new AssertionError("no " + (online ? "online" : "offline") + " status within 20 s");
    }
}
