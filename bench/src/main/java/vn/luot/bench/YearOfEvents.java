package vn.luot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.EventCodec;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.QueueStore;

/**
 * A busy branch hub's year of events (about 3 M), written straight into SQLite in big batches with
 * {@code synchronous=OFF}: the bench needs the file, not the durability of each row. Six days a week,
 * 1,600 tickets a day (60 % booked in the app, 40 % walk-ins) over the demo fields and 12 counters: booked,
 * checked in or issued, printed, approached, called, served and (every other one) rated; counters pause
 * and resume twice a day; one idempotency answer per kiosk push of three events. The rows are what the
 * hub holds: the centre's bookings pulled from upstream, the kiosks' events pushed to it, its own calls.
 * Generated once and cached, keyed by its parameters, so a rerun of the bench only copies the file.
 */
final class YearOfEvents {

    static final String HUB = "hub";
    static final int TICKETS_PER_DAY = 1_600;
    static final int COUNTERS = 12;
    private static final String[] KIOSKS = {"kiosk-1", "kiosk-2", "kiosk-3"};

    private final Branch branch;
    private final LocalDate lastDay;
    private final int days;

    /** @param lastDay the last day of the year (the one before the bench's "today") */
    YearOfEvents(Branch branch, LocalDate lastDay, int days) {
        this.branch = branch;
        this.lastDay = lastDay;
        this.days = days;
    }

    LocalDate firstDay() {
        return lastDay.minusDays(days - 1L);
    }

    /** The cached file, generated first if missing; copy it before opening it with the code under test. */
    Path cached(Path cacheDir) throws IOException, SQLException {
        Path file = cacheDir.resolve("year-" + lastDay + "-" + days + "d-" + TICKETS_PER_DAY + "t-v1.db");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(cacheDir);
        Path partial = cacheDir.resolve(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        QueueStore.open(partial).close();
        long events = write(partial);
        System.out.println("  generated " + events + " events in " + file);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private long write(Path file) throws SQLException {
        EventCodec codec = new EventCodec();
        SplittableRandom random = new SplittableRandom(2026);
        List<ServiceField> fields = branch.fields();
        List<TimeSlot> slots = branch.slots();
        long[] seqs = new long[KIOSKS.length];
        long seqCentral = 0;
        long seqHub = 0;
        long count = 0;
        long pushes = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = OFF");
                st.execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO events (device_id, seq, hlc_wall, hlc_counter, device_time, type, ticket, payload,
                      from_upstream) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)""");
            PreparedStatement answer = c.prepareStatement(
                    "INSERT INTO idempotency (key, response, created, body_hash) VALUES (?, ?, ?, ?)");
            for (LocalDate day = firstDay(); !day.isAfter(lastDay); day = day.plusDays(1)) {
                if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                long open = day.atTime(7, 30).atZone(BranchTime.ZONE).toInstant().toEpochMilli();
                long span = 9L * 3_600_000;
                int[] numbers = new int[fields.size()];
                for (int counter = 1; counter <= COUNTERS; counter++) {
                    for (long at : new long[] {open + span / 3, open + 2 * span / 3}) {
                        row(insert, codec, HUB, ++seqHub, at + counter, new QueueEvent.CounterPaused(counter), 0);
                        row(insert, codec, HUB, ++seqHub, at + counter + 900_000,
                                new QueueEvent.CounterResumed(counter), 0);
                        count += 2;
                    }
                }
                for (int i = 0; i < TICKETS_PER_DAY; i++) {
                    int f = random.nextInt(fields.size());
                    boolean booked = random.nextInt(10) < 6;
                    int number = booked ? ++numbers[f] : 500 + ++numbers[f];
                    TicketId id = new TicketId(day, fields.get(f).code(), number);
                    TimeSlot slot = slots.get(i * slots.size() / TICKETS_PER_DAY);
                    boolean priority = random.nextInt(20) == 0;
                    long at = open + (long) i * span / TICKETS_PER_DAY;
                    int k = random.nextInt(KIOSKS.length);
                    int counter = 1 + random.nextInt(COUNTERS);
                    if (booked) {
                        row(insert, codec, "central", ++seqCentral, at - 86_400_000L,
                                new QueueEvent.BookingRecorded(id, "bk-" + day + "-" + i, Purpose.SUBMIT, slot,
                                        priority), 1);
                        row(insert, codec, KIOSKS[k], ++seqs[k], at,
                                new QueueEvent.CheckedIn(id, "bk-" + day + "-" + i, Purpose.SUBMIT, slot, priority), 0);
                    } else {
                        row(insert, codec, KIOSKS[k], ++seqs[k], at,
                                new QueueEvent.TicketIssued(id, Purpose.SUBMIT, slot, priority), 0);
                    }
                    row(insert, codec, KIOSKS[k], ++seqs[k], at + 900, new QueueEvent.TicketPrinted(id), 0);
                    answer.setString(1, KIOSKS[k] + ":push-" + ++pushes);
                    answer.setString(2, "{\"results\":[{\"device\":\"" + KIOSKS[k] + "\",\"seq\":" + seqs[k]
                            + ",\"status\":\"applied\"}],\"acknowledged\":{\"" + KIOSKS[k] + "\":" + seqs[k]
                            + "},\"last_seq\":{\"" + KIOSKS[k] + "\":" + seqs[k] + "}}");
                    answer.setString(3, Instant.ofEpochMilli(at + 1_000).toString());
                    answer.setString(4, Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
                    answer.addBatch();
                    long called = at + 600_000 + random.nextInt(1_800_000);
                    row(insert, codec, HUB, ++seqHub, called - 120_000, new QueueEvent.Approaching(id), 0);
                    row(insert, codec, HUB, ++seqHub, called, new QueueEvent.Called(id, counter), 0);
                    row(insert, codec, HUB, ++seqHub, called + 600_000, new QueueEvent.Served(id, counter), 0);
                    count += booked ? 6 : 5;
                    if (random.nextBoolean()) {
                        row(insert, codec, HUB, ++seqHub, called + 610_000,
                                new QueueEvent.RatingGiven(id, counter, Rating.values()[random.nextInt(4)]), 0);
                        count++;
                    }
                }
                insert.executeBatch();
                answer.executeBatch();
                c.commit();
            }
            try (Statement st = c.createStatement()) {
                st.execute("INSERT OR REPLACE INTO sync_cursors (name, value) VALUES ('push', "
                        + "(SELECT cast(max(rowid) AS TEXT) FROM events))");
                st.execute("INSERT OR REPLACE INTO sync_cursors (name, value) VALUES ('pull', 'central-log:"
                        + seqCentral + "')");
                st.execute("INSERT OR REPLACE INTO device (key, value) VALUES ('history_known', '"
                        + firstDay().atStartOfDay(BranchTime.ZONE).toInstant() + "')");
            }
            c.commit();
        }
        return count;
    }

    private static void row(PreparedStatement insert, EventCodec codec, String device, long seq, long wall,
                            QueueEvent body, int fromUpstream) throws SQLException {
        insert.setString(1, device);
        insert.setLong(2, seq);
        insert.setLong(3, wall);
        insert.setString(4, Instant.ofEpochMilli(wall).toString());
        insert.setString(5, body.type().name());
        insert.setString(6, body instanceof QueueEvent.OfTicket t ? t.ticket().key() : null);
        insert.setString(7, codec.encodeBody(body));
        insert.setInt(8, fromUpstream);
        insert.addBatch();
    }
}
