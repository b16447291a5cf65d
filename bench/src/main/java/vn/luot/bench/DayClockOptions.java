package vn.luot.bench;

import java.time.LocalDateTime;
import picocli.CommandLine.Option;

/** The three values of {@link DayClock} that every process of the day is given ({@link DayClock#args()}). */
final class DayClockOptions {

    @Option(names = "--start", required = true, paramLabel = "ISO", description = "branch time at the anchor")
    LocalDateTime start;

    @Option(names = "--anchor", required = true, paramLabel = "EPOCH_MILLIS", description = "the real instant of --start")
    long anchorMillis;

    @Option(names = "--rate", required = true, paramLabel = "R", description = "how many times faster than real time")
    double rate;

    DayClock clock() {
        return new DayClock(start, anchorMillis, rate);
    }
}
