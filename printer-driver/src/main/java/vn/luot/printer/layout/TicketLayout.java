package vn.luot.printer.layout;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.escpos.Cp1258Text;
import vn.luot.printer.escpos.EscPosBuffer;
import vn.luot.printer.escpos.EscPosBuffer.Align;
import vn.luot.printer.escpos.NativeText;
import vn.luot.printer.escpos.Tcvn3Text;
import vn.luot.printer.escpos.TextRasterizer;
import vn.luot.printer.escpos.VietnameseText;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.profile.VietnameseStrategy;

/**
 * Ticket values in, ESC/POS bytes out, for one printer profile. Pure: no I/O, no clock, the
 * same slip always gives the same bytes. Safe for concurrent use.
 *
 * <p>With the raster strategy only lines that contain Vietnamese letters become images; the
 * number, the date and the QR stay native, which keeps an 80 mm ticket under 16 KB.
 */
public final class TicketLayout {

    /**
     * Character sizes, as GS ! multipliers and as the raster font size. Native text has only
     * whole multiples of 12 × 24 dots, and 1 × 2 looks squeezed, so SUBTITLE stays 1 × 1 there.
     */
    enum TextStyle {
        NORMAL(1, 1, 22f, false),
        NORMAL_BOLD(1, 1, 22f, true),
        SUBTITLE(1, 1, 30f, true),
        EMPHASIS(2, 2, 30f, true),
        TITLE(2, 2, 38f, true);

        final int width;
        final int height;
        final float rasterPx;
        final boolean bold;

        TextStyle(int width, int height, float rasterPx, boolean bold) {
            this.width = width;
            this.height = height;
            this.rasterPx = rasterPx;
            this.bold = bold;
        }
    }

    private static final int MAX_NUMBER_SIZE = 7;
    private static final int FONT_A_WIDTH = 12;

    private final PrinterProfile profile;
    private final TextRasterizer rasterizer;
    private final NativeText nativeText;

    public TicketLayout(PrinterProfile profile, BundledFonts fonts) {
        this.profile = profile;
        this.rasterizer = new TextRasterizer(fonts);
        this.nativeText = switch (profile.vietnamese()) {
            case RASTER -> NativeText.ascii();
            case TCVN3 -> new Tcvn3Text(profile.tcvn3LowerPage(), profile.tcvn3UpperPage());
            case CP1258 -> new Cp1258Text(profile.cp1258Page());
        };
    }

    public PrinterProfile profile() {
        return profile;
    }

    public byte[] render(TicketSlip slip) {
        EscPosBuffer out = start();
        text(out, slip.branchName(), TextStyle.NORMAL_BOLD, false);
        rule(out);
        text(out, slip.fieldName(), TextStyle.TITLE, false);
        text(out, slip.purpose(), TextStyle.SUBTITLE, false);
        if (slip.englishSubtitle() != null && !slip.englishSubtitle().isBlank()) {
            text(out, slip.englishSubtitle(), TextStyle.NORMAL, false);
        }
        out.feedDots(12);
        number(out, slip.label());
        if (slip.priority()) {
            out.feedDots(8);
            text(out, TicketWording.PRIORITY_MARKER, TextStyle.TITLE, true);
        }
        out.feedDots(12);
        String counters = TicketWording.counters(slip);
        if (!counters.isEmpty()) {
            text(out, counters, TextStyle.EMPHASIS, false);
        }
        // the wait first, then in bold what changes it (the lunch break now, closing before the citizen's turn)
        for (int i = 0; i < slip.waitLines().size(); i++) {
            text(out, slip.waitLines().get(i), i == 0 ? TextStyle.NORMAL : TextStyle.NORMAL_BOLD, false);
        }
        text(out, TicketWording.issued(slip), TextStyle.NORMAL, false);
        if (!slip.qrText().isEmpty()) {
            out.feedDots(8);
            qr(out, slip.qrText());
            out.feedDots(6);
            text(out, TicketWording.QR_CAPTION_VI, TextStyle.NORMAL_BOLD, false);
            text(out, TicketWording.QR_CAPTION_EN, TextStyle.NORMAL, false);
        }
        out.feedDots(8);
        for (String footer : slip.footerLines()) {
            text(out, footer, TextStyle.NORMAL, false);
        }
        return finish(out);
    }

    /** Cuts, or feeds the ticket out for tearing where the printer has no cutter. */
    byte[] finish(EscPosBuffer out) {
        if (profile.cutter()) {
            out.feedLines(3).cut();
        } else {
            out.feedLines(4);
        }
        return out.toByteArray();
    }

    TextRasterizer rasterizer() {
        return rasterizer;
    }

    /** ESC @, and FS . on printers whose firmware starts in Chinese mode. */
    EscPosBuffer start() {
        EscPosBuffer out = new EscPosBuffer().initialize();
        if (profile.cancelKanji()) {
            out.cancelKanji();
        }
        return out;
    }

