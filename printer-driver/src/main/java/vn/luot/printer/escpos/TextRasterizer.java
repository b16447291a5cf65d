package vn.luot.printer.escpos;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one line of text into a 1-bit image for GS v 0. Anti-aliasing is off: thermal heads
 * print dots, and grey edges would only threshold unpredictably.
 *
 * <p>Centring is in the pixels: many clones ignore {@code ESC a} for raster images and would
 * print a text-wide image flush left. Each image starts at the paper's left edge and carries
 * the left margin as white dots, so it is printed left-aligned ({@code ESC a 0}) and comes out
 * centred whether the printer honours {@code ESC a} or not. The white right margin is not sent:
 * it would only be blank bytes (an 80 mm raster ticket is about 11 KB instead of 15 KB).
 */
public final class TextRasterizer {

    private static final int INVERSE_PAD = 12;

    private final BundledFonts fonts;
    // A scratch image only for FontMetrics; Graphics2D is not shared across threads.
    private final ThreadLocal<Graphics2D> measure;

    public TextRasterizer(BundledFonts fonts) {
        this.fonts = fonts;
        this.measure = ThreadLocal.withInitial(() -> configure(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY).createGraphics()));
    }

    public Font font(float sizePx, boolean bold) {
        return bold ? fonts.bold(sizePx) : fonts.regular(sizePx);
    }

    /** Replaces what the font has no glyph for, as the native strategies do. */
    public String displayable(String text, Font font) {
        return VietnameseText.fallback(text, cp -> cp >= 0x20 && font.canDisplay(cp));
    }

    public int width(String text, Font font) {
        return metrics(font).stringWidth(text);
    }

    /**
     * Splits {@code text} at spaces into lines no wider than {@code maxWidth}; a single word
     * that is still too wide is split between letters rather than cut off.
     */
    public List<String> wrap(String text, Font font, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(candidate, font) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(rest, font) > maxWidth) {
                int cut = rest.length() - 1;
                while (cut > 1 && width(rest.substring(0, cut), font) > maxWidth) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * One line, black on white (white on a black band around the text when {@code inverse}),
     * placed where it is centred on {@code paperWidth} dots; the image ends just after the ink.
     */
    public BufferedImage render(String text, Font font, boolean inverse, int paperWidth) {
        FontMetrics fm = metrics(font);
        // Centre the ink, not the advance: side bearings (the "!" at the end of a line) would shift it.
        java.awt.Rectangle ink = font.createGlyphVector(fm.getFontRenderContext(), text)
                .getPixelBounds(fm.getFontRenderContext(), 0, 0);
        int textWidth = ink.width > 0 ? ink.width : fm.stringWidth(text);
        int inkOffset = ink.width > 0 ? ink.x : 0;
        // Ascent of DejaVu covers the stacked marks of capitals such as "Ấ"; +2 keeps them off the edge.
        int height = fm.getAscent() + fm.getDescent() + 2;
        int band = inverse ? Math.min(paperWidth, textWidth + 2 * INVERSE_PAD) : textWidth;
        int bandLeft = Math.max(0, (paperWidth - band) / 2);
        int width = centredWidth(paperWidth, band);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = configure(image.createGraphics());
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            if (inverse) {
                g.setColor(Color.BLACK);
                g.fillRect(bandLeft, 0, band, height);
                g.setColor(Color.WHITE);
            } else {
                g.setColor(Color.BLACK);
            }
            g.setFont(font);
            g.drawString(text, Math.max(0, (paperWidth - textWidth) / 2) - inkOffset, fm.getAscent() + 1);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Width of an image that holds {@code inkWidth} dots centred on {@code paperWidth}: the left
     * margin plus the ink, rounded up to whole bytes as GS v 0 needs, never wider than the paper.
     */
    public static int centredWidth(int paperWidth, int inkWidth) {
        int left = Math.max(0, (paperWidth - inkWidth) / 2);
        return Math.min(paperWidth, (left + inkWidth + 7) / 8 * 8);
    }

    private FontMetrics metrics(Font font) {
        return measure.get().getFontMetrics(font);
    }

    private static Graphics2D configure(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        return g;
    }
}
