package vn.luot.printer.escpos;

import java.io.ByteArrayOutputStream;
import java.text.Normalizer;

/**
 * Writes text on the two TCVN-3 pages. A letter that exists only on the other page switches
 * pages (ESC t); ASCII never does, so "SỐ ƯU TIÊN" costs one switch, not one per letter.
 */
public final class Tcvn3Text implements NativeText {

    private final Tcvn3 table = new Tcvn3();
    private final int lowerPage;
    private final int upperPage;

    public Tcvn3Text(int lowerPage, int upperPage) {
        this.lowerPage = lowerPage;
        this.upperPage = upperPage;
    }

    @Override
    public void write(String text, EscPosBuffer out) {
        String safe = VietnameseText.fallback(text, cp -> cp <= 0xffff && encodable((char) cp));
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            Tcvn3.Page current = out.codePage() == upperPage ? Tcvn3.Page.UPPER : Tcvn3.Page.LOWER;
            boolean onTcvnPage = out.codePage() == lowerPage || out.codePage() == upperPage;
            int b = table.encode(c, current);
            if (b < 0 || !onTcvnPage && b >= 0x80) {
                Tcvn3.Page other = table.encode(c, Tcvn3.Page.LOWER) >= 0 ? Tcvn3.Page.LOWER : Tcvn3.Page.UPPER;
                flush(run, out);
                out.codePage(other == Tcvn3.Page.LOWER ? lowerPage : upperPage);
                b = table.encode(c, other);
            }
            run.write(b);
        }
        flush(run, out);
    }

    @Override
    public boolean canEncode(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return nfc.chars().allMatch(c -> encodable((char) c));
    }

    private boolean encodable(char c) {
        return table.encode(c, Tcvn3.Page.LOWER) >= 0 || table.encode(c, Tcvn3.Page.UPPER) >= 0;
    }

    private static void flush(ByteArrayOutputStream run, EscPosBuffer out) {
        if (run.size() > 0) {
            out.text(run.toByteArray());
            run.reset();
        }
    }
}
