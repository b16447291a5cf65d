package vn.luot.display.voice;

import java.text.Normalizer;

/**
 * Vietnamese to ASCII the way Vietnamese typists do (Telex): ô → oo, ơ → ow, ư → uw, ă → aw, đ → dd, and the
 * tone as a final letter (s sắc, f huyền, r hỏi, x ngã, j nặng). Unambiguous, so mười and mươi get different
 * clip file names (muwowif, muwowi) where stripping the marks would give both "muoi".
 */
final class Telex {

    private Telex() {
    }

    static String slug(String phrase) {
        StringBuilder out = new StringBuilder();
        for (String word : phrase.toLowerCase(java.util.Locale.ROOT).split(" ")) {
            if (out.length() > 0) {
                out.append('_');
            }
            StringBuilder syllables = new StringBuilder();
            for (String syllable : word.split("-", -1)) {
                syllables.append(syllables.length() > 0 ? "-" : "").append(word(syllable));
            }
            out.append(syllables);
        }
        return out.toString();
    }

    private static String word(String word) {
        StringBuilder s = new StringBuilder();
        char tone = 0;
        for (char c : Normalizer.normalize(word, Normalizer.Form.NFD).toCharArray()) {
            switch (c) {
                case '\u0300' -> tone = 'f';
                case '\u0301' -> tone = 's';
                case '\u0309' -> tone = 'r';
                case '\u0303' -> tone = 'x';
                case '\u0323' -> tone = 'j';
                case '\u0302' -> s.append(s.charAt(s.length() - 1));
                case '\u0306', '\u031B' -> s.append('w');
                case 'đ' -> s.append("dd");
                default -> {
                    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                        s.append(c);
                    } else {
                        throw new IllegalArgumentException("cannot name a clip for '" + word + "'");
                    }
                }
            }
        }
        if (tone != 0) {
            s.append(tone);
        }
        return s.toString();
    }
}
