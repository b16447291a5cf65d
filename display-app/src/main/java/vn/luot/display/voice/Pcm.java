package vn.luot.display.voice;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Mono 16-bit signed PCM at one sample rate: every clip, the chime and every announcement. espeak-ng speaks
 * at 22 050 Hz, so that is the rate of the shipped clips; recorded clips must be converted to it.
 */
public record Pcm(int sampleRate, short[] samples) {

    public static final int RATE = 22_050;

    public Pcm {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        samples = samples.clone();
    }

    public static Pcm silence(int sampleRate, Duration d) {
        return new Pcm(sampleRate, new short[(int) (sampleRate * d.toMillis() / 1000)]);
    }

    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }

    public boolean isEmpty() {
        return samples.length == 0;
    }

    public int length() {
        return samples.length;
    }

    public short sample(int i) {
        return samples[i];
    }

    public Pcm append(Pcm other) {
        if (other.sampleRate != sampleRate) {
            throw new IllegalArgumentException("cannot join " + other.sampleRate + " Hz audio to " + sampleRate + " Hz");
        }
        short[] joined = Arrays.copyOf(samples, samples.length + other.samples.length);
        System.arraycopy(other.samples, 0, joined, samples.length, other.samples.length);
        return new Pcm(sampleRate, joined);
    }

    public Pcm slice(int from, int to) {
        return new Pcm(sampleRate, Arrays.copyOfRange(samples, from, to));
    }

    /** Root-mean-square level of samples {@code [from, to)}, 0..32767. */
    public double rms(int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** Without the near-silence at both ends (espeak-ng pads its output). */
    public Pcm trimmed(int threshold) {
        int start = 0;
        while (start < samples.length && Math.abs(samples[start]) < threshold) {
            start++;
        }
        int end = samples.length;
        while (end > start && Math.abs(samples[end - 1]) < threshold) {
            end--;
        }
        return slice(start, end);
    }

    public AudioFormat format() {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    public byte[] littleEndianBytes() {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }

    public void writeWav(OutputStream out) throws IOException {
        byte[] bytes = littleEndianBytes();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format(), samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        }
    }

    public byte[] toWav() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length * 2 + 44);
        try {
            writeWav(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a 16-bit mono PCM WAV file. */
    public static Pcm readWav(InputStream wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(wav))) {
            AudioFormat f = in.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16 || f.getChannels() != 1) {
                throw new IOException("a clip must be 16-bit signed mono PCM, got " + f
                        + " (convert it: sox in.wav -r 22050 -c 1 -b 16 out.wav)");
            }
            byte[] b = in.readAllBytes();
            short[] s = new short[b.length / 2];
            for (int i = 0; i < s.length; i++) {
                int lo = b[2 * i] & 0xFF;
                int hi = b[2 * i + 1];
                s[i] = f.isBigEndian() ? (short) (((b[2 * i]) << 8) | (b[2 * i + 1] & 0xFF)) : (short) ((hi << 8) | lo);
            }
            return new Pcm((int) f.getSampleRate(), s);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a WAV file: " + e.getMessage(), e);
        }
    }
}
