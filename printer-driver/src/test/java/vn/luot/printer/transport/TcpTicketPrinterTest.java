package vn.luot.printer.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.printer.EscPosTicketPrinter;
import vn.luot.printer.PrintResult;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketPrinter;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

class TcpTicketPrinterTest {

    private static final BundledFonts FONTS = BundledFonts.load();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path out;
    private VirtualPrinter virtualPrinter;
    private VirtualPrinterServer server;
    private TicketPrinter printer;

    @BeforeEach
    void startVirtualPrinter() throws Exception {
        virtualPrinter = new VirtualPrinter(out, 576, FONTS);
        server = startBelowEphemeralPorts(virtualPrinter);
        printer = printerOn(server.port(), Duration.ofMillis(500));
    }

    @AfterEach
    void stop() throws Exception {
        printer.close();
        server.close();
    }

    /**
     * A port outside the kernel's ephemeral range: while the server is "unplugged", a client
     * connecting to an ephemeral port on loopback can connect to itself and take the port.
     */
    private static VirtualPrinterServer startBelowEphemeralPorts(VirtualPrinter printer) throws java.io.IOException {
        java.util.Random random = new java.util.Random();
        java.io.IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return VirtualPrinterServer.startOnLoopback(printer, 20000 + random.nextInt(10000));
            } catch (java.io.IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static TicketPrinter printerOn(int port, Duration statusTimeout) {
        return EscPosTicketPrinter.builder()
                .profile(PrinterProfiles.builtIn("epson-tm-t20"))
                .transport(PrinterTransport.tcp("127.0.0.1", port))
                .statusTimeout(statusTimeout)
                .fonts(FONTS)
                .build();
    }

    @Test
    void printsATicketAndReportsReady() throws Exception {
        PrintResult result = printer.print(SampleTickets.regular());

        assertThat(result).isEqualTo(new PrintResult.Printed(PrinterStatus.READY));
        assertThat(virtualPrinter.awaitTickets(1, WAIT).get(0).text()).contains("Hộ tịch", "HT-012", "Quầy 3, 5");
    }

    @Test
    void paperOutBeforeTheTicketIsReportedAndNothingIsSent() throws Exception {
        virtualPrinter.setPaperOut(true);

        PrintResult result = printer.print(SampleTickets.regular());

        assertThat(result).isInstanceOf(PrintResult.Failed.class);
        assertThat(result.status()).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThat(((PrintResult.Failed) result).partlySent()).isFalse();
        assertThat(virtualPrinter.tickets()).isEmpty();
        assertThat(virtualPrinter.lostTickets()).isZero();
    }

    @Test
    void paperRunningOutInTheMiddleOfATicketIsNotReportedAsPrinted() throws Exception {
        virtualPrinter.runOutOfPaperAfter(200);

        PrintResult result = printer.print(SampleTickets.regular());

        assertThat(result.printed()).isFalse();
        assertThat(result.status()).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThat(((PrintResult.Failed) result).partlySent()).isTrue();
        assertThat(virtualPrinter.awaitLost(1, WAIT)).isEqualTo(1);
        assertThat(virtualPrinter.tickets()).isEmpty();

        virtualPrinter.loadPaper();
        assertThat(printer.print(SampleTickets.regular()).printed()).isTrue();
        assertThat(virtualPrinter.awaitTickets(1, WAIT)).hasSize(1);
    }

    @Test
    void coverOpenStopsTheTicket() {
        virtualPrinter.setCoverOpen(true);

        assertThat(printer.status()).isEqualTo(PrinterStatus.COVER_OPEN);
        assertThat(printer.print(SampleTickets.priority()).status()).isEqualTo(PrinterStatus.COVER_OPEN);
        assertThat(virtualPrinter.tickets()).isEmpty();
    }

    @Test
    void paperNearEndStillPrintsAndSaysSo() {
        virtualPrinter.setPaperNearEnd(true);

        assertThat(printer.print(SampleTickets.regular())).isEqualTo(new PrintResult.Printed(PrinterStatus.PAPER_NEAR_END));
    }

    @Test
    void printerUnpluggedAndPluggedBackIsPickedUpAgain() throws Exception {
        assertThat(printer.print(SampleTickets.regular()).printed()).isTrue();
        int port = server.port();

        server.close();
        PrintResult whileUnplugged = printer.print(SampleTickets.regular());
        assertThat(whileUnplugged.status()).isEqualTo(PrinterStatus.OFFLINE);
        assertThat(whileUnplugged.printed()).isFalse();

        server = replugOn(port);
        assertThat(printer.print(SampleTickets.priority()).printed()).isTrue();
        assertThat(virtualPrinter.awaitTickets(2, WAIT).get(1).text()).contains("SỐ ƯU TIÊN");
    }

    /**
     * The printer comes back on the same port. On a busy machine the kernel can hold the port for a
     * moment after the close; a real printer also takes its time, so keep trying for a few seconds.
     */
    private VirtualPrinterServer replugOn(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return VirtualPrinterServer.startOnLoopback(virtualPrinter, port);
            } catch (java.net.BindException e) {
                if (System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                    continue;
                }
                Process ss = new ProcessBuilder("ss", "-tanpo").redirectErrorStream(true).start();
                String sockets = new String(ss.getInputStream().readAllBytes());
                throw new AssertionError("port " + port + " still busy after 5 s:\n" + sockets.lines()
                        .filter(l -> l.contains(":" + port)).collect(java.util.stream.Collectors.joining("\n")), e);
            }
        }
    }

    @Test
    void nothingListeningIsOffline() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        try (TicketPrinter nowhere = printerOn(freePort, Duration.ofMillis(300))) {
            assertThat(nowhere.status()).isEqualTo(PrinterStatus.OFFLINE);
            PrintResult result = nowhere.print(SampleTickets.regular());
            assertThat(result).isEqualTo(new PrintResult.Failed(PrinterStatus.OFFLINE, false,
                    ((PrintResult.Failed) result).reason()));
        }
    }

    @Test
    void aPrinterThatNeverAnswersIsPrintedToWithoutStatusInsteadOfHanging() throws Exception {
        try (FakePrinterServer silent = new FakePrinterServer(n -> new byte[0]);
             TicketPrinter mute = printerOn(silent.port(), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            PrintResult result = mute.print(SampleTickets.regular());
            assertThat(result).isEqualTo(new PrintResult.Printed(PrinterStatus.STATUS_UNSUPPORTED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aPrinterThatAnswersGarbageIsAnErrorNotReady() throws Exception {
        try (FakePrinterServer noisy = new FakePrinterServer(n -> new byte[] {(byte) 0xff});
             TicketPrinter confused = printerOn(noisy.port(), Duration.ofMillis(300))) {
            assertThat(confused.status()).isEqualTo(PrinterStatus.ERROR);
            assertThat(confused.print(SampleTickets.regular()).printed()).isFalse();
        }
    }
}
