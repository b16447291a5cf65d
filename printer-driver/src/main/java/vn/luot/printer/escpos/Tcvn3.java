package vn.luot.printer.escpos;

import java.util.HashMap;
import java.util.Map;

/**
 * TCVN-3 (TCVN 5712:1993 "VN3", the ABC font encoding) as Epson prints it: two code pages,
 * one with the lowercase letters and one with the uppercase letters at the same positions.
 * Bytes 0x20–0x7E are plain ASCII on both pages. Sources and cross-checks are listed in
 * hardware-docs/printers.md; this table is ours, not escpos-coffee's (which maps through cp437).
 */
public final class Tcvn3 {

    /** Which of the two pages a letter lives on. */
    public enum Page { LOWER, UPPER }

    // Letter groups in tone order: grave, hook above, tilde, acute, dot below.
    private static final String[][] TONED = {
            {"àảãáạ", "\u00b5\u00b6\u00b7\u00b8\u00b9"},
            {"ằẳẵắặ", "\u00bb\u00bc\u00bd\u00be\u00c6"},
            {"ầẩẫấậ", "\u00c7\u00c8\u00c9\u00ca\u00cb"},
            {"èẻẽéẹ", "\u00cc\u00ce\u00cf\u00d0\u00d1"},
            {"ềểễếệ", "\u00d2\u00d3\u00d4\u00d5\u00d6"},
            {"ìỉĩíị", "\u00d7\u00d8\u00dc\u00dd\u00de"},
            {"òỏõóọ", "\u00df\u00e1\u00e2\u00e3\u00e4"},
            {"ồổỗốộ", "\u00e5\u00e6\u00e7\u00e8\u00e9"},
            {"ờởỡớợ", "\u00ea\u00eb\u00ec\u00ed\u00ee"},
            {"ùủũúụ", "\u00ef\u00f1\u00f2\u00f3\u00f4"},
            {"ừửữứự", "\u00f5\u00f6\u00f7\u00f8\u00f9"},
            {"ỳỷỹýỵ", "\u00fa\u00fb\u00fc\u00fd\u00fe"},
    };
    private static final String LOWER_BASES = "ăâêôơưđ";
    private static final String LOWER_BASE_BYTES = "\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae";
    // The uppercase page puts Ă Â Đ at the "capital" slots and Ê Ô Ơ Ư at the lowercase slots.
    private static final String UPPER_BASES = "ĂÂĐÊÔƠƯ";
    private static final String UPPER_BASE_BYTES = "\u00a1\u00a2\u00a7\u00aa\u00ab\u00ac\u00ad";

    private final Map<Character, Integer> lower = new HashMap<>();
    private final Map<Character, Integer> upper = new HashMap<>();
    private final char[] decodeLower = new char[128];
    private final char[] decodeUpper = new char[128];

    public Tcvn3() {
        for (String[] group : TONED) {
            for (int i = 0; i < 5; i++) {
                char small = group[0].charAt(i);
                int code = group[1].charAt(i);
                lower.put(small, code);
                upper.put(Character.toUpperCase(small), code);
            }
        }
        for (int i = 0; i < LOWER_BASES.length(); i++) {
            lower.put(LOWER_BASES.charAt(i), (int) LOWER_BASE_BYTES.charAt(i));
            upper.put(UPPER_BASES.charAt(i), (int) UPPER_BASE_BYTES.charAt(i));
        }
        // Decoding is strict: only Epson's own positions. A byte elsewhere (0xA8 on page 31, say) is
        // blank on Epson paper, and the virtual printer must say so rather than guess a letter.
        lower.forEach((c, b) -> decodeLower[b - 128] = c);
        upper.forEach((c, b) -> decodeUpper[b - 128] = c);
    }

    /** The byte for {@code c} on {@code page}, or -1 when that page does not have it. */
    public int encode(char c, Page page) {
        if (c >= 0x20 && c < 0x7f) {
            return c;
        }
        Integer b = (page == Page.LOWER ? lower : upper).get(c);
        return b == null ? -1 : b;
    }

    /** Decodes one byte printed on {@code page}; 0 when Epson's page has nothing there. */
    public char decode(int b, Page page) {
        if (b < 0x80) {
            return (char) b;
        }
        return (page == Page.LOWER ? decodeLower : decodeUpper)[b - 128];
    }
}
