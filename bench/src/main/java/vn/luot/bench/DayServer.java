package vn.luot.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.QueueStore;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.server.BookingServer;
import vn.luot.server.ServerConfig;
import vn.luot.server.SignedCodes;
import vn.luot.server.identity.CitizenAccess;
import vn.luot.server.booking.BookingStore;

/**
 * The central booking server of the simulated day, in its own JVM: the real {@link BookingServer} on the
 * day's compressed clock, plus a line protocol on stdin for the bench's checks ({@code STATE},
 * {@code STATUSES}, {@code NOTIFICATIONS}). Stopping this process is the WAN going down.
 *
 * <p>{@code DayServer --dir DIR --port P --config server.toml --start ISO --anchor MILLIS --rate R}
 */
@Command(name = "day-server", description = "The central server of the day (a process DayBench starts).")
public final class DayServer implements Callable<Integer> {

    static final String KIOSK1_TOKEN = "day-kiosk-1";
    static final String KIOSK2_TOKEN = "day-kiosk-2";
    static final String HUB_TOKEN = "day-hub";

    @Mixin
    DayClockOptions clockOptions;

    @Option(names = "--dir", required = true, paramLabel = "DIR")
    Path dir;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path configFile;

    @Option(names = "--port", required = true, paramLabel = "PORT")
    int port;

    public static void main(String[] argv) {
        System.exit(new CommandLine(new DayServer()).execute(argv));
    }

    @Override
    public Integer call() throws Exception {
        DayClock clock = clockOptions.clock();
        ServerConfig config = ServerConfig.load(configFile);
        Branch branch = config.toBranches().get(0);
        DeviceTokens tokens = DeviceTokens.none()
                .withToken(KIOSK1_TOKEN, new DeviceIdentity("kiosk-1", branch.id(), DeviceIdentity.Role.KIOSK))
                .withToken(KIOSK2_TOKEN, new DeviceIdentity("kiosk-2", branch.id(), DeviceIdentity.Role.KIOSK))
                .withToken(HUB_TOKEN, new DeviceIdentity("hub", branch.id(), DeviceIdentity.Role.HUB));
        SignedCodes codes = new SignedCodes(1, SigningKeys.loadOrCreate(dir.resolve("signing-key")), KeySet.empty());
        // Housekeeping every 50 ms real is a branch minute or less at the rates the day runs at.
        BookingServer server = BookingServer.builder().config(config).database(dir.resolve("server.db")).clock(clock)
                .codes(codes).bindAddress("127.0.0.1").port(port)
                .extraTokens(tokens).housekeepingEvery(Duration.ofMillis(50))
                // The day's citizens all book from the bench's one loopback address, at a branch clock that runs
                // fast: the city gateway in front of a real server limits per address, this one limits per citizen.
                .demoIdentityProvider(true)
                .citizenAccess(CitizenAccess.none().withRateLimits(CitizenAccess.DEFAULT_CITIZEN_WRITES_PER_MINUTE,
                        1_000_000))
                .build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "day-server-shutdown"));
        DayChild.serve(command -> switch (command) {
            case "STATE" -> DayFold.digest(server.queue(branch.id()).tickets());
            case "TICKETS" -> DayFold.tickets(server.queue(branch.id()).tickets());
            case "STATUSES" -> DayFold.statuses(server.queue(branch.id()).tickets());
            case "NOTIFICATIONS" -> {
                server.housekeeping();
                yield notificationProblems(server, branch, clock.now().toLocalDate());
            }
            default -> "ERROR unknown command " + command;
        });
        return 0;
    }

    /**
     * Checks every booking's notifications against the rules, from the central log: one "1 number away"
     * per APPROACHING, one "come to counter N" per CALLED (with N), one "moved to the afternoon" per move,
     * one "cancelled, you did not come on time" per missed check-in, in the log's order; at most one
     * 30-minute reminder, sent inside the half hour before the slot. Answers {@code CHECKED n PROBLEMS m
     * [first problem]}.
     */
    private static String notificationProblems(BookingServer server, Branch branch, LocalDate day) {
        List<QueueStore.StoredEvent> events = server.queue(branch.id()).read(store -> store.eventsOfDay(day));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (BookingStore.Stored stored : server.bookings().from(branch.id(), day)) {
            var booking = stored.booking();
            if (!booking.date().equals(day)) {
                continue;
            }
            checked++;
            List<String> expected = new ArrayList<>();
            for (QueueStore.StoredEvent e : events) {
                if (e.event().body() instanceof QueueEvent.OfTicket t && t.ticket().equals(booking.ticketId())) {
                    QueueEvent body = e.event().body();
                    if (body instanceof QueueEvent.Approaching) {
                        expected.add("ONE_AWAY/0");
                    } else if (body instanceof QueueEvent.Called c) {
                        expected.add("CALLED/" + c.counter());
                    } else if (body instanceof QueueEvent.BookingMoved) {
                        expected.add("MOVED_TO_AFTERNOON/0");
                    } else if (body instanceof QueueEvent.MissedCheckIn) {
                        expected.add("NO_SHOW_CANCELLED/0");
                    }
                }
            }
            List<BookingStore.Notification> all = server.bookings().notifications(Long.parseLong(booking.id()));
            List<String> actual = all.stream().filter(n -> !n.type().equals("REMINDER_30M"))
                    .map(n -> n.type() + "/" + n.counter()).toList();
            if (!actual.equals(expected)) {
                problems.add("booking " + booking.id() + " (" + booking.ticketId().label() + "): expected " + expected
                        + ", got " + actual);
            }
            List<BookingStore.Notification> reminders = all.stream().filter(n -> n.type().equals("REMINDER_30M")).toList();
            if (reminders.size() > 1) {
                problems.add("booking " + booking.id() + ": " + reminders.size() + " reminders");
            }
            for (BookingStore.Notification r : reminders) {
                var slot = server.queue(branch.id()).ticket(booking.ticketId()).map(t -> t.slot()).orElse(booking.slot());
                Instant start = day.atTime(slot.start()).atZone(BranchTime.ZONE).toInstant();
                Instant originalStart = day.atTime(booking.slot().start()).atZone(BranchTime.ZONE).toInstant();
                boolean inWindow = (r.at().isBefore(start) && !r.at().isBefore(start.minus(Duration.ofMinutes(30))))
                        || (r.at().isBefore(originalStart) && !r.at().isBefore(originalStart.minus(Duration.ofMinutes(30))));
                if (!inWindow) {
                    problems.add("booking " + booking.id() + ": reminder at " + r.at() + " outside the half hour before "
                            + slot.start());
                }
            }
        }
        return "CHECKED " + checked + " PROBLEMS " + problems.size()
                + (problems.isEmpty() ? "" : " " + problems.get(0));
    }
}
