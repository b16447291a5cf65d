package vn.luot.display.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is said when a ticket is called: "Xin mời công dân có số thứ tự Hộ tịch mười hai đến quầy số năm."
 *
 * <p>Every field numbers from 1 and a counter serves up to three fields, so "mười hai đến quầy số năm" may
 * fit two or three citizens: by default the call says the field of the ticket's label, by the name the
 * citizen chose at the kiosk and that is printed on the ticket (Hộ tịch), in the place where the ticket and
 * the boards print the code, before the number (HT-012). The name rather than the code spelt out ("hát tê"):
 * letter names blur in a hall (hát tê / xê tê, dê dê / tê dê) and citizens do not know the codes. A code with
 * no name in the branch is spelt ({@link #withFieldCode}). Only a branch whose numbers are unique across the
 * branch may leave the field out ({@code voice.say_field = false}, {@link #numberOnly}). Leading zeros of the
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

    /**
     * The call for ticket {@code label} (e.g. {@code HT-012} or {@code 012}) at counter {@code counter}, its
     * field code spelt out: what is said where the branch's field names are not known.
     */
    public static CallSentence of(String label, int counter) {
        return withFieldCode(label, counter);
    }

    /** The call with the field code spelt out: "… số thứ tự hát tê mười hai …". */
    public static CallSentence withFieldCode(String label, int counter) {
        return build(label, counter, code -> spelt(code));
    }

    /** The call with the field's name: "… số thứ tự Hộ tịch mười hai …"; a code not in {@code names} is spelt. */
    public static CallSentence withFieldName(String label, int counter, Map<String, String> names) {
        Objects.requireNonNull(names, "names");
        return build(label, counter, code -> names.containsKey(code) ? List.of(speakable(names.get(code))) : spelt(code));
    }

    /** A name as it is said: dashes and punctuation are pauses in print only ("Lao động – Thương binh …"). */
    static String speakable(String name) {
        return name.replaceAll("[\\p{Pd},;:.()/]+", " ").replaceAll("\\s+", " ").strip();
    }

    /** The number alone ("… số thứ tự mười hai …"): only for a branch whose numbers are unique across fields. */
    public static CallSentence numberOnly(String label, int counter) {
        return build(label, counter, code -> List.of());
    }

    private static List<String> spelt(String code) {
        List<String> letters = new ArrayList<>();
        for (char c : code.toCharArray()) {
            letters.add(LETTERS.get(c));
        }
        return letters;
    }

    private static CallSentence build(String label, int counter, Function<String, List<String>> field) {
        Matcher m = LABEL.matcher(label);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a ticket label (like HT-012 or 012): " + label);
        }
        if (counter < 1 || counter > 999) {
            throw new IllegalArgumentException("counter numbers are 1..999: " + counter);
        }
        List<String> p = new ArrayList<>(List.of("xin mời", "công dân", "có số thứ tự"));
        if (m.group(1) != null) {
            p.addAll(field.apply(m.group(1)));
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
