package vn.luot.display.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is said when a ticket is called: "Xin mời công dân có số thứ tự mười hai đến quầy số năm."
 *
 * <p>The field code of the label (HT in HT-012) is not read by default: the counter number already tells
 * the citizen where to go, the boards show the code, and letters spelt out ("hát tê") slow the call down and
 * are easily misheard. A branch that wants it turns it on with {@link #withFieldCode}. Leading zeros of the
 * label are never read: HT-007 is "bảy".
 *
 * @param phrases the sentence in speakable pieces, each a recorded clip (or spoken by espeak-ng when not)
 */
public record CallSentence(String label, int counter, List<String> phrases) {

    private static final Pattern LABEL = Pattern.compile("(?:([A-Z]{1,4})-)?(\\d{1,4})");

    /** Northern Vietnamese names of the letters, as staff spell a field code aloud. */
    static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('A', "a"), Map.entry('B', "bê"), Map.entry('C', "xê"), Map.entry('D', "dê"),
            Map.entry('E', "e"), Map.entry('F', "ép"), Map.entry('G', "giê"), Map.entry('H', "hát"),
            Map.entry('I', "i"), Map.entry('J', "gi"), Map.entry('K', "ca"), Map.entry('L', "e-lờ"),
            Map.entry('M', "em-mờ"), Map.entry('N', "en-nờ"), Map.entry('O', "o"), Map.entry('P', "pê"),
            Map.entry('Q', "quy"), Map.entry('R', "e-rờ"), Map.entry('S', "ét-xì"), Map.entry('T', "tê"),
            Map.entry('U', "u"), Map.entry('V', "vê"), Map.entry('W', "vê kép"), Map.entry('X', "ích-xì"),
            Map.entry('Y', "i dài"), Map.entry('Z', "dét"));

    static final List<String> FIXED_PHRASES = List.of("xin mời", "công dân", "có số thứ tự", "đến", "quầy số");

    public CallSentence {
        Objects.requireNonNull(label, "label");
        phrases = List.copyOf(phrases);
    }

    /** The call for ticket {@code label} (e.g. {@code HT-012} or {@code 012}) at counter {@code counter}. */
    public static CallSentence of(String label, int counter) {
        return build(label, counter, false);
    }

    /** The same call with the field code spelt out: "… số thứ tự hát tê mười hai …". */
    public static CallSentence withFieldCode(String label, int counter) {
        return build(label, counter, true);
    }

    private static CallSentence build(String label, int counter, boolean readField) {
        Matcher m = LABEL.matcher(label);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a ticket label (like HT-012 or 012): " + label);
        }
        if (counter < 1 || counter > 999) {
            throw new IllegalArgumentException("counter numbers are 1..999: " + counter);
        }
        List<String> p = new ArrayList<>(List.of("xin mời", "công dân", "có số thứ tự"));
        if (readField && m.group(1) != null) {
            for (char c : m.group(1).toCharArray()) {
                p.add(LETTERS.get(c));
            }
        }
        p.addAll(SpokenNumbers.words(Integer.parseInt(m.group(2))));
        p.add("đến");
        p.add("quầy số");
        p.addAll(SpokenNumbers.words(counter));
        return new CallSentence(label, counter, p);
    }

    /** The sentence as text, capitalised and with its full stop. */
    public String text() {
        String joined = String.join(" ", phrases);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
    }

    @Override
    public String toString() {
        return text();
    }
}
