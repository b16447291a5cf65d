package vn.luot.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.profile.PrinterProfile;

/**
 * Raster lines stay centred on a printer that ignores ESC a for images: the ticket is decoded by
 * the virtual printer in that mode, and the ink of every image line is measured on its picture.
 */
class ImageCentringTest {

    private static final BundledFonts FONTS = BundledFonts.load();
    private static final int TOLERANCE_DOTS = 4;

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"generic-80mm, regular", "generic-80mm, priority", "generic-58mm, regular", "epson-tm-t82, regular",
        "xprinter-xp80, long"})
    void everyImageLineIsCentredInItsPixelsWhenTheCloneIgnoresEscA(String profileId, String which) throws Exception {
        PrinterProfile profile = SampleTickets.profile(profileId);
        TicketSlip slip = switch (which) {
            case "regular" -> SampleTickets.regular();
            case "priority" -> SampleTickets.priority();
            default -> SampleTickets.longBranchName();
        };
        VirtualPrinter clone = new VirtualPrinter(out, profile.paperWidthDots(), FONTS);
        clone.setIgnoresImageAlignment(true);
        clone.serve(new ByteArrayInputStream(new TicketLayout(profile, FONTS).render(slip)), new ByteArrayOutputStream());
        BufferedImage paper = ImageIO.read(clone.awaitTickets(1, Duration.ofSeconds(2)).get(0).png().toFile());

        List<int[]> bands = lines(inkBands(paper));
        assertThat(bands).as("lines of ink on the ticket").hasSizeGreaterThan(5);
        for (int[] band : bands) {
            if (band[1] - band[0] > 3 * 24) {
                continue; // the number: native text at 7 × 7, which ESC a centres on every printer
            }
            int left = band[2];
            int right = paper.getWidth() - 1 - band[3];
            assertThat(Math.abs(left - right)).as("rows %d-%d: left margin %d, right margin %d", band[0], band[1], left, right)
                    .isLessThanOrEqualTo(TOLERANCE_DOTS);
        }
    }

    @Test
    void theVirtualPrinterReallyPrintsATextWideImageFlushLeftWhenItIgnoresEscA() throws Exception {
        BufferedImage bar = new BufferedImage(96, 24, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 96; x++) {
                bar.setRGB(x, y, 0xff000000);
            }
        }
        byte[] bytes = new vn.luot.printer.escpos.EscPosBuffer().initialize()
                .align(vn.luot.printer.escpos.EscPosBuffer.Align.CENTER).raster(bar).cut().toByteArray();
        VirtualPrinter clone = new VirtualPrinter(out, 576, FONTS);
        clone.setIgnoresImageAlignment(true);
        clone.serve(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
        BufferedImage paper = ImageIO.read(clone.awaitTickets(1, Duration.ofSeconds(2)).get(0).png().toFile());

        int[] band = inkBands(paper).get(0);
        assertThat(band[2]).as("left margin").isZero();
        assertThat(paper.getWidth() - 1 - band[3]).as("right margin").isEqualTo(576 - 96);
    }

    /** Bands a few rows apart are one line: a tone mark floats above its letter, a dot sits below. */
    static List<int[]> lines(List<int[]> bands) {
        List<int[]> lines = new ArrayList<>();
        for (int[] band : bands) {
            int[] last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (last != null && band[0] - last[1] <= 4) {
                last[1] = band[1];
                last[2] = Math.min(last[2], band[2]);
                last[3] = Math.max(last[3], band[3]);
            } else {
                lines.add(band.clone());
            }
        }
        return lines;
    }

    /** Runs of rows with ink: {firstRow, lastRow, leftmost ink column, rightmost ink column}. */
    static List<int[]> inkBands(BufferedImage image) {
        List<int[]> bands = new ArrayList<>();
        int[] current = null;
        for (int y = 0; y < image.getHeight(); y++) {
            int first = -1;
            int last = -1;
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xff) < 128) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                }
            }
            if (first < 0) {
                current = null;
                continue;
            }
            if (current == null) {
                current = new int[] {y, y, first, last};
                bands.add(current);
            } else {
                current[1] = y;
                current[2] = Math.min(current[2], first);
                current[3] = Math.max(current[3], last);
            }
        }
        return bands;
    }
}