    void text(EscPosBuffer out, String text, TextStyle style, boolean inverse) {
        if (text.isBlank()) {
            return;
        }
        boolean asImage = profile.vietnamese() == VietnameseStrategy.RASTER && !VietnameseText.isPrintableAscii(text);
        if (asImage) {
            rasterText(out, text, style, inverse);
        } else {
            nativeTextLines(out, text, style, inverse);
        }
    }

    private void nativeTextLines(EscPosBuffer out, String text, TextStyle style, boolean inverse) {
        int columns = profile.paperWidthDots() / (FONT_A_WIDTH * style.width);
        String shown = inverse ? " " + text + " " : text;
        out.align(Align.CENTER).bold(style.bold).size(style.width, style.height).reverse(inverse);
        for (String line : NativeWrap.wrap(shown, columns)) {
            nativeText.write(line, out);
            out.lineFeed();
        }
        out.reverse(false);
    }

    private void rasterText(EscPosBuffer out, String text, TextStyle style, boolean inverse) {
        Font font = rasterizer.font(style.rasterPx, style.bold);
        String shown = rasterizer.displayable(text, font);
        int maxWidth = profile.paperWidthDots();
        for (String line : rasterizer.wrap(shown, font, inverse ? maxWidth - 24 : maxWidth)) {
            BufferedImage image = rasterizer.render(line, font, inverse, maxWidth);
            out.align(Align.LEFT).raster(image);
        }
    }

    /** The number, as large as the paper allows; a long label shrinks, then wraps, never truncates. */
    private void number(EscPosBuffer out, String label) {
        String ascii = VietnameseText.fallback(label, cp -> cp >= 0x20 && cp < 0x7f).trim();
        int columnsAtOne = profile.paperWidthDots() / FONT_A_WIDTH;
        int size = Math.max(1, Math.min(MAX_NUMBER_SIZE, columnsAtOne / Math.max(1, ascii.length())));
        out.align(Align.CENTER).bold(true).size(size, size);
        for (String line : NativeWrap.wrap(ascii, columnsAtOne / size)) {
            nativeText.write(line, out);
            out.lineFeed();
        }
        out.size(1, 1).bold(false);
    }

    void qr(EscPosBuffer out, String data) {
        int module = profile.paperWidthDots() >= 576 ? 6 : 5;
        if (profile.nativeQr()) {
            out.align(Align.CENTER).qr(data, module);
            return;
        }
        out.align(Align.LEFT).raster(qrImage(data, module));
    }

    /** The QR with its left margin in the image (see {@link TextRasterizer}): centred even where ESC a is ignored. */
    private BufferedImage qrImage(String data, int module) {
        try {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            hints.put(EncodeHintType.MARGIN, 0);
            hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
            BitMatrix m = new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, 0, 0, hints);
            int quiet = 2 * module;
            int size = m.getWidth() * module + 2 * quiet;
            int width = TextRasterizer.centredWidth(profile.paperWidthDots(), size);
            int left = Math.max(0, (profile.paperWidthDots() - size) / 2);
            BufferedImage image = new BufferedImage(width, size, BufferedImage.TYPE_BYTE_BINARY);
            java.awt.Graphics2D g = image.createGraphics();
            try {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, width, size);
                g.setColor(java.awt.Color.BLACK);
                for (int y = 0; y < m.getHeight(); y++) {
                    for (int x = 0; x < m.getWidth(); x++) {
                        if (m.get(x, y)) {
                            g.fillRect(left + quiet + x * module, quiet + y * module, module, module);
                        }
                    }
                }
            } finally {
                g.dispose();
            }
            return image;
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR text too long for a ticket: " + data.length() + " characters", e);
        }
    }

    private static void rule(EscPosBuffer out) {
        // Centred text: ESC a is honoured for text by every printer we know of; only images need their margin.
        out.align(Align.CENTER).bold(false).size(1, 1);
        out.text("--------------------------------".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.lineFeed();
    }

    /** Word wrap by character count for native text. */
    static final class NativeWrap {
        private NativeWrap() {
        }

        static List<String> wrap(String text, int columns) {
            List<String> lines = new java.util.ArrayList<>();
            StringBuilder line = new StringBuilder();
            String normalized = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
            boolean leading = normalized.startsWith(" ");
            boolean trailing = normalized.endsWith(" ") && normalized.length() > 1;
            for (String word : normalized.trim().split("\\s+")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (candidate.length() <= columns) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (rest.length() > columns) {
                    lines.add(rest.substring(0, columns));
                    rest = rest.substring(columns);
                }
                line.append(rest);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
            if (lines.size() == 1 && (leading || trailing)) {
                // Keep the padding of a reversed marker when it fits, so the black band frames the text.
                String padded = (leading ? " " : "") + lines.get(0) + (trailing ? " " : "");
                if (padded.length() <= columns) {
                    lines.set(0, padded);
                }
            }
            return lines;
        }
    }
}
