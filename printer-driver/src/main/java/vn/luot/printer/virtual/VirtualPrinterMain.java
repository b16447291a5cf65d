package vn.luot.printer.virtual;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import vn.luot.printer.escpos.BundledFonts;

/**
 * {@code VirtualPrinterMain [--port 9100 | --pty PATH] [--out DIR] [--width 576|512|384] [--bind ADDR]
 * [--no-status] [--ignore-image-align]}
 *
 * <p>With {@code --pty PATH}, socat creates a pseudo-terminal pair: the kiosk opens PATH as its
 * serial printer, the virtual printer listens on PATH.printer. Runs until killed.
 */
public final class VirtualPrinterMain {

    private VirtualPrinterMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 9100;
        String pty = null;
        Path out = Path.of("printed-tickets");
        int width = 576;
        String bind = "0.0.0.0";
        boolean silent = false;
        boolean ignoreImageAlign = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--port" -> port = Integer.parseInt(require(a, value));
                case "--pty" -> pty = require(a, value);
                case "--out" -> out = Path.of(require(a, value));
                case "--width" -> width = Integer.parseInt(require(a, value));
                case "--bind" -> bind = require(a, value);
                case "--no-status" -> {
                    silent = true;
                    continue;
                }
                case "--ignore-image-align" -> {
                    ignoreImageAlign = true;
                    continue;
                }
                case "--help", "-h" -> {
                    System.out.println("usage: VirtualPrinterMain [--port 9100 | --pty PATH] [--out DIR] [--width 576|512|384] [--bind ADDR]"
                            + " [--no-status] [--ignore-image-align]");
                    return;
                }
                default -> throw usage("unknown option " + a);
            }
            if (!a.startsWith("--help")) {
                i++;
            }
        }
        VirtualPrinter printer = new VirtualPrinter(out, width, BundledFonts.load());
        // Clone behaviours: no answer to DLE EOT, images flush left whatever ESC a says.
        printer.setAnswersStatus(!silent);
        printer.setIgnoresImageAlignment(ignoreImageAlign);
        if (pty != null) {
            servePty(printer, Path.of(pty), out);
        } else {
            VirtualPrinterServer server = VirtualPrinterServer.start(printer, InetAddress.getByName(bind), port);
            System.out.println("virtual printer listening on " + bind + ":" + server.port() + ", " + width
                    + " dots, tickets in " + out.toAbsolutePath());
        }
        new CountDownLatch(1).await();
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

    private static String require(String option, String value) {
        if (value == null) {
            throw usage(option + " needs a value");
        }
        return value;
    }

    private static IllegalArgumentException usage(String message) {
        return new IllegalArgumentException(message
                + "; usage: VirtualPrinterMain [--port 9100 | --pty PATH] [--out DIR] [--width 576|384]");
    }
}
