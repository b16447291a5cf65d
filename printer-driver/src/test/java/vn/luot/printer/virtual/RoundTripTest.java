package vn.luot.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.escpos.Cp1258Text;
import vn.luot.printer.escpos.NativeText;
import vn.luot.printer.escpos.Tcvn3Text;
import vn.luot.printer.escpos.VietnameseText;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.layout.TicketWording;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.profile.PrinterProfiles;

/** Layout → virtual printer → files: what the paper says is what the ticket says. */
class RoundTripTest {

    private static final BundledFonts FONTS = BundledFonts.load();

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "epson-tm-t20, regular", "epson-tm-t20, priority", "epson-tm-t20, long",
        "epson-tm-t20+cp1258, regular", "epson-tm-t20+cp1258, priority", "epson-tm-t20+cp1258, long",
        "epson-tm-t88, regular", "epson-tm-t88, priority", "epson-tm-t88, long"})
    void decodedTextOfANativeTicketEqualsTheTicketWithAllDiacritics(String profileId, String which) throws Exception {
        PrinterProfile profile = SampleTickets.profile(profileId);
        TicketSlip slip = sample(which);
        PrintedTicket ticket = print(profile, slip);

        String txt = Files.readString(ticket.txt(), StandardCharsets.UTF_8);
        String printedText = txt.lines()
                .filter(l -> !l.startsWith("[QR]") && !l.startsWith("---"))
                .collect(Collectors.joining(" "));
        NativeText encoder = profile.vietnamese() == vn.luot.printer.profile.VietnameseStrategy.TCVN3
                ? new Tcvn3Text(30, 31) : new Cp1258Text(52);
        String expected = TicketWording.lines(slip).stream()
                .map(l -> VietnameseText.fallback(l, cp -> encoder.canEncode(new String(Character.toChars(cp)))))
                .collect(Collectors.joining(" "));
        assertThat(squash(printedText)).isEqualTo(squash(expected));
        assertThat(printedText).contains("Quầy", "Vui lòng chờ gọi số. Xin cảm ơn!");
        assertThat(txt.lines().filter(l -> !l.startsWith("[QR]")))
                .as("no native line runs off the paper").allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(profile.fontAColumns()));
        assertThat(txt).contains("[QR] " + slip.qrText());
        assertThat(ticket.unprintable()).as("bytes a real page leaves blank").isEmpty();
    }

    @Test
    void priorityTicketSaysSoUuTienWithEveryMark() throws Exception {
        PrintedTicket ticket = print(PrinterProfiles.builtIn("epson-tm-t20"), SampleTickets.priority());
        assertThat(ticket.text()).contains("SỐ ƯU TIÊN", "Đất đai", "Nhận kết quả", "Quầy 7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"generic-80mm", "generic-58mm", "epson-tm-t20", "epson-tm-t88", "xprinter-xp58", "zjiang-pos5890"})
    void thePictureOfTheTicketCarriesAReadableQrAndTheNumber(String profileId) throws Exception {
        PrinterProfile profile = PrinterProfiles.builtIn(profileId);
        TicketSlip slip = SampleTickets.regular();
        PrintedTicket ticket = print(profile, slip);
        BufferedImage png = ImageIO.read(ticket.png().toFile());

        assertThat(png.getWidth()).isEqualTo(profile.paperWidthDots());
        assertThat(decodeQr(png)).isEqualTo(slip.qrText());
        BufferedImage number = numberAlone(profile, slip.label());
        assertThat(contains(png, number)).as("the number drawn at full size").isTrue();
        assertThat(number.getWidth()).as("the number spans most of the paper").isGreaterThan(profile.paperWidthDots() * 3 / 5);
        assertThat(number.getHeight()).as("the number is huge").isGreaterThan(3 * 24);
    }

    @Test
    void rasterLinesAreNotedInTheTextAndNativeLinesAreDecoded() throws Exception {
        PrintedTicket ticket = print(PrinterProfiles.builtIn("generic-80mm"), SampleTickets.regular());
        assertThat(ticket.text()).contains("HT-012", "23/11/2026 09:36", "Civil status - Submit dossier", "[raster ");
        assertThat(Files.readAllBytes(ticket.bin()))
                .isEqualTo(new TicketLayout(PrinterProfiles.builtIn("generic-80mm"), FONTS).render(SampleTickets.regular()));
    }

    private PrintedTicket print(PrinterProfile profile, TicketSlip slip) throws Exception {
        VirtualPrinter printer = new VirtualPrinter(out.resolve(profile.id()), profile.paperWidthDots(), FONTS);
        byte[] bytes = new TicketLayout(profile, FONTS).render(slip);
        printer.serve(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
        List<PrintedTicket> tickets = printer.awaitTickets(1, Duration.ofSeconds(2));
        return tickets.get(tickets.size() - 1);
    }

    /** The label printed alone the way the layout prints it, cropped to its ink. */
    private BufferedImage numberAlone(PrinterProfile profile, String label) throws Exception {
        int size = Math.min(7, profile.paperWidthDots() / 12 / label.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0x1b, '@', 0x1b, 'a', 1, 0x1b, 'E', 1, 0x1d, '!', (byte) ((size - 1) << 4 | (size - 1))});
        bytes.write(label.getBytes(StandardCharsets.US_ASCII));
        bytes.write(new byte[] {0x0a, 0x1d, 'V', 66, 0});
        VirtualPrinter alone = new VirtualPrinter(out.resolve("alone-" + profile.id()), profile.paperWidthDots(), FONTS);
        alone.serve(new ByteArrayInputStream(bytes.toByteArray()), new ByteArrayOutputStream());
        BufferedImage image = ImageIO.read(alone.awaitTickets(1, Duration.ofSeconds(2)).get(0).png().toFile());
        return cropToInk(image);
    }

    private static String decodeQr(BufferedImage image) throws NotFoundException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new ImageLuminance(image)));
        return new MultiFormatReader().decode(bitmap).getText();
    }

    private static BufferedImage cropToInk(BufferedImage image) {
        int minX = image.getWidth(), minY = image.getHeight(), maxX = -1, maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xff) < 128) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return image.getSubimage(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** Exact sub-image search; mismatches are found at the first few pixels, so it stays fast. */
    private static boolean contains(BufferedImage big, BufferedImage small) {
        for (int y = 0; y <= big.getHeight() - small.getHeight(); y++) {
            next:
            for (int x = 0; x <= big.getWidth() - small.getWidth(); x++) {
                for (int sy = 0; sy < small.getHeight(); sy++) {
                    for (int sx = 0; sx < small.getWidth(); sx++) {
                        if (big.getRGB(x + sx, y + sy) != small.getRGB(sx, sy)) {
                            continue next;
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static TicketSlip sample(String which) {
        return switch (which) {
            case "regular" -> SampleTickets.regular();
            case "priority" -> SampleTickets.priority();
            default -> SampleTickets.longBranchName();
        };
    }
}
