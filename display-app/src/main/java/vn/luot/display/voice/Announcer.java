package vn.luot.display.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Speaks calls: the chime, a short pause, then the sentence from recorded clips, with espeak-ng for any
 * phrase that has no clip, said {@code repeat} times ({@code voice.repeat}, twice by default: whoever was
 * not listening at the chime hears it the second time). A recall is a call like any other and is said in full. Announcements wait their turn in one queue on one thread, so they never overlap
 * and none is dropped however fast the buttons are pressed.
 *
 * <p>{@link #announce} returns at once; its future completes when the audio has gone to the sink, or
 * completes exceptionally (and the failure is logged) if rendering failed, so a failure never stays on the
 * announcer's thread.
 */
public final class Announcer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Announcer.class.getName());
    static final Duration AFTER_CHIME = Duration.ofMillis(300);
    static final Duration BETWEEN_PHRASES = Duration.ofMillis(60);
    static final Duration BETWEEN_REPEATS = Duration.ofMillis(900);
    public static final int DEFAULT_REPEAT = 2;

    private final ClipLibrary clips;
    private final Optional<Espeak> fallback;
    private final AudioSink sink;
    private final int repeat;
    private final ExecutorService queue;
    private volatile AudioSink.PlayResult lastResult;

    /** What was said and how. {@code synthesized} lists the phrases espeak-ng spoke; {@code silent} those nobody could. */
    public record Announcement(CallSentence sentence, Pcm audio, List<String> synthesized, List<String> silent,
                               AudioSink.PlayResult result) {
        public Announcement {
            synthesized = List.copyOf(synthesized);
            silent = List.copyOf(silent);
        }
    }

    public Announcer(ClipLibrary clips, Optional<Espeak> fallback, AudioSink sink) {
        this(clips, fallback, sink, DEFAULT_REPEAT);
    }

    /** @param repeat how many times each call is said, 1..3 */
    public Announcer(ClipLibrary clips, Optional<Espeak> fallback, AudioSink sink, int repeat) {
        if (repeat < 1 || repeat > 3) {
            throw new IllegalArgumentException("a call is said 1..3 times, not " + repeat);
        }
        this.repeat = repeat;
        this.clips = Objects.requireNonNull(clips, "clips");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.queue = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "announcer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a call; never blocks the caller. */
    public CompletableFuture<Announcement> announce(CallSentence sentence) {
        CompletableFuture<Announcement> done = new CompletableFuture<>();
        queue.execute(() -> {
            try {
                Rendered r = render(sentence);
                AudioSink.PlayResult result = sink.play(r.audio);
                lastResult = result;
                done.complete(new Announcement(sentence, r.audio, r.synthesized, r.silent, result));
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "announcing '" + sentence.text() + "' failed", e);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * Tries the output on the announcer's thread (so never during a call), for {@link #lastResult()} before
     * the first call; completes with the sink's answer, empty where it has nothing to try.
     */
    public CompletableFuture<Optional<AudioSink.PlayResult>> probe() {
        return CompletableFuture.supplyAsync(() -> {
            Optional<AudioSink.PlayResult> r = sink.probe();
            r.ifPresent(result -> lastResult = result);
            return r;
        }, queue);
    }

    /**
     * How the last announcement (or {@link #probe()}) went: {@code NO_DEVICE} means calls are shown but not heard. Empty before the
     * first call.
     */
    public Optional<AudioSink.PlayResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    private record Rendered(Pcm audio, List<String> synthesized, List<String> silent) {
    }

    /** How many times each call is said. */
    public int repeat() {
        return repeat;
    }

    /** The audio of a call without playing it. */
    public Pcm audioOf(CallSentence sentence) {
        return render(sentence).audio;
    }

    private Rendered render(CallSentence sentence) {
        Pcm chime = clips.chime().orElseGet(() -> Chime.synthesize(Pcm.RATE));
        int rate = chime.sampleRate();
        Pcm audio = chime.append(Pcm.silence(rate, AFTER_CHIME));
        List<String> synthesized = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        Pcm once = Pcm.silence(rate, Duration.ZERO);
        for (String phrase : sentence.phrases()) {
            Optional<Pcm> clip = clips.clip(phrase);
            if (clip.isEmpty()) {
                clip = fallback.flatMap(e -> e.speak(phrase)).map(p -> p.trimmed(300));
                (clip.isPresent() ? synthesized : silent).add(phrase);
            }
            if (clip.isPresent()) {
                if (clip.get().sampleRate() != rate) {
                    throw new IllegalStateException("clip '" + phrase + "' is " + clip.get().sampleRate()
                            + " Hz, the chime " + rate + " Hz: convert it (see hardware-docs/voice.md)");
                }
                if (!once.isEmpty()) {
                    once = once.append(Pcm.silence(rate, BETWEEN_PHRASES));
                }
                once = once.append(clip.get());
            }
        }
        for (int i = 0; i < repeat; i++) {
            if (i > 0) {
                audio = audio.append(Pcm.silence(rate, BETWEEN_REPEATS));
            }
            audio = audio.append(once);
        }
        if (!silent.isEmpty()) {
            LOG.warning("no clip and no espeak-ng for " + silent + " in '" + sentence.text() + "'");
        }
        return new Rendered(audio, synthesized, silent);
    }

    /** Finishes what is queued (up to {@code wait}), then stops. */
    public void close(Duration wait) {
        queue.shutdown();
        try {
            if (!queue.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("announcements still queued at shutdown were dropped");
                queue.shutdownNow();
            }
        } catch (InterruptedException e) {
            queue.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
