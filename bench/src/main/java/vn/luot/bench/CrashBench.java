package vn.luot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.luot.core.crash.CrashDrill;
import vn.luot.core.store.NumberAllocation;

/**
 * {@code ./luot bench crash [--kills N] [--seed S] [--control]}: the SIGKILL drill of the queue store,
 * as long as you like. {@code --control} runs the negative control, which must report problems.
 */
public final class CrashBench {

    private CrashBench() {
    }

    /** Runs the drill; the exit status is 0 when it reports what it must (no problem, or problems under --control). */
    static int run(int kills, long seed, boolean control, Path outDir) throws IOException, InterruptedException {
        NumberAllocation allocation = control ? NumberAllocation.SEPARATE_COMMIT_FOR_CRASH_DRILL_ONLY
                : NumberAllocation.IN_TRANSACTION;
        Path dir = Files.createTempDirectory("luot-crash");
        long t0 = System.nanoTime();
        CrashDrill.Report report = new CrashDrill(dir.resolve("drill.db"), allocation, seed,
                System.getProperty("java.class.path")).run(kills);
        BenchReport out = new BenchReport("crash")
                .put("allocation", allocation.name())
                .put("seed", seed)
                .put("kills", report.kills())
                .put("acknowledged_tickets", report.acknowledged())
                .put("tickets", report.tickets())
                .put("events", report.events())
                .put("problems", report.problems().size())
                .put("seconds", (System.nanoTime() - t0) / 1e9);
        report.problems().stream().limit(10).forEach(p -> System.out.println("  PROBLEM " + p));
        out.write(System.out, outDir);
        return report.passed() == (allocation == NumberAllocation.IN_TRANSACTION) ? 0 : 1;
    }
}
