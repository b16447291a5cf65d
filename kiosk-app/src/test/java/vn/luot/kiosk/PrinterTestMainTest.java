package vn.luot.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

class PrinterTestMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheTestPageToAVirtualPrinterDirectory() throws Exception {
        int code = PrinterTestMain.run(new String[] {"--virtual", dir.toString(), "--profile", "epson-tm-t88"}, out);

        assertThat(code).as(output()).isZero();
        assertThat(output()).contains("epson-tm-t88", "Đã in / printed", "ticket-0001.png");
        assertThat(Files.readString(dir.resolve("ticket-0001.txt"))).contains("epson-tm-t88", "Ữ", "ỵ");
    }

    @Test
    void printsToTheConfiguredPrinterOverItsTransportAndSaysWhenItNeverAnswersStatus() throws Exception {
        VirtualPrinter printer = new VirtualPrinter(dir.resolve("paper"), 576, BundledFonts.load());
        printer.setAnswersStatus(false);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(printer, 0)) {
            Path config = dir.resolve("kiosk.toml");
            Files.writeString(config, """
                    device_id = "kiosk-1"
                    data_dir = "%s"
                    branch = "demo"
                    [upstream]
                    url = "http://127.0.0.1:9"
                    token = "t"
                    [printer]
                    simulated = false
                    profile = "xprinter-xp80"
                    transport = "tcp:127.0.0.1:%d"
                    [scanner]
                    kind = "keyboard"
                    """.formatted(dir.resolve("data"), server.port()));

            int code = PrinterTestMain.run(new String[] {"--config", config.toString()}, out);

            assertThat(code).as(output()).isZero();
            assertThat(output()).contains("xprinter-xp80", "STATUS_UNSUPPORTED");
            assertThat(printer.awaitTickets(1, java.time.Duration.ofSeconds(5)).get(0).text())
                    .contains("xprinter-xp80", "|< trai / left");
        }
    }

    @Test
    void anUnknownOptionIsRefusedWithTheNearestKnownOne() throws Exception {
        assertThat(PrinterTestMain.run(new String[] {"--colour"}, out)).isEqualTo(2);
        assertThat(output()).contains("Unknown option: '--colour'", "--config");
    }
}
