package vn.luot.display.voice;

/** Where announcements go: the speaker, a WAV file, a test's recorder. Called on the announcer's thread only. */
public interface AudioSink {

    PlayResult play(Pcm audio);

    /** How playing went. No sound device is an expected state of a headless box, not an error. */
    enum PlayResult { PLAYED, WRITTEN, NO_DEVICE, FAILED }
}
