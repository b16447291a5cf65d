package vn.luot.core.domain;

/**
 * A hybrid logical clock timestamp: device wall time in epoch milliseconds plus a counter that
 * orders events within (or across a backwards step of) the same millisecond. Events of a branch are
 * ordered by it, ties broken by (deviceId, seq), never by arrival.
 */
public record Hlc(long wallMillis, int counter) implements Comparable<Hlc> {

    public static final Hlc ZERO = new Hlc(0, 0);

    public Hlc {
        if (wallMillis < 0 || counter < 0) {
            throw new IllegalArgumentException("negative HLC: " + wallMillis + "/" + counter);
        }
    }

    /**
     * How far ahead of a receiver's own clock a remote timestamp may be and still be accepted or adopted.
     * Beyond it the sender's clock is wrong (or forged): its events are refused, its time never adopted.
     */
    public static final long MAX_AHEAD_MILLIS = java.time.Duration.ofMinutes(5).toMillis();

    /**
     * The next timestamp after {@code last} for a local event at physical time {@code nowMillis}. Never
     * overflows: a counter at its maximum carries into the next millisecond.
     */
    public static Hlc tick(Hlc last, long nowMillis) {
        if (nowMillis > last.wallMillis) {
            return new Hlc(nowMillis, 0);
        }
        if (last.counter < Integer.MAX_VALUE) {
            return new Hlc(last.wallMillis, last.counter + 1);
        }
        if (last.wallMillis == Long.MAX_VALUE) {
            throw new IllegalStateException("the HLC is at its maximum; a remote clock was adopted unbounded");
        }
        return new Hlc(last.wallMillis + 1, 0);
    }

    /**
     * The clock after receiving {@code remote}, so that later local events sort after it; a remote
     * timestamp more than {@link #MAX_AHEAD_MILLIS} ahead of {@code nowMillis} is not adopted.
     */
    public static Hlc observe(Hlc last, Hlc remote, long nowMillis) {
        if (!withinReach(remote, nowMillis)) {
            return last;
        }
        return last.compareTo(remote) >= 0 ? last : remote;
    }

    /** Whether {@code remote} is at most {@link #MAX_AHEAD_MILLIS} ahead of {@code nowMillis}. */
    public static boolean withinReach(Hlc remote, long nowMillis) {
        return remote.wallMillis <= nowMillis + MAX_AHEAD_MILLIS;
    }

    @Override
    public int compareTo(Hlc o) {
        int c = Long.compare(wallMillis, o.wallMillis);
        return c != 0 ? c : Integer.compare(counter, o.counter);
    }

    @Override
    public String toString() {
        return wallMillis + "." + counter;
    }
}
