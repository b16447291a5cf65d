package vn.luot.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.luot.core.domain.Ticket;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.QueueStore;
import vn.luot.core.sync.SyncLoop;
import vn.luot.display.Display;
import vn.luot.display.buttons.ButtonAction;
import vn.luot.display.config.DisplayConfig;
import vn.luot.report.DayFigures;

/**
 * The display device of the simulated day, in its own JVM: the real {@link Display} (hub with the staff page,
 * TV board model, the RS-485 bus to the LED boards on a pty, Pi4J mock buttons and MCP23017 keypads, WAV
 * voice) on the day's clock.
 * The counters' fingers and the bench's checks come as lines on stdin:
 * <pre>
 * PRESS COUNTER ACTION     a call button or rating key (ButtonAction), through Pi4J's mock platform
 * CURRENT                  what each counter is serving: "1=KEY 2=- ..."
 * LABELS                   the same as the numbers on the boards: "1=HT-012 2=- ..."
 * UPSTREAM                 the hub's link to the centre: "ONLINE|OFFLINE DEPTH ROUND" (ROUND counts new reports)
 * SYNC                     a sync round with the centre now
 * STATE | STATUSES         this device's fold, for the checks
 * FIGURES DAY              the day's figures from this device's event log
 * </pre>
 */
@Command(name = "day-display", description = "The display device of the day (a process DayBench starts).")
public final class DayDisplay implements Callable<Integer> {

    @Mixin
    DayClockOptions clockOptions;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path configFile;

    public static void main(String[] argv) {
        System.exit(new CommandLine(new DayDisplay()).execute(argv));
    }

    @Override
    public Integer call() throws Exception {
        DayClock clock = clockOptions.clock();
        DisplayConfig config = DisplayConfig.load(configFile);
        Display display = Display.start(config, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(display::close, "day-display-shutdown"));
        Rounds rounds = new Rounds();
        DayChild.serve(line -> {
            String[] w = line.split(" ");
            return switch (w[0]) {
                case "PRESS" -> display.simulatedButtons().orElseThrow()
                        .press(Integer.parseInt(w[1]), ButtonAction.valueOf(w[2])) ? "PRESSED" : "ERROR no " + w[2]
                        + " button for counter " + w[1];
                case "CURRENT" -> current(display, t -> t.id().key());
                case "LABELS" -> current(display, Ticket::label);
                case "UPSTREAM" -> rounds.describe(display.upstreamStatus());
                case "SYNC" -> {
                    display.hub().syncNow();
                    yield "SYNCING";
                }
                case "STATE" -> DayFold.digest(display.queue().tickets());
                case "TICKETS" -> DayFold.tickets(display.queue().tickets());
                case "REFUSALS" -> display.hub().syncRefusals().toString();
                case "STATUSES" -> DayFold.statuses(display.queue().tickets());
                case "FIGURES" -> figures(display, LocalDate.parse(w[1]));
                default -> "ERROR unknown command " + w[0];
            };
        });
        return 0;
    }

    /** Numbers the hub's upstream reports, so the bench can tell a fresh report from the one before an outage. */
    private static final class Rounds {
        private SyncLoop.Status last;
        private long round;

        synchronized String describe(Optional<SyncLoop.Status> status) {
            if (status.isEmpty()) {
                return "NONE";
            }
            if (status.get() != last) {
                last = status.get();
                round++;
            }
            return (last.online() ? "ONLINE " : "OFFLINE ") + last.outboxDepth() + " " + round;
        }
    }

    private static String current(Display display, Function<Ticket, String> shown) {
        return display.queue().branch().counters().stream()
                .map(c -> c.number() + "=" + display.queue().currentAt(c.number()).map(shown).orElse("-"))
                .collect(Collectors.joining(" "));
    }

    /** The figures the bench prints, from the device's own log (the report module computes them). */
    private static String figures(Display display, LocalDate day) {
        List<Event> log = display.queue().read(s -> s.eventsOfDay(day)).stream().map(QueueStore.StoredEvent::event).toList();
        DayFigures f = DayFigures.of(display.queue().branch(), day, log);
        long calls = log.stream().filter(e -> e.body() instanceof QueueEvent.Called).count();
        long recalls = log.stream().filter(e -> e.body() instanceof QueueEvent.Recalled).count();
        long ratings = log.stream().filter(e -> e.body() instanceof QueueEvent.RatingGiven).count();
        long pauses = log.stream().filter(e -> e.body() instanceof QueueEvent.CounterPaused).count();
        long transfers = log.stream().filter(e -> e.body() instanceof QueueEvent.Transferred).count();
        return String.format(Locale.ROOT, "calls=%d recalls=%d ratings=%d pauses=%d transfers=%d served=%d "
                        + "wait_p50_min=%.1f wait_p90_min=%.1f priority_wait_p50_min=%.1f",
                calls, recalls, ratings, pauses, transfers, f.totalServed(), f.allWaits().median(), f.allWaits().p90(),
                f.priorityWaits().median());
    }
}
