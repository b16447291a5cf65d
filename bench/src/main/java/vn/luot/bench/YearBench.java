package vn.luot.bench;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.QueueStore;
import java.time.Clock;
import java.time.Instant;

/**
 * The part of {@code bench core} about a year of events: a busy hub's year (≈ 3 M events) opened (a) as a
 * device that ran this code all year holds it (closed days compacted away, old idempotency answers
 * expired) and (b) in the format of a device upgraded today, with every event and answer still there.
 * Each open is a fresh JVM with the launcher's heap limit; the figure is the best of three starts.
 */
@Command(name = "year", description = "only the year part of bench core: writes target/bench/core-year.json")
final class YearBench implements Callable<Integer> {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final int DAYS = 365;
    private static final int STARTS = 3;

    private YearBench() {
    }

    /** Only the year part of {@code bench core}: writes {@code target/bench/core-year.json}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new YearBench()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path outDir = Path.of("target", "bench");
        Path work = Files.createTempDirectory("luot-bench-year");
        BenchReport report = new BenchReport("core-year");
        run(report, outDir, work);
        report.write(System.out, outDir);
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(work);
        return 0;
    }

    static void run(BenchReport report, Path outDir, Path workDir) throws IOException, InterruptedException {
        // The year ends with today, a busy Monday whose counters have just closed: the open folds all of it.
        YearOfEvents year = new YearOfEvents(DemoBranch.withCounterCount(YearOfEvents.COUNTERS), TODAY, DAYS);
        Path cached;
        try {
            long t0 = System.nanoTime();
            cached = year.cached(outDir.resolve("year-cache"));
            report.put("year_db_ready_s", (System.nanoTime() - t0) / 1e9);
        } catch (SQLException e) {
            throw new IOException("cannot generate the year of events", e);
        }
        report.put("year_db_mb", Files.size(cached) / (1024.0 * 1024.0));
        // The start comes after the day's last event (the hub's last call is at 17:19): a device restarting at 17:00
        // with events of 17:19 in its file would have had its clock set back, the rare case in which the open looks
        // for the latest timestamp through the whole log.
        String now = TODAY.atTime(17, 30).atZone(BranchTime.ZONE).toInstant().toString();

        // The same start on an empty file: what any start costs (JVM, classes, SQLite's native library).
        Path empty = workDir.resolve("empty.db");
        double[] baseline = best(empty, now, start(empty, now));
        report.put("open_empty_db_ms", baseline[0]);
        report.put("open_empty_db_cpu_ms", baseline[3]);
        report.put("heap_empty_db_mb", baseline[1]);

        // (b) The first start after upgrading a device that holds the year in today's format.
        Path upgraded = workDir.resolve("upgraded.db");
        Files.copy(cached, upgraded, StandardCopyOption.REPLACE_EXISTING);
        double[] first = start(upgraded, now);
        report.put("events_in_year_db", countEvents(upgraded));
        report.put("events_folded_at_open", (long) first[2]);
        report.put("open_after_one_year_upgraded_first_ms", first[0]);
        report.put("open_after_one_year_upgraded_first_cpu_ms", first[3]);
        report.put("heap_after_one_year_upgraded_first_mb", first[1]);
        double[] again = best(upgraded, now, start(upgraded, now));
        report.put("open_after_one_year_upgraded_ms", again[0]);
        report.put("open_after_one_year_upgraded_cpu_ms", again[3]);
        report.put("heap_after_one_year_upgraded_mb", again[1]);

        // (a) A device that ran this code all year: its closed days past the retention are pruned and its
        // idempotency answers expired, as its housekeeping does. Worked off here in one go.
        Path steady = workDir.resolve("steady.db");
        Files.copy(cached, steady, StandardCopyOption.REPLACE_EXISTING);
        long t0 = System.nanoTime();
        long[] left = compact(steady, now);
        // Such a device's file never grew past its month: SQLite reuses the pages pruning frees. The copy
        // here shrank from a year, so it is vacuumed to the size that device's file has.
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + steady.toAbsolutePath());
             var st = c.createStatement()) {
            st.execute("VACUUM");
        } catch (SQLException e) {
            throw new IOException("cannot vacuum " + steady, e);
        }
        report.put("steady_db_mb", Files.size(steady) / (1024.0 * 1024.0));
        report.put("compact_year_s", (System.nanoTime() - t0) / 1e9);
        report.put("events_after_compaction", left[0]);
        report.put("idempotency_answers_after_compaction", left[1]);
        double[] a = best(steady, now, start(steady, now));
        report.put("open_after_one_year_ms", a[0]);
        report.put("open_after_one_year_cpu_ms", a[3]);
        report.put("heap_after_one_year_mb", a[1]);
        report.put("open_after_one_year_target_ms", 2_000);
        report.put("heap_after_one_year_target_mb", 64);
        report.put("open_after_one_year_ratio_to_target", Math.max(a[0], first[0]) / 2_000);
        report.put("heap_after_one_year_ratio_to_target", Math.max(a[1], first[1]) / 64);
        Files.deleteIfExists(upgraded);
        Files.deleteIfExists(steady);
    }

    private static long countEvents(Path file) {
        try (QueueStore store = QueueStore.open(file)) {
            return store.storedEventCount();
        }
    }

    /** Runs the housekeeping a device below an upstream runs through the year, until nothing is left. */
    private static long[] compact(Path file, String now) {
        Clock clock = Clock.fixed(Instant.parse(now), BranchTime.ZONE);
        try (LocalQueue queue = LocalQueue.builder().file(file).deviceId(YearOfEvents.HUB)
                .branch(DemoBranch.withCounterCount(YearOfEvents.COUNTERS)).clock(clock)
                .requireKnownHistory(true).open()) {
            long before;
            do {
                before = queue.read(QueueStore::storedEventCount);
                queue.purgePersonalData();
            } while (queue.read(QueueStore::storedEventCount) < before);
            queue.write(tx -> {
                while (tx.expireIdempotentAnswers(clock.instant().minus(LocalQueue.IDEMPOTENT_ANSWERS_KEPT), 10_000)
                        > 0) {
                    // drained in chunks, as pushes do
                }
                return null;
            });
            return new long[] {queue.read(QueueStore::storedEventCount), queue.read(QueueStore::idempotentAnswerCount)};
        }
    }

    private static double[] best(Path file, String now, double[] seed) throws IOException, InterruptedException {
        double[] best = seed.clone();
        for (int i = 1; i < STARTS; i++) {
            double[] r = start(file, now);
            best[0] = Math.min(best[0], r[0]);
            best[1] = Math.min(best[1], r[1]);
            best[3] = Math.min(best[3], r[3]);
        }
        return best;
    }

    /** One start in a child JVM: {open ms, heap MB, events folded}. */
    static double[] start(Path file, String now) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), YearOpen.class.getName(),
                file.toString(), now));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("the year open failed (exit " + p.exitValue() + "): " + out);
        }
        String[] last = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        return new double[] {Double.parseDouble(last[0]), Double.parseDouble(last[1]), Double.parseDouble(last[2]),
                Double.parseDouble(last[3])};
    }
}
