package vn.luot.report;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
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
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LocalDate day = null;
        Path dir = null;
        Path db = null;
        Path branchFile = null;
        boolean demo = false;
        long seed = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--date" -> day = LocalDate.parse(args[++i]);
                    case "--out" -> dir = Path.of(args[++i]);
                    case "--db" -> db = Path.of(args[++i]);
                    case "--branch" -> branchFile = Path.of(args[++i]);
                    case "--demo" -> demo = true;
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (dir == null || (db == null && !demo)) {
                throw new IllegalArgumentException("--out DIR and either --db FILE or --demo are needed");
            }
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            System.err.println("luot report: " + e.getMessage());
            System.err.println("usage: luot report --date 2026-11-23 --out DIR (--db queue.db [--branch branch.toml] | --demo [--seed N])");
            System.exit(2);
            return;
        }
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
            System.exit(1);
        }
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
