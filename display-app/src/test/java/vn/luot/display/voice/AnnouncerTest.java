package vn.luot.display.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.Tool;

class AnnouncerTest {

    @TempDir
    Path dir;

    @Test
    void writesTheChimeThenTheSentenceFromShippedClips() throws Exception {
        try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.empty(), WavFileSink.numberedIn(dir))) {
            Announcer.Announcement a = announcer.announce(CallSentence.of("HT-012", 5)).get(10, TimeUnit.SECONDS);

            assertThat(a.result()).isEqualTo(AudioSink.PlayResult.WRITTEN);
            assertThat(a.synthesized()).isEmpty();
            assertThat(a.silent()).isEmpty();
            Pcm written = read(dir.resolve("announcement-0001.wav"));
            assertThat(written.sampleRate()).isEqualTo(Pcm.RATE);
            // said twice by default: chime, pause, the sentence, a pause, the sentence again
            assertThat(written.duration()).isBetween(Duration.ofMillis(6000), Duration.ofMillis(16000));

            Pcm chime = ClipLibrary.shipped().chime().orElseThrow();
            assertThat(written.slice(0, chime.length()).samples()).as("chime first").isEqualTo(chime.samples());
            int afterChime = chime.length() + (int) (Pcm.RATE * Announcer.AFTER_CHIME.toMillis() / 1000);
            assertThat(written.rms(chime.length(), afterChime)).as("a pause after the chime").isZero();
            assertThat(written.rms(afterChime, written.length())).as("then speech").isGreaterThan(500);
        }
    }

    @Test
    void saysEachCallTwiceByDefaultAndAsOftenAsTheBranchSets() throws Exception {
        CallSentence call = CallWording.of(vn.luot.core.domain.DemoBranch.create(), true).sentence("LD-012", 10);
        Pcm chime = ClipLibrary.shipped().chime().orElseThrow();
        int speechStart = chime.length() + samples(Announcer.AFTER_CHIME);
        int[] speechLength = new int[4];
        for (int repeat = 1; repeat <= 3; repeat++) {
            Path out = dir.resolve("repeat-" + repeat);
            try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.empty(), WavFileSink.numberedIn(out), repeat)) {
                assertThat(announcer.announce(call).get(10, TimeUnit.SECONDS).silent()).isEmpty();
            }
            Pcm written = read(out.resolve("announcement-0001.wav"));
            speechLength[repeat] = written.length() - speechStart;
            if (repeat > 1) {
                int once = speechLength[1];
                int gap = samples(Announcer.BETWEEN_REPEATS);
                assertThat(speechLength[repeat]).as("said %d times", repeat).isEqualTo(repeat * once + (repeat - 1) * gap);
                Pcm first = written.slice(speechStart, speechStart + once);
                Pcm last = written.slice(written.length() - once, written.length());
                assertThat(last.samples()).as("the repeat is the same sentence").isEqualTo(first.samples());
                assertThat(written.rms(speechStart + once, speechStart + once + gap)).as("a pause between").isZero();
            }
        }
        assertThat(new Announcer(ClipLibrary.shipped(), Optional.empty(), a -> AudioSink.PlayResult.WRITTEN).repeat())
                .isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Announcer(ClipLibrary.shipped(), Optional.empty(),
                a -> AudioSink.PlayResult.WRITTEN, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAnnounceCommandGivesTwoFieldsWithTheSameNumberAtOneCounterTwoSentences() throws Exception {
        assertThat(announceText("HT-012", "10"))
                .isEqualTo("Xin mời công dân có số thứ tự Hộ tịch mười hai đến quầy số mười.");
        assertThat(announceText("LD-012", "10"))
                .isEqualTo("Xin mời công dân có số thứ tự Lao động Thương binh và Xã hội mười hai đến quầy số mười.");
    }

    private static String announceText(String label, String counter) throws Exception {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(new picocli.CommandLine(new AnnounceMain()).execute("--text", label, counter)).isZero();
        } finally {
            System.setOut(out);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    private static int samples(Duration d) {
        return (int) (Pcm.RATE * d.toMillis() / 1000);
    }

    @Test
    void theShippedChimeIsTheSynthesisedOne() {
        assertThat(ClipLibrary.shipped().chime().orElseThrow().samples())
                .isEqualTo(Chime.synthesize(Pcm.RATE).samples());
        assertThat(Chime.synthesize(Pcm.RATE).duration()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1500));
    }

    @Test
    void speaksAPhraseWithoutAClipWithEspeakNg() throws Exception {
        Tool.ESPEAK_NG.require();
        // A library that has every clip but "quầy số".
        Path clips = dir.resolve("clips");
        Files.createDirectories(clips);
        for (String phrase : ClipLibrary.standardPhrases()) {
            if (!phrase.equals("quầy số")) {
                copyShipped(ClipLibrary.fileName(phrase), clips);
            }
        }
        copyShipped("chime.wav", clips);
        try (Announcer announcer = new Announcer(ClipLibrary.only(clips), Optional.of(Espeak.northern()),
                WavFileSink.numberedIn(dir.resolve("out")))) {
            Announcer.Announcement a = announcer.announce(CallSentence.of("HT-012", 5)).get(20, TimeUnit.SECONDS);
            assertThat(a.synthesized()).containsExactly("quầy số");
            assertThat(a.silent()).isEmpty();
            assertThat(a.audio().duration()).isGreaterThan(Duration.ofMillis(3500));
        }
    }

    @Test
    void withNeitherClipNorEspeakTheRestIsStillSpokenAndTheGapReported() throws Exception {
        Path clips = dir.resolve("few");
        Files.createDirectories(clips);
        copyShipped("chime.wav", clips);
        copyShipped(ClipLibrary.fileName("xin mời"), clips);
        Espeak missing = new Espeak("/nonexistent/espeak-ng", "vi", 140);
        try (Announcer announcer = new Announcer(ClipLibrary.only(clips), Optional.of(missing), WavFileSink.numberedIn(dir))) {
            Announcer.Announcement a = announcer.announce(CallSentence.of("HT-012", 5)).get(10, TimeUnit.SECONDS);
            assertThat(a.silent()).contains("công dân", "quầy số");
            assertThat(a.audio().duration()).isGreaterThan(Chime.synthesize(Pcm.RATE).duration());
        }
    }

    @Test
    void announcementsQueueUpNeverOverlapAndNoneIsDropped() throws Exception {
        AtomicInteger playing = new AtomicInteger();
        List<Integer> overlaps = new ArrayList<>();
        List<Duration> order = new ArrayList<>();
        AudioSink slowSpeaker = audio -> {
            if (playing.incrementAndGet() != 1) {
                overlaps.add(playing.get());
            }
            order.add(audio.duration());
            playing.decrementAndGet();
            return AudioSink.PlayResult.PLAYED;
        };
        List<CompletableFuture<Announcer.Announcement>> calls = new ArrayList<>();
        try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.empty(), slowSpeaker)) {
            for (int i = 1; i <= 20; i++) {
                calls.add(announcer.announce(CallSentence.of(String.format("HT-%03d", i * 37), 1 + i % 10)));
            }
            for (int i = 0; i < calls.size(); i++) {
                Announcer.Announcement a = calls.get(i).get(20, TimeUnit.SECONDS);
                assertThat(a.sentence().label()).isEqualTo(String.format("HT-%03d", (i + 1) * 37));
            }
        }
        assertThat(overlaps).isEmpty();
        assertThat(order).hasSize(20);
    }

    @Test
    void aSinkThatThrowsFailsTheCallersFutureInsteadOfVanishing() throws Exception {
        AtomicInteger plays = new AtomicInteger();
        AudioSink brokenOnce = audio -> {
            if (plays.incrementAndGet() == 1) {
                throw new IllegalStateException("driver crashed");
            }
            return AudioSink.PlayResult.PLAYED;
        };
        try (Announcer announcer = new Announcer(ClipLibrary.shipped(), Optional.empty(), brokenOnce)) {
            CompletableFuture<Announcer.Announcement> f = announcer.announce(CallSentence.of("HT-001", 1));
            assertThat(f).failsWithin(Duration.ofSeconds(10)).withThrowableThat().withMessageContaining("driver crashed");
            // The queue goes on after a failure.
            assertThat(announcer.announce(CallSentence.of("HT-002", 1)).get(10, TimeUnit.SECONDS).result())
                    .isEqualTo(AudioSink.PlayResult.PLAYED);
        }
    }

    @Test
    void aMachineWithoutASoundDeviceIsToldSoAndNothingThrows() {
        AudioSink.PlayResult result = new SpeakerSink().play(Chime.synthesize(Pcm.RATE).slice(0, 100));
        assertThat(result).isIn(AudioSink.PlayResult.NO_DEVICE, AudioSink.PlayResult.PLAYED);
    }

    @Test
    void theAnnounceCommandWritesTheWavItWasAskedFor() throws Exception {
        Path wav = dir.resolve("call.wav");
        assertThat(new picocli.CommandLine(new AnnounceMain()).execute("--text", "HT-012", "5", "--wav", wav.toString()))
                .isZero();
        Pcm written = read(wav);
        assertThat(written.duration()).isGreaterThan(Duration.ofSeconds(3));
    }

    private static Pcm read(Path wav) throws IOException {
        try (InputStream in = Files.newInputStream(wav)) {
            return Pcm.readWav(in);
        }
    }

    private static void copyShipped(String file, Path to) throws IOException {
        try (InputStream in = AnnouncerTest.class.getResourceAsStream("/voice/" + file)) {
            if (in == null) {
                throw new IOException("no shipped clip " + file);
            }
            Files.copy(in, to.resolve(file));
        }
    }
}
