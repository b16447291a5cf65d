package vn.luot.display.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers read aloud the Hanoi way (shared/GLOSSARY.md, "Spoken numbers"): mười / mươi, mốt and tư after
 * mươi, lăm after mười or mươi, linh for a zero tens digit after trăm, "không trăm" for a zero hundreds digit
 * after nghìn, and nghìn (not the southern ngàn).
 */
public final class SpokenNumbers {

    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

    private SpokenNumbers() {
    }

    /** The words of {@code n}, 0..999 999, e.g. 2030 → "hai nghìn không trăm ba mươi". */
    public static String vietnamese(int n) {
        return String.join(" ", words(n));
    }

    /** The same, one word per element: each is a recorded clip. */
    public static List<String> words(int n) {
        if (n < 0 || n > 999_999) {
            throw new IllegalArgumentException("spoken numbers are 0..999999: " + n);
        }
        List<String> w = new ArrayList<>();
        if (n == 0) {
            w.add(DIGITS[0]);
            return w;
        }
        int thousands = n / 1000;
        int rest = n % 1000;
        if (thousands > 0) {
            block(thousands, false, w);
            w.add("nghìn");
        }
        if (rest > 0) {
            block(rest, thousands > 0, w);
        }
        return w;
    }

    /** Words for 1..999; {@code full} reads a zero hundreds digit ("không trăm"), as after nghìn. */
    private static void block(int n, boolean full, List<String> w) {
        int hundreds = n / 100;
        int tens = n / 10 % 10;
        int units = n % 10;
        boolean saidHundreds = hundreds > 0 || full;
        if (saidHundreds) {
            w.add(DIGITS[hundreds]);
            w.add("trăm");
        }
        if (tens == 0) {
            if (units > 0) {
                if (saidHundreds) {
                    w.add("linh");
                }
                w.add(DIGITS[units]);
            }
        } else if (tens == 1) {
            w.add("mười");
            if (units > 0) {
                w.add(units == 5 ? "lăm" : DIGITS[units]);
            }
        } else {
            w.add(DIGITS[tens]);
            w.add("mươi");
            if (units > 0) {
                w.add(switch (units) {
                    case 1 -> "mốt";
                    case 4 -> "tư";
                    case 5 -> "lăm";
                    default -> DIGITS[units];
                });
            }
        }
    }
}
