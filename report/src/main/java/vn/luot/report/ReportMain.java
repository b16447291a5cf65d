package vn.luot.report;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.core.config.BranchConfig;
import vn.luot.core.config.ConfigException;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.event.Event;
import vn.luot.core.store.QueueStore;
import vn.luot.core.store.StoreException;
import vn.luot.printer.escpos.BundledFonts;

/**
 * {@code ./luot report --date D --out DIR (--db FILE [--branch FILE] | --demo [--seed N])}: the day's
 * report from a queue database (the central server's file for the branch, or a hub's), or from a demo
 * day played for the purpose. The database is only read.
 */
@Command(name = "luot report", sortOptions = false,
        description = "The branch's daily report: index.html with charts, and CSV files.")
public final class ReportMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--date", paramLabel = "2026-11-23", description = "the day (default 2026-11-23, the demo day)")
    LocalDate day;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where index.html and the CSV files go")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the day's events come from: a queue database, or a demo day played for the purpose. */
    static final class Source {
        @ArgGroup(exclusive = false)
        Database database;

        @ArgGroup(exclusive = false)
        Demo demo;
    }

    static final class Database {
        @Option(names = "--db", required = true, paramLabel = "FILE", description = "the queue database (only read)")
        Path db;

        @Option(names = "--branch", paramLabel = "FILE", description = "the branch file (default: the demo branch)")
        Path branchFile;
    }

    static final class Demo {
        @Option(names = "--demo", required = true, description = "play a demo day and report on it")
        boolean demo;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "the demo day's seed (default 1)")
        long seed;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean demo = source.demo != null;
        Path db = demo ? null : source.database.db;
        Path branchFile = demo ? null : source.database.branchFile;
        long seed = demo ? source.demo.seed : 1;
        LocalDate day = this.day;
        try {
            Branch branch = branchFile == null ? DemoBranch.create() : BranchConfig.load(branchFile);
            if (day == null) {
                day = LocalDate.of(2026, 11, 23);
            }
            if (demo) {
                Files.createDirectories(dir);
                // a fresh file each time: playing into an existing one would add a second day on top of the first
                Path demoDb = dir.resolve("demo-day.db");
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Files.deleteIfExists(Path.of(demoDb + suffix));
                }
                db = DemoDay.play(branch, day, seed, demoDb);
            }
            List<Event> log = read(db, day);
            DayFigures figures = DayFigures.of(branch, day, log);
            List<Path> files = new DayReport(BundledFonts.load()).write(figures, dir);
            out.println("report of " + day + " (" + figures.totalTickets() + " tickets, " + figures.totalServed()
                    + " served) written to " + files.get(0).toAbsolutePath());
        } catch (ConfigException | StoreException e) {
            System.err.println("luot report: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static List<Event> read(Path db, LocalDate day) {
        if (!Files.isRegularFile(db)) {
            throw new StoreException(StoreException.Kind.CANNOT_OPEN, db, "no queue database at " + db, null);
        }
        try (QueueStore store = QueueStore.open(db)) {
            return store.eventsOfDay(day).stream().map(QueueStore.StoredEvent::event).toList();
        }
    }
}
