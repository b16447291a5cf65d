package vn.luot.printer.escpos;

import java.text.Normalizer;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Replacements for characters a printer cannot show. A citizen reading "Nguyen" understands; a
 * citizen reading "Nguy?n" does not, so a character with no replacement is dropped, never printed
 * as '?'.
 */
public final class VietnameseText {

    private static final Map<Character, String> LOOKALIKES = Map.ofEntries(
            Map.entry('\u2014', "-"), Map.entry('\u2013', "-"), Map.entry('\u2012', "-"),
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201c', "\""),
            Map.entry('\u201d', "\""), Map.entry('\u2026', "..."), Map.entry('\u2022', "*"),
            Map.entry('\u00b7', "."), Map.entry('\u00a0', " "), Map.entry('\u00d0', "Đ"),
            Map.entry('\u2192', "->"), Map.entry('\u00d7', "x"), Map.entry('\u0141', "L"),
            Map.entry('\u0142', "l"), Map.entry('\u00d8', "O"), Map.entry('\u00f8', "o"), Map.entry('\u00df', "ss"),
            Map.entry('\u00c6', "AE"), Map.entry('\u00e6', "ae"), Map.entry('\u0152', "OE"), Map.entry('\u0153', "oe"));

    private VietnameseText() {
    }

    /**
     * Rewrites {@code text} so that every character satisfies {@code encodable}: first a
     * look-alike (punctuation, Ł, ß …), then the base letter without its marks, else nothing.
     */
    public static String fallback(String text, IntPredicate encodable) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> {
            if (encodable.test(cp)) {
                out.appendCodePoint(cp);
                return;
            }
            String replacement = cp <= 0xffff ? LOOKALIKES.get((char) cp) : null;
            if (replacement == null) {
                replacement = stripMarks(new String(Character.toChars(cp)));
            }
            replacement.codePoints()
                    .filter(r -> encodable.test(r) || r == 'Đ' && encodable.test('D') || r == 'đ' && encodable.test('d'))
                    .map(r -> encodable.test(r) ? r : r == 'Đ' ? 'D' : r == 'đ' ? 'd' : r)
                    .forEach(out::appendCodePoint);
        });
        return out.toString();
    }

    /** Drops combining marks: "Hộ tịch" becomes "Ho tich" (đ stays, it has no decomposition). */
    public static String stripMarks(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    public static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
