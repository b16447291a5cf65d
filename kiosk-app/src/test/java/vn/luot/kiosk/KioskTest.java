package vn.luot.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.sim.SocatPair;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TokenSigner;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.kiosk.flow.KioskState;
import vn.luot.kiosk.flow.Refusal;
import vn.luot.kiosk.flow.Screen;
import vn.luot.kiosk.scan.QrScanner;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * The whole kiosk from its config file, as {@code ./luot kiosk} builds it: real SQLite, the in-process
 * virtual printer, a serial scanner on a socat pty, and an upstream that never answers.
 */
@RequiresTools(Tool.SOCAT)
class KioskTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void withTheUpstreamUnreachableAllDayTheKioskSaysOfflineAndKeepsCheckingIn() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        // The keys were pulled yesterday while online; today the upstream is gone.
        Files.writeString(data.resolve("keys.json"), KioskRig.keys().toJson(), StandardCharsets.UTF_8);
        try (SocatPair cable = SocatPair.start(dir.resolve("scanner"), dir.resolve("scanner-peer"));
             KioskRig codes = new KioskRig(Files.createDirectories(dir.resolve("rig")), Runnable::run);
             Kiosk kiosk = Kiosk.start(KioskConfig.load(config(data, unusedPort(), cable.device())),
                     BranchTime.startingAt(LocalDateTime.parse("2026-11-23T08:40")))) {

            await(() -> !kiosk.flow().state().online() && kiosk.flow().state().offlineSince() != null);
            KioskState offline = kiosk.flow().state();
            assertThat(offline.offlineSince()).isBetween(LocalTime.of(8, 40), LocalTime.of(8, 41));

            await(() -> kiosk.scannerStatus() == QrScanner.Status.CONNECTED);
            cable.send(codes.qr(codes.booking("HT", 21, "09:00-09:30", false)) + "\r\n");
            await(() -> kiosk.flow().state().screen() instanceof Screen.TicketIssued);
            assertThat(((Screen.TicketIssued) kiosk.flow().state().screen()).ticket().label()).isEqualTo("HT-021");
            assertThat(kiosk.virtualPrinter().awaitTickets(1, WAIT).get(0).text()).contains("HT-021");
            try (Stream<Path> files = Files.list(data.resolve("tickets"))) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".png"));
            }
            assertThat(kiosk.queue().tickets()).hasSize(1);

            String unknownKey = new TokenSigner(9, SigningKeys.generate().getPrivate())
                    .sign(vn.luot.core.token.BookingToken.of(codes.booking("HT", 22, "09:00-09:30", false), 9,
                            java.time.Instant.parse("2026-11-24T00:00:00Z")));
            cable.send(unknownKey + "\r\n");
            await(() -> kiosk.flow().state().screen() instanceof Screen.Refused r && r.refusal() == Refusal.UNKNOWN_KEY);
            assertThat(kiosk.queue().tickets()).hasSize(1);
        }
    }

    @Test
    void aPrinterThatNeverAnswersStatusIsFoundAtStartReportedAsStatusUnsupportedAndStillPrints() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("keys.json"), KioskRig.keys().toJson(), StandardCharsets.UTF_8);
        VirtualPrinter clone = new VirtualPrinter(dir.resolve("paper"), 576, BundledFonts.load());
        clone.setAnswersStatus(false);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(clone, 0);
             SocatPair cable = SocatPair.start(dir.resolve("scanner"), dir.resolve("scanner-peer"));
             KioskRig codes = new KioskRig(Files.createDirectories(dir.resolve("rig")), Runnable::run);
             Kiosk kiosk = Kiosk.start(KioskConfig.load(realPrinterConfig(data, server.port(), cable.device())),
                     BranchTime.startingAt(LocalDateTime.parse("2026-11-23T08:40")))) {

            await(() -> clone.statusRequests() >= 6);
            assertThat(kiosk.printerStatus()).isEqualTo(PrinterStatus.STATUS_UNSUPPORTED);
            assertThat(clone.statusRequests()).as("asked three times at start, then never again").isEqualTo(6);

            await(() -> kiosk.scannerStatus() == QrScanner.Status.CONNECTED);
            cable.send(codes.qr(codes.booking("HT", 21, "09:00-09:30", false)) + "\r\n");
            await(() -> kiosk.flow().state().screen() instanceof Screen.TicketIssued);
            assertThat(clone.awaitTickets(1, WAIT).get(0).text()).contains("HT-021");
        }
    }

    private Path realPrinterConfig(Path data, int printerPort, Path scanner) throws IOException {
        Path file = config(data, unusedPort(), scanner);
        Files.writeString(file, Files.readString(file).replace("simulated = true",
                "simulated = false\ntransport = \"tcp:127.0.0.1:" + printerPort + "\""));
        return file;
    }

    private Path config(Path data, int port, Path scanner) throws IOException {
        Path file = dir.resolve("kiosk.toml");
        Files.writeString(file, """
                device_id = "kiosk-7"
                data_dir = "%s"
                orientation = "landscape"
                branch = "demo"
                [upstream]
                url = "http://127.0.0.1:%d"
                token = "t"
                [printer]
                simulated = true
                tickets_dir = "%s"
                profile = "xprinter-xp80"
                [scanner]
                kind = "serial"
                port = "%s"
                baud = 9600
                """.formatted(data, port, data.resolve("tickets"), scanner), StandardCharsets.UTF_8);
        return file;
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within " + WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
