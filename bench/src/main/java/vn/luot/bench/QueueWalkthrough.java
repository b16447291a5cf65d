package vn.luot.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.event.Event;
import vn.luot.core.rules.CheckInDecision;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;

/**
 * {@code ./luot demo} until the apps land: a scripted morning of the demo branch, run on the real
 * queue core and a real SQLite file, printed as the kiosk, the counters and the boards would say it.
 */
@Command(name = "luot walkthrough",
        description = "The branch queue rules, step by step, in the terminal.")
public final class QueueWalkthrough implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final MutableClock clock = MutableClock.at("2026-11-23T08:35");

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueueWalkthrough()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        run(Files.createTempDirectory("luot-demo"));
        return 0;
    }

    private void run(Path dir) {
        out.println("Lượt — một buổi sáng ở chi nhánh mẫu / a morning at the demo branch");
        out.println(DemoBranch.create().name());
        out.println("(terminal walk-through of the queue core; database " + dir.resolve("hub.db") + ")");
        out.println();
        try (LocalQueue queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub")
                .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(500, 699)).open()) {
            List<Booking> bookings = List.of(
                    Fixtures.booking("HT", 1, "09:00-09:30", false),
                    Fixtures.booking("HT", 2, "09:00-09:30", true),
                    Fixtures.booking("HT", 3, "09:00-09:30", false),
                    Fixtures.booking("HT", 4, "11:00-11:30", false),
                    Fixtures.booking("HT", 5, "08:00-08:30", false));
            queue.receive(Fixtures.recorded(bookings));
            say("Máy chủ", "đã tải " + bookings.size() + " lịch hẹn hôm nay / pulled today's bookings");

            scan(queue, bookings.get(0));
            scan(queue, bookings.get(3));
            at("08:40");
            scan(queue, bookings.get(1));
            walkIn(queue, "HT");
            at("08:45");
            scan(queue, bookings.get(2));
            scan(queue, bookings.get(0));
            at("09:00");
            say("Hệ thống", queue.sweepMissedCheckIns().size() + " lịch hẹn quá giờ → bỏ lượt / missed bookings");
            scan(queue, bookings.get(4));
            at("09:02");
            press(queue, 1, "NEXT");
            press(queue, 2, "NEXT");
            at("09:06");
            press(queue, 1, "NO-SHOW");
            at("09:15");
            scan(queue, bookings.get(1));
            press(queue, 2, "NEXT");
            press(queue, 1, "NEXT");
            press(queue, 1, "NEXT");
            press(queue, 1, "NEXT");
            out.println();
            out.println("Hàng chờ Hộ tịch / Civil status line: " + queue.waiting("HT").stream().map(Ticket::label).toList());
        }
    }

    private void at(String time) {
        clock.set("2026-11-23T" + time);
    }

    private void say(String who, String what) {
        LocalDateTime now = BranchTime.now(clock);
        out.printf("%s  %-10s %s%n", now.toLocalTime(), who, what);
    }

    private void scan(LocalQueue queue, Booking booking) {
        LocalQueue.CheckInResult r = queue.checkIn(booking);
        String label = booking.ticketId().label();
        if (r.decision() instanceof CheckInDecision.Refuse refuse) {
            say("Ki-ốt", label + ": từ chối / refused — " + refuse.reason()
                    + (refuse.opensAt() != null ? " (quay lại lúc / come back at " + refuse.opensAt().toLocalTime() + ")" : ""));
        } else if (r.decision() instanceof CheckInDecision.Reprint) {
            say("Ki-ốt", label + ": đã xác nhận trước đó, in lại phiếu / already checked in, reprint");
        } else {
            say("Ki-ốt", label + (r.ticket().priority() ? " SỐ ƯU TIÊN" : "") + ": đã xác nhận, còn " + r.ahead()
                    + " người trước / checked in, " + r.ahead() + " ahead" + events(r.events()));
        }
    }

    private void walkIn(LocalQueue queue, String field) {
        LocalQueue.WalkInResult r = queue.issueWalkIn(field, Purpose.ADVICE, false, null);
        say("Ki-ốt", "khách vãng lai / walk-in → " + r.ticket().label() + ", còn " + r.ahead() + " người trước");
    }

    private void press(LocalQueue queue, int counter, String button) {
        LocalQueue.CounterResult r = switch (button) {
            case "NO-SHOW" -> queue.noShow(counter);
            default -> queue.next(counter);
        };
        String called = r.called().map(t -> "Mời số " + t.label() + " đến quầy " + counter).orElse("không còn ai chờ / nobody waiting");
        say("Quầy " + counter, button + " → " + called + events(r.events()));
    }

    private static String events(List<Event> events) {
        return events.isEmpty() ? "" : "   [" + String.join(", ", events.stream().map(e -> e.type().name()).toList()) + "]";
    }
}
