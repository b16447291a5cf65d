package vn.luot.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.luot.core.domain.Purpose;
import vn.luot.kiosk.Kiosk;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.kiosk.flow.KioskFlow;
import vn.luot.kiosk.flow.Screen;

/**
 * A kiosk of the simulated day, in its own JVM: the real {@link Kiosk} (flow, SQLite queue, sync to the hub,
 * ESC/POS over TCP to its printer, a {@link DayPrinter} process) on the day's compressed clock. Citizens act through
 * the kiosk's own seams, one at a time, as lines on stdin:
 * <pre>
 * SCAN CODE                       a booking QR code at the scanner
 * WALKIN FIELD PURPOSE [CARD]     walk-in taps; with a citizen ID card scan for priority
 * STATE | STATUSES                this kiosk's fold, for the checks
 * </pre>
 * Answers: {@code OK KEY LABEL} (ticket printed), {@code FAULT KEY LABEL} (ticket recorded, not printed),
 * {@code REFUSED REASON}.
 */
@Command(name = "day-kiosk", description = "A kiosk of the day (a process DayBench starts).")
public final class DayKiosk implements Callable<Integer> {

    @Mixin
    DayClockOptions clockOptions;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path configFile;

    public static void main(String[] argv) {
        System.exit(new CommandLine(new DayKiosk()).execute(argv));
    }

    @Override
    public Integer call() throws Exception {
        DayClock clock = clockOptions.clock();
        Kiosk kiosk = Kiosk.start(KioskConfig.load(configFile), clock);
        Runtime.getRuntime().addShutdownHook(new Thread(kiosk::close, "day-kiosk-shutdown"));
        KioskFlow flow = kiosk.flow();
        AtomicReference<CompletableFuture<Screen>> awaited = new AtomicReference<>();
        flow.addListener(state -> {
            Screen s = state.screen();
            CompletableFuture<Screen> f = awaited.get();
            if (f != null && (s instanceof Screen.TicketIssued || s instanceof Screen.Refused
                    || s instanceof Screen.PrinterFault)) {
                f.complete(s);
            }
        });
        DayChild.serve(line -> {
            String[] w = line.split(" ", 4);
            switch (w[0]) {
                case "STATE":
                    return DayFold.digest(kiosk.queue().tickets());
                case "TICKETS":
                    return DayFold.tickets(kiosk.queue().tickets());
                case "STATUSES":
                    return DayFold.statuses(kiosk.queue().tickets());
                case "SCAN":
                    // a booking code may hold spaces: everything after "SCAN " is the code
                    return act(flow, awaited, () -> flow.scanned(line.substring("SCAN ".length())));
                case "WALKIN":
                    return act(flow, awaited, () -> {
                        flow.walkIn();
                        flow.chooseField(w[1]);
                        flow.choosePurpose(Purpose.valueOf(w[2]));
                        if (w.length > 3) {
                            flow.scanned(w[3]);
                        } else {
                            flow.skipCitizenCard();
                        }
                    });
                default:
                    return "ERROR unknown command " + w[0];
            }
        });
        return 0;
    }

    private static String act(KioskFlow flow, AtomicReference<CompletableFuture<Screen>> awaited, Runnable taps) {
        flow.home();
        CompletableFuture<Screen> result = new CompletableFuture<>();
        awaited.set(result);
        try {
            taps.run();
            Screen s = result.get(30, TimeUnit.SECONDS);
            if (s instanceof Screen.TicketIssued t) {
                return "OK " + t.ticket().ticketKey() + " " + t.ticket().label();
            }
            if (s instanceof Screen.PrinterFault f) {
                if (f.ticket() == null) {
                    return "REFUSED PRINTER_" + f.status();
                }
                return "FAULT " + f.ticket().ticketKey() + " " + f.ticket().label();
            }
            return "REFUSED " + ((Screen.Refused) s).refusal();
        } catch (TimeoutException e) {
            return "ERROR no answer on the kiosk screen within 30 s (" + flow.state().screen().getClass().getSimpleName() + ")";
        } catch (Exception e) {
            return "ERROR " + e;
        } finally {
            awaited.set(null);
            flow.home();
        }
    }
}
