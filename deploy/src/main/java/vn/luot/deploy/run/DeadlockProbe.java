package vn.luot.deploy.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Unhealthy when threads are deadlocked on monitors or locks: such a program never recovers. */
public final class DeadlockProbe implements HealthProbe {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public Optional<String> problem() {
        long[] ids = threads.findDeadlockedThreads();
        if (ids == null || ids.length == 0) {
            return Optional.empty();
        }
        String names = Arrays.stream(threads.getThreadInfo(ids)).filter(i -> i != null)
                .map(ThreadInfo::getThreadName).sorted().collect(Collectors.joining(", "));
        return Optional.of("deadlocked threads: " + names);
    }
}
