package vn.luot.printer.virtual;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vn.luot.printer.escpos.BundledFonts;

/** Draws what a thermal printer would put on paper: white roll, black dots. */
final class PaperRenderer {

    private static final int MARGIN = 16;

    private final BundledFonts fonts;
    private final int paperWidth;
    private final Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).createGraphics();

    PaperRenderer(BundledFonts fonts, int paperWidth) {
        this.fonts = fonts;
        this.paperWidth = paperWidth;
    }

    BufferedImage render(List<PaperItem> items) {
        int height = 2 * MARGIN + items.stream().mapToInt(PaperItem::height).sum();
        BufferedImage paper = new BufferedImage(paperWidth, Math.max(height, 1), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = paper.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, paper.getWidth(), paper.getHeight());
            int y = MARGIN;
            for (PaperItem item : items) {
                draw(g, item, y);
                y += item.height();
            }
        } finally {
            g.dispose();
        }
        return paper;
    }

    int modules(String data) {
        return qr(data).getWidth();
    }

    private void draw(Graphics2D g, PaperItem item, int top) {
        if (item instanceof PaperItem.TextLine line) {
            drawText(g, line, top);
        } else if (item instanceof PaperItem.Image image) {
            g.drawImage(image.image(), x(image.align(), image.image().getWidth()), top, null);
        } else if (item instanceof PaperItem.Qr qr) {
            drawQr(g, qr, top);
        }
    }

    private void drawText(Graphics2D g, PaperItem.TextLine line, int top) {
        int total = 0;
        for (PaperItem.Run run : line.runs()) {
            total += runWidth(g, run);
        }
        int x = x(line.align(), total);
        int baselineBottom = top + line.height() - 6;
        for (PaperItem.Run run : line.runs()) {
            Font font = font(run);
            FontMetrics fm = g.getFontMetrics(font);
            int w = runWidth(g, run);
            if (run.reverse()) {
                g.setColor(Color.BLACK);
                g.fillRect(x, top, w, line.height());
                g.setColor(Color.WHITE);
            } else {
                g.setColor(Color.BLACK);
            }
            g.setFont(font);
            g.drawString(run.text(), x, baselineBottom - fm.getDescent());
            x += w;
        }
    }

    private int runWidth(Graphics2D g, PaperItem.Run run) {
        return g.getFontMetrics(font(run)).stringWidth(run.text());
    }

    /**
     * DejaVu at the cell height, squeezed where needed so a run never gets wider than the
     * printer's 12-dot cells would make it: wrapping decisions made for the printer stay true.
     */
    private Font font(PaperItem.Run run) {
        float px = 20f * run.height();
        Font base = run.bold() ? fonts.bold(px) : fonts.regular(px);
        double scaleX = (double) run.width() / run.height();
        double natural = measure.getFontMetrics(base).stringWidth(run.text()) * scaleX;
        double cells = 12.0 * run.width() * run.text().codePointCount(0, run.text().length());
        if (natural > cells && natural > 0) {
            scaleX *= cells / natural;
        }
        return scaleX == 1.0 ? base : base.deriveFont(AffineTransform.getScaleInstance(scaleX, 1));
    }

    private void drawQr(Graphics2D g, PaperItem.Qr qr, int top) {
        BitMatrix m = qr(qr.data());
        int size = m.getWidth() * qr.module();
        int left = x(qr.align(), size);
        g.setColor(Color.BLACK);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    g.fillRect(left + x * qr.module(), top + y * qr.module(), qr.module(), qr.module());
                }
            }
        }
    }

    private static BitMatrix qr(String data) {
        try {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            hints.put(EncodeHintType.MARGIN, 0);
            hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
            return new QRCodeWriter().encode(data.isEmpty() ? " " : data, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR data cannot be encoded", e);
        }
    }

    private int x(PaperItem.Align align, int width) {
        return switch (align) {
            case LEFT -> 0;
            case CENTER -> Math.max(0, (paperWidth - width) / 2);
            case RIGHT -> Math.max(0, paperWidth - width);
        };
    }
}
