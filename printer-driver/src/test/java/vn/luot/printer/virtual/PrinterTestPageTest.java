package vn.luot.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.PrinterTestPage;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.profile.PrinterProfile;

/** The installer's test page, printed on the virtual printer and read back. */
class PrinterTestPageTest {

    private static final BundledFonts FONTS = BundledFonts.load();

    @TempDir
    Path out;

    private PrintedTicket print(PrinterProfile profile, byte[] bytes) throws Exception {
        VirtualPrinter printer = new VirtualPrinter(out.resolve(profile.id() + "-" + profile.vietnamese()),
                profile.paperWidthDots(), FONTS);
        printer.usePagesOf(profile);
        printer.serve(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
        return printer.awaitTickets(1, Duration.ofSeconds(2)).get(0);
    }

    @Test
    void thePageHasAll134VietnameseLettersLowerAndUpper() {
        var letters = PrinterTestPage.letters();
        assertThat(letters).hasSize(134).doesNotHaveDuplicates();
        assertThat(new HashSet<>(letters.subList(0, 67))).contains("ă", "ệ", "ữ", "ỵ", "đ");
        assertThat(letters.subList(67, 134)).contains("Ă", "Ệ", "Ữ", "Ỵ", "Đ");
        assertThat(letters).allSatisfy(l -> assertThat(l.codePointAt(0)).isGreaterThan(0x7f));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epson-tm-t20", "epson-tm-t88", "epson-tm-t20+cp1258", "rongta-rp326+cp1258"})
    void everyLetterPrintedNativelyDecodesBackAndNoByteIsRefused(String spec) throws Exception {
        PrinterProfile profile = SampleTickets.profile(spec);
        PrintedTicket page = print(profile, PrinterTestPage.render(new TicketLayout(profile, FONTS)));

        assertThat(page.unprintable()).isEmpty();
        assertThat(page.text()).contains(profile.id());
        for (String letter : PrinterTestPage.letters()) {
            assertThat(page.text()).as("letter %s", letter).contains(letter);
        }
        assertThat(page.text()).contains("[QR] " + PrinterTestPage.qrText(profile));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generic-80mm", "generic-58mm", "epson-tm-t82", "xprinter-xp58"})
    void aRasterPageCarriesItsNameAndAQrThatZbarimgReads(String spec) throws Exception {
        PrinterProfile profile = SampleTickets.profile(spec);
        PrintedTicket page = print(profile, PrinterTestPage.render(new TicketLayout(profile, FONTS)));

        assertThat(page.text()).contains(profile.id(), "|< trai / left", "[raster ");
        org.junit.jupiter.api.Assumptions.assumeTrue(QrReadBackTest.zbarimgPresent() || System.getenv("CI") != null,
                "zbarimg not installed (apt-get install zbar-tools): QR read-back skipped");
        assertThat(QrReadBackTest.zbarimg(page.png())).isEqualTo(PrinterTestPage.qrText(profile));
    }

    @Test
    void tcvn3BytesThatEpsonsPagesLeaveBlankAreRefusedNotGuessed() throws Exception {
        PrinterProfile epson = SampleTickets.profile("epson-tm-t20");
        byte[] bytes = {0x1b, '@', 0x1b, 't', 31, 'X', (byte) 0xa8, (byte) 0xa2, 0x0a, 0x1b, 't', 30, (byte) 0xa1, (byte) 0xa8,
            0x0a, 0x1d, 'V', 66, 0};

        PrintedTicket ticket = print(epson, bytes);

        assertThat(ticket.printable()).isFalse();
        assertThat(ticket.unprintable()).containsExactly("page 31 byte 0xA8", "page 30 byte 0xA1");
        assertThat(ticket.text()).contains("XÂ", "ă");
    }
}
