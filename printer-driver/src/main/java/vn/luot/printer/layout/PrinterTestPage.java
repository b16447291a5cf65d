package vn.luot.printer.layout;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import vn.luot.printer.escpos.EscPosBuffer;
import vn.luot.printer.escpos.EscPosBuffer.Align;
import vn.luot.printer.layout.TicketLayout.TextStyle;
import vn.luot.printer.profile.PrinterProfile;

/**
 * The page an installer prints on a new printer ({@code luot printer-test}): the profile's name
 * and settings, alignment marks for text and for images, all 134 Vietnamese letters with marks
 * (67 lowercase, 67 uppercase) in the profile's Vietnamese strategy, and a QR code. Pure, like
 * {@link TicketLayout}.
 */
public final class PrinterTestPage {

    private static final String VOWELS = "aăâeêioôơuưy";
    // No mark, grave, hook above, tilde, acute, dot below.
    private static final String[] TONES = {"", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"};

    private PrinterTestPage() {
    }

    /** The 67 lowercase Vietnamese letters that are not ASCII, then their 67 capitals. */
    public static List<String> letters() {
        List<String> lower = new ArrayList<>();
        for (String line : letterLines(false)) {
            for (String letter : line.split(" ")) {
                if (letter.charAt(0) >= 0x80) {
                    lower.add(letter);
                }
            }
        }
        List<String> all = new ArrayList<>(lower);
        lower.forEach(l -> all.add(l.toUpperCase(java.util.Locale.ROOT)));
        return all;
    }

    /** One line per vowel with its five toned forms, and đ; capitals when {@code upper}. */
    static List<String> letterLines(boolean upper) {
        List<String> lines = new ArrayList<>();
        for (char vowel : VOWELS.toCharArray()) {
            List<String> forms = new ArrayList<>();
            for (String tone : TONES) {
                String letter = Normalizer.normalize(vowel + tone, Normalizer.Form.NFC);
                forms.add(upper ? letter.toUpperCase(java.util.Locale.ROOT) : letter);
            }
            lines.add(String.join(" ", forms));
        }
        lines.add(upper ? "D Đ" : "d đ");
        return lines;
    }

    /** The QR payload of the page, so a scan proves which profile printed it. */
    public static String qrText(PrinterProfile profile) {
        return "LUOT PRINTER TEST " + profile.id();
    }

    public static byte[] render(TicketLayout layout) {
        PrinterProfile p = layout.profile();
        EscPosBuffer out = layout.start();
        layout.text(out, "Lượt — trang thử máy in", TextStyle.SUBTITLE, false);
        layout.text(out, "Printer test page", TextStyle.NORMAL, false);
        ascii(out, Align.CENTER, p.id());
        layout.text(out, p.name(), TextStyle.NORMAL, false);
        ascii(out, Align.CENTER, p.paperWidthDots() + " dots, " + p.fontAColumns() + " columns, Vietnamese "
                + p.vietnamese().name().toLowerCase(java.util.Locale.ROOT));
        ascii(out, Align.CENTER, "ESC t pages: TCVN-3 " + page(p.tcvn3LowerPage()) + "/" + page(p.tcvn3UpperPage())
                + ", cp1258 " + page(p.cp1258Page()) + (p.cancelKanji() ? ", FS ." : ""));
        out.feedDots(12);

        // Text alignment: three native lines; a printer that ignores ESC a prints all three at the left.
        ascii(out, Align.LEFT, "|< trai / left");
        ascii(out, Align.CENTER, "giua / centre");
        ascii(out, Align.RIGHT, "phai / right >|");
        int columns = p.fontAColumns();
        ascii(out, Align.LEFT, "|" + "-".repeat(columns - 2) + "|");
        // Image width: bars at the left edge, the middle and the right edge of the printable width.
        out.align(Align.LEFT).raster(edgeMarks(p.paperWidthDots()));
        layout.text(out, "↑ ba vạch: trái, giữa, phải / three bars: left, middle, right", TextStyle.NORMAL, false);
        out.feedDots(12);

        for (String line : letterLines(false)) {
            layout.text(out, line, TextStyle.SUBTITLE, false);
        }
        for (String line : letterLines(true)) {
            layout.text(out, line, TextStyle.SUBTITLE, false);
        }
        out.feedDots(12);
        layout.qr(out, qrText(p));
        out.feedDots(8);
        layout.text(out, "Mọi chữ trên phải đủ dấu.", TextStyle.NORMAL, false);
        layout.text(out, "Every letter above must show its marks.", TextStyle.NORMAL, false);
        return layout.finish(out);
    }

    private static String page(int page) {
        return page < 0 ? "-" : String.valueOf(page);
    }

    private static void ascii(EscPosBuffer out, Align align, String text) {
        out.align(align).bold(false).size(1, 1).reverse(false);
        out.text(text.getBytes(StandardCharsets.US_ASCII)).lineFeed();
    }

    private static BufferedImage edgeMarks(int width) {
        BufferedImage image = new BufferedImage(width, 32, BufferedImage.TYPE_BYTE_BINARY);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, 32);
            g.setColor(java.awt.Color.BLACK);
            g.fillRect(0, 0, 4, 32);
            g.fillRect(width / 2 - 2, 0, 4, 32);
            g.fillRect(width - 4, 0, 4, 32);
            g.fillRect(0, 30, width, 2);
        } finally {
            g.dispose();
        }
        return image;
    }
}
