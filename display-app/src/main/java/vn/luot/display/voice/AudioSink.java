package vn.luot.display.voice;

/** Where announcements go: the speaker, a WAV file, a test's recorder. Called on the announcer's thread only. */
public interface AudioSink {

    PlayResult play(Pcm audio);

    /**
     * Whether the output works, tried without making a sound (a device opened for a moment of silence),
     * for a status before the first call; empty where there is nothing to try (a file, a recorder).
     */
    default java.util.Optional<PlayResult> probe() {
        return java.util.Optional.empty();
    }

    /** How playing went. No sound device is an expected state of a headless box, not an error. */
    enum PlayResult { PLAYED, WRITTEN, NO_DEVICE, FAILED }
}
