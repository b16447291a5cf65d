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

/**
 * The usblp transport only needs a character device that can be written and read; a pty stands
 * in for /dev/usb/lp0 here (no printer on the build machine).
 */
@RequiresTools(Tool.SOCAT)
class UsbDeviceTransportTest {

    private static final BundledFonts FONTS = BundledFonts.load();

    @TempDir
    Path dir;

    private TicketPrinter printerOn(Path device) {
        return EscPosTicketPrinter.builder()
                .profile(PrinterProfiles.builtIn("generic-80mm"))
                .transport(PrinterTransport.usbDevice(device))
                .statusTimeout(Duration.ofMillis(500))
                .fonts(FONTS)
                .build();
    }

    @Test
    void printsThroughADeviceFileAndReadsTheStatusBack() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir.resolve("out"), 576, FONTS);
        try (SocatPair pair = SocatPair.start(dir.resolve("lp0"), dir.resolve("printer"));
             VirtualPrinterPty attached = VirtualPrinterPty.attach(virtual, pair.printer);
             TicketPrinter printer = printerOn(pair.kiosk)) {
            assertThat(printer.print(SampleTickets.regular())).isEqualTo(new PrintResult.Printed(PrinterStatus.READY));
            assertThat(virtual.awaitTickets(1, Duration.ofSeconds(5)).get(0).text()).contains("HT-012");
        }
    }

    @Test
    void aDeviceThatIsNotPresentIsOffline() {
        try (TicketPrinter printer = printerOn(dir.resolve("usb/lp9"))) {
            assertThat(printer.status()).isEqualTo(PrinterStatus.OFFLINE);
            assertThat(printer.print(SampleTickets.regular()).printed()).isFalse();
        }
    }
}
