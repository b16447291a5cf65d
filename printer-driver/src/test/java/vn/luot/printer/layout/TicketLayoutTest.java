package vn.luot.printer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.profile.PrinterProfiles;

class TicketLayoutTest {

    private static final BundledFonts FONTS = BundledFonts.load();

    private static TicketLayout layout(String profile) {
        return new TicketLayout(PrinterProfiles.builtIn(profile), FONTS);
    }

    @Test
    void rasterTicketAt80mmStaysUnder16KilobytesWithItsLeftMarginsInThePixels() {
        // 14 KB until issue 18 §3: the QR's Vietnamese caption is one more raster line (about 1.5 KB)
        assertThat(layout("generic-80mm").render(SampleTickets.regular()).length).isLessThanOrEqualTo(16 * 1024);
        // the priority sample also says the lunch break is on: one bold sentence more, wrapped on two lines
        assertThat(layout("generic-80mm").render(SampleTickets.priority()).length).isLessThanOrEqualTo(19 * 1024);
    }

    @Test
    void tcvn3TicketStaysUnder700Bytes() {
        assertThat(layout("epson-tm-t20").render(SampleTickets.regular()).length).isLessThanOrEqualTo(700);
        assertThat(layout("epson-tm-t20").render(SampleTickets.priority()).length).isLessThanOrEqualTo(700);
    }

    @Test
    void cp1258TicketStaysUnderOneAndAHalfKilobytes() {
        assertThat(new TicketLayout(SampleTickets.profile("epson-tm-t20+cp1258"), BundledFonts.load()).render(SampleTickets.regular()).length).isLessThanOrEqualTo(1536);
    }

    @Test
    void clonesGetFsDotRightAfterEscAtAndEpsonsDoNot() {
        byte[] clone = layout("xprinter-xp80").render(SampleTickets.regular());
        byte[] epson = layout("epson-tm-t20").render(SampleTickets.regular());
        assertThat(java.util.Arrays.copyOf(clone, 4)).containsExactly(0x1b, '@', 0x1c, '.');
        assertThat(indexOf(epson, new byte[] {0x1c, '.'})).isNegative();
    }

    @Test
    void rasterImagesGoOutLeftAlignedWithTheirMarginInThePixels() {
        byte[] bytes = layout("generic-80mm").render(SampleTickets.regular());
        int image = indexOf(bytes, new byte[] {0x1d, 'v', '0'});
        assertThat(image).isPositive();
        // escpos-coffee's wrapper repeats our ESC a 0 as ESC a '0' right before GS v 0.
        assertThat(java.util.Arrays.copyOfRange(bytes, image - 3, image)).containsExactly(0x1b, 'a', '0');
        int widthBytes = (bytes[image + 4] & 0xff) | (bytes[image + 5] & 0xff) << 8;
        assertThat(widthBytes * 8).as("the branch line's image reaches past the centre of the paper").isGreaterThan(576 / 2);
    }

    @Test
    void theNumberIsSentAsLargeNativeTextEvenOnRasterProfiles() {
        byte[] bytes = layout("generic-80mm").render(SampleTickets.regular());
        // GS ! 0x66 = 7 × 7, then the label itself.
        assertThat(indexOf(bytes, new byte[] {0x1d, '!', 0x66, 'H', 'T', '-', '0', '1', '2', 0x0a})).isPositive();
    }

    @Test
    void aLabelTooLongForTheLargeSizeShrinksAndWrapsButIsNeverTruncated() {
        TicketSlip slip = withLabel(SampleTickets.regular(), "HT-2026-11-23-000000012345678901234567890");
        for (String profile : new String[] {"generic-58mm", "epson-tm-t20"}) {
            String ascii = new String(layout(profile).render(slip), StandardCharsets.ISO_8859_1);
            String label = slip.label();
            int firstPart = ascii.indexOf(label.substring(0, 20));
            assertThat(firstPart).as(profile).isPositive();
            assertThat(ascii.replace("\n", "")).as(profile).contains(label);
        }
    }

    @Test
    void nativeTextWrapsAtSpacesAndSplitsOnlyWordsLongerThanALine() {
        String name = SampleTickets.longBranchName().branchName();
        var lines = TicketLayout.NativeWrap.wrap(name, 32);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(32));
        assertThat(String.join(" ", lines)).isEqualTo(name);
        assertThat(TicketLayout.NativeWrap.wrap("A" + "B".repeat(40), 16)).containsExactly(
                "AB" + "B".repeat(14), "B".repeat(16), "B".repeat(9));
    }

    @Test
    void aVeryLongTicketStillRendersOnEveryProfile() {
        for (String profile : PrinterProfiles.BUILT_IN) {
            assertThat(layout(profile).render(SampleTickets.longBranchName())).as(profile).isNotEmpty();
        }
    }

    @Test
    void sameSlipGivesTheSameBytes() {
        TicketLayout l = layout("generic-80mm");
        assertThat(l.render(SampleTickets.priority())).isEqualTo(l.render(SampleTickets.priority()));
    }

    @Test
    void ticketWordingReadsAsTheBranchWritesIt() {
        TicketSlip slip = SampleTickets.regular();
        assertThat(TicketWording.counters(slip)).isEqualTo("Quầy 3, 5");
        assertThat(TicketWording.lines(slip)).contains("Còn 4 người trước bạn — khoảng 15–25 phút");
        assertThat(TicketWording.lines(SampleTickets.priority()))
                .containsSubsequence("Bạn là người tiếp theo", "Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
        assertThat(TicketWording.issued(slip)).isEqualTo("23/11/2026 09:36");
    }

    static TicketSlip withLabel(TicketSlip s, String label) {
        return new TicketSlip(s.branchName(), s.fieldCode(), s.fieldName(), s.purpose(), label, s.priority(), s.counters(),
                s.waitLines(), s.issuedAt(), s.qrText(), s.footerLines(), s.englishSubtitle());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
