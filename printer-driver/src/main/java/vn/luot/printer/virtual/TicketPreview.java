package vn.luot.printer.virtual;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.profile.PrinterProfiles;

/**
 * {@code ./luot printer --preview DIR} ({@link VirtualPrinterMain}): the sample tickets laid out for each kind of paper and printer profile,
 * printed on the virtual printer, for a person to look at ({@code DIR/PROFILE-LABEL/} holds each ticket's
 * {@code .png}, {@code .txt} and {@code .bin}). The tests check the same tickets byte for byte; this is for the eye.
 */
public final class TicketPreview {

    private record Preview(String profile, TicketSlip slip, int widthDots) {
    }

    private static final List<Preview> PREVIEWS = List.of(
            new Preview("generic-80mm", SampleTickets.regular(), 576),
            new Preview("generic-58mm", SampleTickets.regular(), 384),
            new Preview("epson-tm-t20", SampleTickets.priority(), 576),
            new Preview("generic-80mm", SampleTickets.longBranchName(), 576),
            new Preview("epson-tm-t88", SampleTickets.regular(), 512),
            new Preview("xprinter-xp58", SampleTickets.longBranchName(), 384));

    private TicketPreview() {
    }

    /** Prints every sample ticket into {@code out}, one folder each, saying on {@code log} where each went. */
    public static void write(Path out, PrintStream log) throws IOException, TimeoutException, InterruptedException {
        BundledFonts fonts = BundledFonts.load();
        for (Preview preview : PREVIEWS) {
            Path dir = out.resolve(preview.profile() + "-" + preview.slip().label());
            VirtualPrinter printer = new VirtualPrinter(dir, preview.widthDots(), fonts);
            byte[] bytes = new TicketLayout(PrinterProfiles.builtIn(preview.profile()), fonts).render(preview.slip());
            printer.serve(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
            PrintedTicket ticket = printer.awaitTickets(1, Duration.ofSeconds(5)).get(0);
            log.println(preview.profile() + " " + preview.slip().label() + ": " + bytes.length + " bytes -> "
                    + ticket.png().toAbsolutePath());
        }
    }
}
