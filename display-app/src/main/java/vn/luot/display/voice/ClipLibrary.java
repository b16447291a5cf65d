package vn.luot.display.voice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recorded words and phrases, one WAV per phrase, named by the phrase in Telex ({@code quầy số} →
 * {@code quaafy_soos.wav}), plus {@code chime.wav}. Shipped in {@code resources/voice/}; a branch can put its
 * own recordings in a folder that is looked at first. Safe for concurrent use.
 */
public final class ClipLibrary {

    public static final String CHIME = "chime";

    private final Path override;
    private final String resourceFolder;
    private final Map<String, Optional<Pcm>> cache = new ConcurrentHashMap<>();

    private ClipLibrary(Path override, String resourceFolder) {
        this.override = override;
        this.resourceFolder = resourceFolder;
    }

    /** The clips shipped in the jar. */
    public static ClipLibrary shipped() {
        return new ClipLibrary(null, "/voice/");
    }

    /** Clips from {@code folder} first, then the shipped ones. */
    public static ClipLibrary withOverrides(Path folder) {
        return new ClipLibrary(folder, "/voice/");
    }

    /** Only the clips in {@code folder}; for tests of missing clips. */
    public static ClipLibrary only(Path folder) {
        return new ClipLibrary(folder, null);
    }

    public static String fileName(String phrase) {
        return Telex.slug(phrase) + ".wav";
    }

    /**
     * Every phrase a call sentence can contain: the fixed words, number words, letter names and the demo
     * branch's field names (another branch's names are spoken by espeak-ng or recorded into the override folder).
     */
    public static List<String> standardPhrases() {
        Set<String> all = new LinkedHashSet<>(CallSentence.FIXED_PHRASES);
        for (int n = 0; n <= 10; n++) {
            all.addAll(SpokenNumbers.words(n));
        }
        all.addAll(List.of("mươi", "mốt", "tư", "lăm", "linh", "trăm", "nghìn"));
        all.addAll(new java.util.TreeMap<>(CallSentence.LETTERS).values());
        vn.luot.core.domain.DemoBranch.fields().forEach(f -> all.add(CallSentence.speakable(f.nameVi())));
        return new ArrayList<>(all);
    }

    public Optional<Pcm> clip(String phrase) {
        return cache.computeIfAbsent(phrase, p -> load(fileName(p)));
    }

    public Optional<Pcm> chime() {
        return cache.computeIfAbsent("\u0000chime", p -> load(CHIME + ".wav"));
    }

    private Optional<Pcm> load(String file) {
        try {
            if (override != null && Files.isRegularFile(override.resolve(file))) {
                try (InputStream in = Files.newInputStream(override.resolve(file))) {
                    return Optional.of(Pcm.readWav(in));
                }
            }
            if (resourceFolder == null) {
                return Optional.empty();
            }
            try (InputStream in = ClipLibrary.class.getResourceAsStream(resourceFolder + file)) {
                return in == null ? Optional.empty() : Optional.of(Pcm.readWav(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("voice clip " + file + " is unreadable", e);
        }
    }
}
