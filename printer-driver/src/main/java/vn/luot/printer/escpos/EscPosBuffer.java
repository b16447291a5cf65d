package vn.luot.printer.escpos;

import com.github.anastaciocintra.escpos.EscPosConst;
import com.github.anastaciocintra.escpos.image.BitonalThreshold;
import com.github.anastaciocintra.escpos.image.CoffeeImageImpl;
import com.github.anastaciocintra.escpos.image.EscPosImage;
import com.github.anastaciocintra.escpos.image.RasterBitImageWrapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects the ESC/POS bytes of one ticket. It remembers the printer's mode (page, alignment,
 * size, emphasis) so each command is only sent when something changes: the native tickets stay
 * small enough for 9600 baud. Not thread-safe; one buffer per ticket.
 */
public final class EscPosBuffer {

    public static final int ESC = 0x1b;
    public static final int GS = 0x1d;
    public static final int DLE = 0x10;
    public static final int FS = 0x1c;
    public static final int LF = 0x0a;

    public enum Align { LEFT, CENTER, RIGHT }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    private int codePage;
    private Align align = Align.LEFT;
    private boolean bold;
    private boolean reverse;
    private int sizeWidth = 1;
    private int sizeHeight = 1;

    public EscPosBuffer initialize() {
        bytes(ESC, '@');
        codePage = 0;
        align = Align.LEFT;
        bold = false;
        reverse = false;
        sizeWidth = 1;
        sizeHeight = 1;
        return this;
    }

    /**
     * FS . — leaves Kanji/Chinese mode, which Chinese firmware turns on at power-up and after
     * ESC @; in it, every byte from 0x80 starts a two-byte character and eats the next byte.
     */
    public EscPosBuffer cancelKanji() {
        bytes(FS, '.');
        return this;
    }

    public EscPosBuffer codePage(int page) {
        if (page != codePage) {
            bytes(ESC, 't', page);
            codePage = page;
        }
        return this;
    }

    public int codePage() {
        return codePage;
    }

    public EscPosBuffer align(Align a) {
        if (a != align) {
            bytes(ESC, 'a', a.ordinal());
            align = a;
        }
        return this;
    }

    public EscPosBuffer bold(boolean on) {
        if (on != bold) {
            bytes(ESC, 'E', on ? 1 : 0);
            bold = on;
        }
        return this;
    }

    public EscPosBuffer reverse(boolean on) {
        if (on != reverse) {
            bytes(GS, 'B', on ? 1 : 0);
            reverse = on;
        }
        return this;
    }

    /** Character size as width and height multipliers, 1 to 8 each (GS !). */
    public EscPosBuffer size(int width, int height) {
        if (width < 1 || width > 8 || height < 1 || height > 8) {
            throw new IllegalArgumentException("size multipliers are 1..8, got " + width + "x" + height);
        }
        if (width != sizeWidth || height != sizeHeight) {
            bytes(GS, '!', (width - 1) << 4 | (height - 1));
            sizeWidth = width;
            sizeHeight = height;
        }
        return this;
    }

    public EscPosBuffer lineFeed() {
        out.write(LF);
        return this;
    }

    /** Feeds paper by {@code dots} (ESC J), without printing a line. */
    public EscPosBuffer feedDots(int dots) {
        bytes(ESC, 'J', Math.min(255, dots));
        return this;
    }

    public EscPosBuffer feedLines(int lines) {
        bytes(ESC, 'd', lines);
        return this;
    }

    /** Feeds to the cutter and cuts, leaving a hinge (GS V 66 n). */
    public EscPosBuffer cut() {
        bytes(GS, 'V', 66, 0);
        return this;
    }

    /** Raw bytes that are already in the printer's current code page. */
    public EscPosBuffer text(byte[] encoded) {
        out.write(encoded, 0, encoded.length);
        return this;
    }

    /**
     * Prints a black-and-white image with GS v 0 at the current alignment. The wrapper from
     * escpos-coffee writes its own ESC a, so our remembered alignment is refreshed to match.
     */
    public EscPosBuffer raster(BufferedImage image) {
        RasterBitImageWrapper wrapper = new RasterBitImageWrapper().setJustification(justification(align));
        byte[] bytes = wrapper.getBytes(new EscPosImage(new CoffeeImageImpl(image), new BitonalThreshold()));
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /**
     * Stores and prints a QR code (model 2, error correction M) with GS ( k. Written here rather
     * than with escpos-coffee's QRCode, which counts characters instead of bytes for the length.
     */
    public EscPosBuffer qr(String data, int moduleDots) {
        byte[] payload = data.getBytes(StandardCharsets.UTF_8);
        bytes(GS, '(', 'k', 4, 0, 49, 65, 50, 0);
        bytes(GS, '(', 'k', 3, 0, 49, 67, moduleDots);
        bytes(GS, '(', 'k', 3, 0, 49, 69, 49);
        int len = payload.length + 3;
        bytes(GS, '(', 'k', len & 0xff, len >> 8, 49, 80, 48);
        out.write(payload, 0, payload.length);
        bytes(GS, '(', 'k', 3, 0, 49, 81, 48);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
    }

    private static EscPosConst.Justification justification(Align a) {
        return switch (a) {
            case LEFT -> EscPosConst.Justification.Left_Default;
            case CENTER -> EscPosConst.Justification.Center;
            case RIGHT -> EscPosConst.Justification.Right;
        };
    }
}
