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

    /** The next timestamp after {@code last} for a local event at physical time {@code nowMillis}. */
    public static Hlc tick(Hlc last, long nowMillis) {
        return nowMillis > last.wallMillis ? new Hlc(nowMillis, 0) : new Hlc(last.wallMillis, last.counter + 1);
    }

    /** The clock after receiving {@code remote}, so that later local events sort after it. */
    public static Hlc observe(Hlc last, Hlc remote) {
        return last.compareTo(remote) >= 0 ? last : remote;
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
