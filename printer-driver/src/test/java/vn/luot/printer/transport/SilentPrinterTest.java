package vn.luot.printer.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.printer.EscPosTicketPrinter;
import vn.luot.printer.PrintResult;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterPty;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * Printers that do not answer DLE EOT, as many USB clones do: the virtual printer made silent to
 * status requests, over a real loopback socket and over a socat pty read by jSerialComm.
 */
class SilentPrinterTest {

    private static final BundledFonts FONTS = BundledFonts.load();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration STATUS_TIMEOUT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private static EscPosTicketPrinter.Builder printer(PrinterTransport transport) {
        return EscPosTicketPrinter.builder().profile(PrinterProfiles.builtIn("generic-80mm")).transport(transport)
                .statusTimeout(STATUS_TIMEOUT).fonts(FONTS);
    }

    @Test
    void aPrinterSilentToStatusRequestsIsPrintedToAfterThreeSilentQueriesAndSaysStatusUnsupported() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir, 576, FONTS);
        virtual.setAnswersStatus(false);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(virtual, 0);
             EscPosTicketPrinter clone = printer(PrinterTransport.tcp("127.0.0.1", server.port())).build()) {

            assertThat(clone.status()).isEqualTo(PrinterStatus.STATUS_UNSUPPORTED);
            assertThat(virtual.statusRequests()).as("DLE EOT 1, twice per query, three queries").isEqualTo(6);

            PrintResult first = clone.print(SampleTickets.regular());
            PrintResult second = clone.print(SampleTickets.priority());

            assertThat(first).isEqualTo(new PrintResult.Printed(PrinterStatus.STATUS_UNSUPPORTED));
            assertThat(second).isEqualTo(new PrintResult.Printed(PrinterStatus.STATUS_UNSUPPORTED));
            assertThat(virtual.awaitTickets(2, WAIT).get(1).text()).contains("DD-007");
            assertThat(virtual.statusRequests()).as("no status request once the printer is known to be mute").isEqualTo(6);
        }
    }

    @Test
    void theFirstTicketToASilentPrinterComesOutWithoutAnyEarlierProbe() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir, 576, FONTS);
        virtual.setAnswersStatus(false);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(virtual, 0);
             EscPosTicketPrinter clone = printer(PrinterTransport.tcp("127.0.0.1", server.port())).build()) {

            long start = System.nanoTime();
            PrintResult result = clone.print(SampleTickets.regular());

            assertThat(result.printed()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("three status timeouts, not more")
                    .isLessThan(STATUS_TIMEOUT.multipliedBy(3).plusSeconds(2));
            assertThat(virtual.awaitTickets(1, WAIT)).hasSize(1);
        }
    }

    @Test
    void withStatusQueriesOffNotOneDleEotIsSent() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir, 576, FONTS);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(virtual, 0);
             EscPosTicketPrinter blind = printer(PrinterTransport.tcp("127.0.0.1", server.port()))
                     .statusQueries(false).build()) {

            assertThat(blind.status()).isEqualTo(PrinterStatus.NOT_QUERIED);
            assertThat(blind.print(SampleTickets.regular())).isEqualTo(new PrintResult.Printed(PrinterStatus.NOT_QUERIED));
            assertThat(virtual.awaitTickets(1, WAIT).get(0).text()).contains("HT-012");
            assertThat(virtual.statusRequests()).isZero();
        }
    }

    @Test
    void aPrinterThatAnsweredOnceAndThenFallsSilentIsOfflineNotUnsupported() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir, 576, FONTS);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(virtual, 0);
             EscPosTicketPrinter printer = printer(PrinterTransport.tcp("127.0.0.1", server.port())).build()) {
            assertThat(printer.print(SampleTickets.regular())).isEqualTo(new PrintResult.Printed(PrinterStatus.READY));

            virtual.setAnswersStatus(false);
            PrintResult result = printer.print(SampleTickets.priority());

            assertThat(result.status()).isEqualTo(PrinterStatus.OFFLINE);
            assertThat(((PrintResult.Failed) result).partlySent()).isFalse();
            assertThat(printer.status()).isEqualTo(PrinterStatus.OFFLINE);
        }
    }

    @Test
    void aSerialPrinterSilentToStatusRequestsIsDetectedOverAPtyToo() throws Exception {
        VirtualPrinter virtual = new VirtualPrinter(dir.resolve("out"), 576, FONTS);
        virtual.setAnswersStatus(false);
        try (SocatPair pair = SocatPair.start(dir.resolve("kiosk"), dir.resolve("printer"));
             VirtualPrinterPty pty = VirtualPrinterPty.attach(virtual, pair.printer);
             EscPosTicketPrinter clone = printer(PrinterTransport.serial(pair.kiosk.toString(), 115200)).build()) {

            assertThat(clone.print(SampleTickets.priority())).isEqualTo(new PrintResult.Printed(PrinterStatus.STATUS_UNSUPPORTED));
            assertThat(virtual.awaitTickets(1, WAIT).get(0).text()).contains("DD-007");
        }
    }
}
