package vn.luot.bench;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.virtual.PrintedTicket;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * A kiosk's thermal printer in the simulated day, in its own process as the real one is its own device: the
 * virtual ESC/POS printer on loopback TCP, decoding every ticket it receives. It outlives the kiosk's SIGKILLs.
 * <pre>
 * PAPER OUT | PAPER IN     the roll runs out / a new one is loaded
 * PRINTED                  how many tickets came out whole, and the text of each, one per line joined by "\t"
 * </pre>
 * {@code DayPrinter --port P --out DIR --width DOTS}
 */
@Command(name = "day-printer", description = "A virtual printer of the day (a process DayBench starts).")
public final class DayPrinter implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--width", required = true, paramLabel = "DOTS")
    int width;

    @Option(names = "--port", required = true, paramLabel = "PORT")
    int port;

    public static void main(String[] argv) {
        System.exit(new CommandLine(new DayPrinter()).execute(argv));
    }

    @Override
    public Integer call() throws Exception {
        VirtualPrinter printer = new VirtualPrinter(out,
                width, BundledFonts.load());
        VirtualPrinterServer server = VirtualPrinterServer.start(printer, InetAddress.getLoopbackAddress(),
                port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (java.io.IOException ignored) {
                // the process is ending anyway
            }
        }, "day-printer-shutdown"));
        DayChild.serve(line -> switch (line) {
            case "PAPER OUT" -> {
                printer.setPaperOut(true);
                yield "PAPER OUT";
            }
            case "PAPER IN" -> {
                printer.loadPaper();
                yield "PAPER IN";
            }
            case "PRINTED" -> {
                List<PrintedTicket> tickets = printer.tickets();
                StringBuilder b = new StringBuilder().append(tickets.size());
                // the answer is one line: each ticket's text with its line breaks folded
                tickets.forEach(t -> b.append('\t').append(t.text().replace('\n', ' ').replace('\t', ' ')));
                yield b.toString();
            }
            default -> "ERROR unknown command " + line;
        });
        return 0;
    }
}
