package vn.luot.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.profile.PrinterProfile;

/**
 * The QR on a printed ticket, read back by an independent decoder: zbarimg (Debian zbar-tools)
 * on the virtual printer's picture of the paper. Native GS ( k codes and image QR codes both.
 */
class QrReadBackTest {

    private static final BundledFonts FONTS = BundledFonts.load();

    @TempDir
    Path out;

    @BeforeAll
    static void zbarimgIsInstalled() {
        boolean present = zbarimgPresent();
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("zbarimg is missing on CI: install the Debian package zbar-tools");
        }
        Assumptions.assumeTrue(present, "zbarimg not installed (apt-get install zbar-tools): QR read-back skipped");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"generic-80mm, regular", "generic-80mm, priority", "generic-58mm, regular", "epson-tm-t20, priority",
        "epson-tm-t88, regular", "epson-tm-t82, regular", "zjiang-pos5890, long"})
    void zbarimgReadsTheTicketsQrBackAsItsPayload(String profileId, String which) throws Exception {
        PrinterProfile profile = SampleTickets.profile(profileId);
        TicketSlip slip = switch (which) {
            case "regular" -> SampleTickets.regular();
            case "priority" -> SampleTickets.priority();
            default -> SampleTickets.longBranchName();
        };
        VirtualPrinter printer = new VirtualPrinter(out, profile.paperWidthDots(), FONTS);
        printer.setIgnoresImageAlignment(true);
        printer.serve(new ByteArrayInputStream(new TicketLayout(profile, FONTS).render(slip)), new ByteArrayOutputStream());
        Path png = printer.awaitTickets(1, Duration.ofSeconds(2)).get(0).png();

        assertThat(zbarimg(png)).isEqualTo(slip.qrText());
    }

    static String zbarimg(Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png.toString())
                // stderr carries a summary and, in containers, ImageMagick's D-Bus complaints: payload only.
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("zbarimg finished").isTrue();
        assertThat(p.exitValue()).as("zbarimg found a code in %s: %s", png, output).isZero();
        return output.strip();
    }

    static boolean zbarimgPresent() {
        try {
            Process p = new ProcessBuilder("zbarimg", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
