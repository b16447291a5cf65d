package vn.luot.core.crash;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberAllocation;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.testing.Fixtures;

/**
 * The child process of the crash drill: a kiosk-and-counter device issuing walk-ins, checking in
 * bookings and calling tickets as fast as it can, printing {@code ACK <ticket>} only after each
 * commit has returned. It runs until it is killed.
 *
 * <p>Arguments: database path, {@link NumberAllocation} name, random seed.
 */
public final class CrashWorkload {

    static final NumberBlock BLOCK = new NumberBlock(100, 9999);
    static final String[] FIELDS = {"HT", "CT", "DD"};
    static final int BOOKINGS_PER_FIELD = 99;

    private CrashWorkload() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        NumberAllocation allocation = NumberAllocation.valueOf(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

        // Every run starts at 09:00 on the drill day, whatever the real date; the HLC keeps order.
        Clock real = Clock.systemUTC();
        Duration shift = Duration.between(real.instant(),
                LocalDateTime.parse("2026-11-23T09:00").atZone(BranchTime.ZONE).toInstant());
        try (LocalQueue queue = LocalQueue.builder()
                .file(db)
                .deviceId("drill")
                .branch(DemoBranch.create())
                .clock(Clock.offset(real, shift))
                .walkInBlock(BLOCK)
                .numberAllocation(allocation)
                .open()) {
            List<Booking> bookings = bookings();
            if (queue.tickets().stream().noneMatch(Ticket::isBooked)) {
                queue.receive(Fixtures.recorded(bookings));
            }
            out.println("READY");
            out.flush();
            while (true) {
                int op = random.nextInt(100);
                if (op < 60) {
                    var result = queue.issueWalkIn(FIELDS[random.nextInt(FIELDS.length)], Purpose.SUBMIT,
                            random.nextInt(10) == 0, null);
                    if (result.issued()) {
                        ack(out, result.ticket());
                    }
                } else if (op < 85) {
                    Booking b = bookings.get(random.nextInt(bookings.size()));
                    var result = queue.checkIn(b);
                    if (result.ticket() != null) {
                        ack(out, result.ticket());
                    }
                } else {
                    queue.next(1 + random.nextInt(10));
                }
            }
        }
    }

    private static void ack(PrintStream out, Ticket ticket) {
        out.println("ACK " + ticket.id().key());
        out.flush();
    }

    static List<Booking> bookings() {
        List<Booking> bookings = new ArrayList<>();
        for (String field : FIELDS) {
            for (int n = 1; n <= BOOKINGS_PER_FIELD; n++) {
                bookings.add(Fixtures.booking(field, n, "09:00-09:30", n % 17 == 0));
            }
        }
        return bookings;
    }
}
