package vn.luot.display.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.queue.CounterOperations.Outcome;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.calls.CallDesk;

/** The call desk on a real queue (SQLite) to the announcer writing WAV files: what the waiting room hears. */
class CallsAreSpokenTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private LocalQueue queue;

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void twoCitizensWithTheSameNumberAtOneCounterHearTwoDifferentCallsAndARecallIsSaidAgain() throws Exception {
        queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        // Counter 10 serves LD, HT and CT; each field's walk-ins number from the same 500.
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("LD", Purpose.SUBMIT, false, null);
        Path wavs = dir.resolve("announcements");
        List<CompletableFuture<Announcer.Announcement>> heard = new CopyOnWriteArrayList<>();
        try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.empty(), WavFileSink.numberedIn(wavs))) {
            CallDesk desk = new CallDesk(queue, Map.of(), s -> heard.add(announcer.announce(s)), c -> { },
                    CallWording.of(DemoBranch.create(), true));

            String first = desk.next(10).called().orElseThrow().label();
            String second = desk.next(10).called().orElseThrow().label();
            assertThat(desk.recall(10).outcome()).isEqualTo(Outcome.RECALLED);

            assertThat(List.of(first, second)).containsExactlyInAnyOrder("HT-500", "LD-500");
            assertThat(heard).hasSize(3);
            List<String> said = heard.stream().map(f -> f.join().sentence().text()).toList();
            assertThat(said.get(0)).isNotEqualTo(said.get(1)).contains("năm trăm đến quầy số mười");
            assertThat(said).contains("Xin mời công dân có số thứ tự Hộ tịch năm trăm đến quầy số mười.",
                    "Xin mời công dân có số thứ tự Lao động Thương binh và Xã hội năm trăm đến quầy số mười.");
            assertThat(said.get(2)).as("the recall says the current call again").isEqualTo(said.get(1));
            for (CompletableFuture<Announcer.Announcement> f : heard) {
                assertThat(f.get(10, TimeUnit.SECONDS).silent()).isEmpty();
            }
        }
        try (var files = Files.list(wavs)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("announcement-0001.wav", "announcement-0002.wav", "announcement-0003.wav");
        }
        try (var in = Files.newInputStream(wavs.resolve("announcement-0003.wav"));
             var in2 = Files.newInputStream(wavs.resolve("announcement-0002.wav"))) {
            assertThat(Pcm.readWav(in).samples()).as("the recall sounds like the call").isEqualTo(Pcm.readWav(in2).samples());
        }
    }
}
