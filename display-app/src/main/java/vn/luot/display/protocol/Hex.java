package vn.luot.display.protocol;

/** Frames as {@code 01 06 00 00 00 0C 89 CF}, for logs and golden files. */
public final class Hex {

    private Hex() {
    }

    public static String of(byte[] bytes, int length) {
        StringBuilder s = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02X", bytes[i] & 0xFF));
        }
        return s.toString();
    }

    public static String of(byte[] bytes) {
        return of(bytes, bytes.length);
    }

    /** Parses hex pairs, ignoring white space and anything after a {@code #} on a line. */
    public static byte[] parse(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", ""));
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
