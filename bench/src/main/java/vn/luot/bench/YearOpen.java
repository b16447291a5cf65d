package vn.luot.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.store.LocalQueue;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * One start of a hub on a year-old database, in its own JVM so the figure is a real first start (cold
 * JIT, cold page cache aside): the time from {@code open()} to a queue that answers, and the heap still
 * in use after a full GC with the queue open. Prints {@code open_ms heap_mb events_folded cpu_ms}
 * (the CPU time of the opening thread: on a loaded machine the wall time is mostly waiting for a core).
 *
 * <p>Arguments: the database file, the instant the clock says.
 */
@Command(name = "year-open", description = "one start of a hub on a year-old database (a child of bench core)")
public final class YearOpen implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DB")
    Path file;

    @Parameters(index = "1", paramLabel = "INSTANT")
    Instant now;

    public static void main(String[] args) {
        System.exit(new CommandLine(new YearOpen()).execute(args));
    }

    @Override
    public Integer call() {
        Clock clock = Clock.fixed(now, BranchTime.ZONE);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try (LocalQueue queue = LocalQueue.builder().file(file).deviceId(YearOfEvents.HUB)
                .branch(DemoBranch.withCounterCount(YearOfEvents.COUNTERS)).clock(clock)
                .requireKnownHistory(true).open()) {
            queue.waitingCount("HT");
            double openMs = (System.nanoTime() - t0) / 1e6;
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
            System.out.println(openMs + " " + heapMb + " " + queue.eventCount() + " " + cpuMs);
        }
        return 0;
    }
}
