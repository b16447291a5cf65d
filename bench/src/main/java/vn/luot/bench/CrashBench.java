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

    public static void main(String[] args) throws IOException, InterruptedException {
        run(args, Path.of("target", "bench"));
    }

    static void run(String[] args, Path outDir) throws IOException, InterruptedException {
        int kills = 300;
        long seed = System.nanoTime();
        NumberAllocation allocation = NumberAllocation.IN_TRANSACTION;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--control" -> allocation = NumberAllocation.SEPARATE_COMMIT_FOR_CRASH_DRILL_ONLY;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: bench crash [--kills N] [--seed S] [--control])");
            }
        }
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
        System.exit(report.passed() == (allocation == NumberAllocation.IN_TRANSACTION) ? 0 : 1);
    }
}
