package vn.luot.printer.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.printer.EscPosTicketPrinter;
import vn.luot.printer.PrintResult;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketPrinter;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterPty;

/** Serial transport against the virtual printer over a socat pty pair (socat is required). */
@RequiresTools(Tool.SOCAT)
class SerialTicketPrinterTest {

    private static final BundledFonts FONTS = BundledFonts.load();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private TicketPrinter printerOn(Path port) {
        return EscPosTicketPrinter.builder()
                .profile(PrinterProfiles.builtIn("epson-tm-t20"))
                .transport(PrinterTransport.serial(port.toString(), 115200))
                .statusTimeout(Duration.ofMillis(500))
                .fonts(FONTS)
                .build();
    }

    @Test
    void printsATicketOverASerialLine() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir.resolve("out"), 576, FONTS);
        try (SocatPair pair = SocatPair.start(dir.resolve("kiosk"), dir.resolve("printer"));
             VirtualPrinterPty pty = VirtualPrinterPty.attach(virtual, pair.printer);
             TicketPrinter printer = printerOn(pair.kiosk)) {

            assertThat(printer.print(SampleTickets.priority())).isEqualTo(new PrintResult.Printed(PrinterStatus.READY));
            assertThat(virtual.awaitTickets(1, WAIT).get(0).text()).contains("SỐ ƯU TIÊN", "Đất đai", "DD-007");
        }
    }

    @Test
    void paperOutIsReportedOverSerialToo() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir.resolve("out"), 576, FONTS);
        virtual.setPaperOut(true);
        try (SocatPair pair = SocatPair.start(dir.resolve("kiosk"), dir.resolve("printer"));
             VirtualPrinterPty pty = VirtualPrinterPty.attach(virtual, pair.printer);
             TicketPrinter printer = printerOn(pair.kiosk)) {

            assertThat(printer.print(SampleTickets.regular()).status()).isEqualTo(PrinterStatus.PAPER_OUT);
        }
    }

    @Test
    void aSerialPortThatDoesNotExistIsOffline() {
        try (TicketPrinter printer = printerOn(dir.resolve("ttyUSB-not-there"))) {
            assertThat(printer.status()).isEqualTo(PrinterStatus.OFFLINE);
            PrintResult result = printer.print(SampleTickets.regular());
            assertThat(result.status()).isEqualTo(PrinterStatus.OFFLINE);
            assertThat(((PrintResult.Failed) result).partlySent()).isFalse();
        }
    }

    @Test
    void cableUnpluggedAndPluggedBackOnTheSamePathIsPickedUpAgain() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir.resolve("out"), 576, FONTS);
        Path kiosk = dir.resolve("kiosk");
        Path printerEnd = dir.resolve("printer");
        try (TicketPrinter printer = printerOn(kiosk)) {
            try (SocatPair first = SocatPair.start(kiosk, printerEnd);
                 VirtualPrinterPty pty = VirtualPrinterPty.attach(virtual, first.printer)) {
                assertThat(printer.print(SampleTickets.regular()).printed()).isTrue();
            }

            PrintResult unplugged = printer.print(SampleTickets.regular());
            assertThat(unplugged.status()).isEqualTo(PrinterStatus.OFFLINE);

            try (SocatPair second = SocatPair.start(kiosk, printerEnd);
                 VirtualPrinterPty pty = VirtualPrinterPty.attach(virtual, second.printer)) {
                assertThat(printer.print(SampleTickets.priority()).printed()).isTrue();
                assertThat(virtual.awaitTickets(2, WAIT)).hasSize(2);
            }
        }
    }
}
