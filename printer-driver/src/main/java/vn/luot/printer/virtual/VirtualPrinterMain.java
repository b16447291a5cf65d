package vn.luot.printer.virtual;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.luot.printer.escpos.BundledFonts;

/**
 * {@code luot printer [--port 9100 | --pty PATH] [--out DIR] [--width 576|512|384] [--bind ADDR]
 * [--no-status] [--ignore-image-align]}, or {@code luot printer --preview DIR} ({@link TicketPreview}).
 *
 * <p>With {@code --pty PATH}, socat creates a pseudo-terminal pair: the kiosk opens PATH as its
 * serial printer, the virtual printer listens on PATH.printer. Runs until killed.
 */
@Command(name = "luot printer", sortOptions = false,
        description = "The virtual ESC/POS printer: tickets to DIR as .bin, .png and .txt.")
public final class VirtualPrinterMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9100", description = "TCP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--pty", paramLabel = "PATH", description = "listen on a socat pty pair instead: the kiosk opens PATH")
    Path pty;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "printed-tickets",
            description = "where tickets go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--width", paramLabel = "DOTS", defaultValue = "576", description = "paper width: 576, 512 or 384 dots")
    int width;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "address to listen on")
    String bind;

    @Option(names = "--no-status", description = "never answer DLE EOT (like some clones)")
    boolean silent;

    @Option(names = "--ignore-image-align", description = "images flush left whatever ESC a says (like some clones)")
    boolean ignoreImageAlign;

    @Option(names = "--preview", paramLabel = "DIR",
            description = "the sample tickets for each paper width and printer profile, as PNG to DIR, then exit")
    Path preview;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VirtualPrinterMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (preview != null) {
            TicketPreview.write(preview, System.out);
            return 0;
        }
        if (width != 576 && width != 512 && width != 384) {
            throw new ParameterException(spec.commandLine(), "--width is 576, 512 or 384 dots, not " + width);
        }
        VirtualPrinter printer = new VirtualPrinter(out, width, BundledFonts.load());
        // Clone behaviours: no answer to DLE EOT, images flush left whatever ESC a says.
        printer.setAnswersStatus(!silent);
        printer.setIgnoresImageAlignment(ignoreImageAlign);
        if (pty != null) {
            servePty(printer, pty, out);
        } else {
            VirtualPrinterServer server = VirtualPrinterServer.start(printer, InetAddress.getByName(bind), port);
            System.out.println("virtual printer listening on " + bind + ":" + server.port() + ", " + width
                    + " dots, tickets in " + out.toAbsolutePath());
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private static void servePty(VirtualPrinter printer, Path link, Path out) throws IOException, InterruptedException {
        Path printerSide = Path.of(link + ".printer");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + link, "pty,raw,echo=0,link=" + printerSide)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Runtime.getRuntime().addShutdownHook(new Thread(socat::destroy));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(link) && Files.exists(printerSide))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("socat did not create " + link + " (is socat installed?)");
            }
            Thread.onSpinWait();
        }
        VirtualPrinterPty.attach(printer, printerSide);
        System.out.println("virtual printer on serial " + link + ", tickets in " + out.toAbsolutePath());
    }
}
