package vn.luot.display.transport;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import vn.luot.display.protocol.Answer;
import vn.luot.display.protocol.BoardProtocol;

/**
 * The timing of one half-duplex wire as its master sees it: the silence kept between frames, observed on the
 * line, and the reading of one answer against its deadlines. Used only by whoever holds the turn on the wire.
 */
final class WireTiming {

    /** What {@link #readAnswer} returns when a refresh stopped waiting for a silent board because a call waits. */
    static final Answer GAVE_WAY = new Answer.Garbage("gave way to a call");

    private final SerialLine.Settings settings;
    private final long silenceNanos;
    private final long answerTimeoutNanos;
    /** When the wire last carried a byte (the end of our request, or the last answer byte read). */
    private long quietSince = System.nanoTime() - 1_000_000_000L;

    WireTiming(SerialLine.Settings settings, long answerTimeoutNanos) {
        this.settings = settings;
        this.silenceNanos = settings.interFrameNanos();
        this.answerTimeoutNanos = answerTimeoutNanos;
    }

    long silenceNanos() {
        return silenceNanos;
    }

    /**
     * Waits until nothing has arrived for the inter-frame silence, throwing away what does arrive: what follows
     * the last answer on the wire (the rest of a garbled or late one) restarts the silence, so a request never
     * goes out into it (a collision on RS-485, and the next answer read misaligned). Checked every character
     * time, which is how often a byte can arrive. False when the line is gone.
     */
    boolean awaitQuiet(Line line) {
        long charNanos = settings.nanosFor(1);
        while (true) {
            int discarded = line.discardInput();
            if (discarded < 0) {
                return false;
            }
            long now = System.nanoTime();
            if (discarded > 0) {
                quietSince = Math.max(quietSince, now);
            }
            long left = quietSince + silenceNanos - now;
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, charNanos));
        }
    }

    /** A request of {@code bytes} was written: the write returns when they are queued, the wire carries them on. */
    void sent(int bytes) {
        quietSince = System.nanoTime() + settings.nanosFor(bytes);
    }

    /**
     * The answer, {@link Answer.Incomplete} on timeout, {@link #GAVE_WAY}, or null when the line failed.
     * {@code callWaiting} (null: never give way): while it is true, an answer that has not started
     * {@code answerStartNanos} after the request left the wire is given up, the board presumed silent, so a
     * refresh never holds a call for a whole answer timeout. Should the answer come after all, the silence
     * before the call's request drains it, unless it starts later still.
     */
    Answer readAnswer(Line line, BoardProtocol protocol, int address, byte[] request, BooleanSupplier callWaiting,
                      long answerStartNanos) {
        byte[] buffer = new byte[64];
        int length = 0;
        long requestOnWireUntil = quietSince;
        long deadline = System.nanoTime() + answerTimeoutNanos;
        while (true) {
            if (callWaiting != null && length == 0 && System.nanoTime() - requestOnWireUntil >= answerStartNanos
                    && callWaiting.getAsBoolean()) {
                return GAVE_WAY;
            }
            if (length > 0) {
                Answer answer = protocol.parseAnswer(address, request, buffer, length);
                if (!(answer instanceof Answer.Incomplete)) {
                    return answer;
                }
                if (length == buffer.length) {
                    return new Answer.Garbage("answer longer than " + buffer.length + " bytes");
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return length == 0 ? Answer.INCOMPLETE : new Answer.Garbage("answer cut short");
            }
            int n = line.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return null;
            }
            if (n > 0) {
                quietSince = Math.max(quietSince, System.nanoTime());
            }
            length += n;
        }
    }
}
