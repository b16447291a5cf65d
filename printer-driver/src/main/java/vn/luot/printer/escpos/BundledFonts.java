package vn.luot.printer.escpos;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans, regular and bold, read from the jar so that every Vietnamese glyph renders the
 * same on the Pi as in the tests, whatever fonts the system has. Loading takes tens of
 * milliseconds: create one and share it (it is immutable).
 */
public final class BundledFonts {

    private final Font regular;
    private final Font bold;

    private BundledFonts(Font regular, Font bold) {
        this.regular = regular;
        this.bold = bold;
    }

    public static BundledFonts load() {
        return new BundledFonts(read("DejaVuSans.ttf"), read("DejaVuSans-Bold.ttf"));
    }

    public Font regular(float sizePx) {
        return regular.deriveFont(sizePx);
    }

    public Font bold(float sizePx) {
        return bold.deriveFont(sizePx);
    }

    private static Font read(String file) {
        try (InputStream in = BundledFonts.class.getResourceAsStream("/vn/luot/printer/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the jar: " + file);
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font is damaged: " + file, e);
        }
    }
}
