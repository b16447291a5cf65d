package vn.luot.kiosk;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.core.config.ConfigException;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.printer.EscPosTicketPrinter;
import vn.luot.printer.PrintResult;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.PrinterTestPage;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.profile.VietnameseStrategy;
import vn.luot.printer.transport.PrinterTransport;
import vn.luot.printer.virtual.PrintedTicket;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * {@code luot printer-test [--config /etc/luot/kiosk.toml] [--virtual DIR] [--profile ID] [--vietnamese S]}:
 * prints {@link PrinterTestPage} to the kiosk's configured printer, or to a virtual printer that
 * writes the page to DIR. Exit 0 when printed (and, on the virtual printer, every byte printable).
 */
@Command(name = "luot printer-test", sortOptions = false,
        description = "Prints the test page (every Vietnamese letter, alignment marks, a QR, the profile's name) to the"
                + " kiosk's printer or to a virtual printer.")
public final class PrinterTestMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--config", paramLabel = "FILE",
            description = "kiosk config whose printer to use (default /etc/luot/kiosk.toml unless --virtual)")
    Path config;

    @Option(names = "--virtual", paramLabel = "DIR", description = "print on a virtual printer that writes the page to DIR")
    Path virtual;

    @Option(names = "--profile", paramLabel = "ID", description = "printer profile (default: the config's, or generic-80mm)")
    String profileId;

    @Option(names = "--vietnamese", paramLabel = "STRATEGY",
            description = "how Vietnamese letters reach the paper: ${COMPLETION-CANDIDATES}")
    VietnameseStrategy vietnamese;

    private final PrintStream out;

    public PrinterTestMain() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    PrinterTestMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PrinterTestMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** Runs the command with its output, usage and usage errors on {@code out}; returns the exit status. */
    static int run(String[] args, PrintStream out) {
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        return new CommandLine(new PrinterTestMain(out)).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(writer).setErr(writer).execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path config = this.config;
        Path virtual = this.virtual;
        if (config == null && virtual == null) {
            config = Path.of("/etc/luot/kiosk.toml");
        }
        KioskConfig kiosk;
        PrinterProfile profile;
        try {
            kiosk = config == null ? null : KioskConfig.load(config);
            profile = profileId != null ? PrinterProfiles.builtIn(profileId)
                    : kiosk != null ? kiosk.printerProfile() : PrinterProfiles.builtIn("generic-80mm");
            if (vietnamese != null) {
                profile = profile.withVietnamese(vietnamese);
            }
        } catch (ConfigException | IllegalArgumentException e) {
            out.println("Lỗi cấu hình / config error: " + e.getMessage());
            return 2;
        }
        boolean simulated = virtual != null || Boolean.TRUE.equals(kiosk.printer().simulated());
        if (simulated && virtual == null) {
            virtual = Path.of(kiosk.printer().ticketsDir() == null ? kiosk.dataDir() + "/tickets" : kiosk.printer().ticketsDir());
        }
        BundledFonts fonts = BundledFonts.load();
        byte[] page = PrinterTestPage.render(new TicketLayout(profile, fonts));
        out.println("Trang thử / test page: " + profile.id() + " — " + profile.name() + ", " + page.length + " bytes");
        if (!simulated) {
            PrinterTransport transport = kiosk.printerTransport();
            try (EscPosTicketPrinter printer = EscPosTicketPrinter.builder().profile(profile).transport(transport)
                    .statusQueries(kiosk.printerStatusQueries()).statusTimeout(Duration.ofSeconds(1)).fonts(fonts).build()) {
                return report(printer.printDocument(page), transport.describe(), out);
            }
        }
        VirtualPrinter printer = new VirtualPrinter(virtual, profile.paperWidthDots(), fonts);
        printer.usePagesOf(profile);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(printer, 0);
             EscPosTicketPrinter client = EscPosTicketPrinter.builder().profile(profile)
                     .transport(PrinterTransport.tcp("127.0.0.1", server.port())).fonts(fonts).build()) {
            int before = printer.tickets().size();
            int code = report(client.printDocument(page), "virtual printer " + virtual, out);
            if (code != 0) {
                return code;
            }
            List<PrintedTicket> tickets = printer.awaitTickets(before + 1, Duration.ofSeconds(10));
            PrintedTicket printed = tickets.get(tickets.size() - 1);
            out.println("Ảnh / picture: " + printed.png());
            if (!printed.printable()) {
                out.println("Máy in thật sẽ bỏ trống / a real page leaves these blank: " + printed.unprintable());
                return 1;
            }
            return 0;
        } catch (TimeoutException e) {
            out.println("Máy in ảo không in / the virtual printer printed nothing: " + e.getMessage());
            return 1;
        }
    }

    private static int report(PrintResult result, String where, PrintStream out) {
        if (result instanceof PrintResult.Failed failed) {
            out.println("KHÔNG IN ĐƯỢC / NOT PRINTED on " + where + ": " + failed.status() + " — " + failed.reason());
            return 1;
        }
        out.println("Đã in / printed on " + where + " (status " + result.status() + ")");
        return 0;
    }
}
