package vn.luot.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.TicketLayout;

/** Writes the tickets a person should look at into target/preview (kept for inspection). */
class VirtualPrinterPreviewTest {

    private static final BundledFonts FONTS = BundledFonts.load();

    @Test
    void rendersPreviewTicketsForTheEye() throws Exception {
        preview("generic-80mm", SampleTickets.regular(), 576);
        preview("generic-58mm", SampleTickets.regular(), 384);
        preview("epson-tm-t20", SampleTickets.priority(), 576);
        preview("generic-80mm", SampleTickets.longBranchName(), 576);
        preview("epson-tm-t20+cp1258", SampleTickets.regular(), 576);
        preview("epson-tm-t88", SampleTickets.priority(), 512);
        preview("xprinter-xp58", SampleTickets.longBranchName(), 384);
    }

    private void preview(String profile, TicketSlip slip, int width) throws Exception {
        Path dir = Path.of("target", "preview", profile + "-" + slip.label());
        VirtualPrinter printer = new VirtualPrinter(dir, width, FONTS);
        byte[] bytes = new TicketLayout(SampleTickets.profile(profile), FONTS).render(slip);
        printer.serve(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
        assertThat(printer.awaitTickets(1, Duration.ofSeconds(1))).isNotEmpty();
        System.out.println(profile + " " + slip.label() + ": " + bytes.length + " bytes -> " + dir);
    }
}
