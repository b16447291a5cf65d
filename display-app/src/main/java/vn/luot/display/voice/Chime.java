package vn.luot.display.voice;

/**
 * The two-note "ding-dong" before every call, synthesised rather than recorded so its licence is ours:
 * A5 then E5, each a sine with two soft overtones and an exponential decay, like a doorbell.
 */
public final class Chime {

    private Chime() {
    }

    public static Pcm synthesize(int sampleRate) {
        Pcm ding = note(sampleRate, 880.0, 0.45);
        Pcm dong = note(sampleRate, 659.25, 0.75);
        return ding.append(dong);
    }

    private static Pcm note(int sampleRate, double frequency, double seconds) {
        int n = (int) (sampleRate * seconds);
        short[] s = new short[n];
        int attack = sampleRate / 200; // 5 ms, so the note does not click
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            double envelope = Math.exp(-4.0 * t / seconds) * Math.min(1.0, (double) i / attack);
            double wave = Math.sin(2 * Math.PI * frequency * t)
                    + 0.3 * Math.sin(2 * Math.PI * 2 * frequency * t)
                    + 0.1 * Math.sin(2 * Math.PI * 3 * frequency * t);
            s[i] = (short) Math.round(0.5 * 32767 * envelope * wave / 1.4);
        }
        return new Pcm(sampleRate, s);
    }
}
