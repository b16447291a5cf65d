package vn.luot.core.token;

import java.util.Arrays;

/**
 * Base45 (RFC 9285): bytes as characters of the QR code's alphanumeric mode, which packs 11 bits per
 * 2 characters, so a token fits a smaller QR than Base64 in byte mode would. Decoding is strict:
 * a character outside the alphabet, a length of 3n+1 or a group out of range is refused, so each
 * byte string has exactly one text form.
 */
public final class Base45 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final byte[] VALUE = values();

    private Base45() {
    }

    /** Whether {@code c} is in the Base45 alphabet, which is exactly the QR alphanumeric character set. */
    public static boolean isAlphabet(char c) {
        return c < VALUE.length && VALUE[c] >= 0;
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length + 1) / 2 * 3);
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            int n = (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (i < bytes.length) {
            int n = bytes[i] & 0xff;
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException for anything that is not valid Base45 */
    public static byte[] decode(CharSequence text) {
        return decode(text, 0, text.length());
    }

    /** Decodes {@code text[from, to)} without copying it first. */
    static byte[] decode(CharSequence text, int from, int to) {
        int length = to - from;
        if (length % 3 == 1) {
            throw new IllegalArgumentException("a Base45 text cannot have length 3n+1");
        }
        byte[] out = new byte[length / 3 * 2 + (length % 3 == 2 ? 1 : 0)];
        int o = 0;
        int i = from;
        for (; i + 2 < to; i += 3) {
            int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45 + value(text.charAt(i + 2)) * 2025;
            if (n > 0xffff) {
                throw new IllegalArgumentException("Base45 group out of range");
            }
            out[o++] = (byte) (n >> 8);
            out[o++] = (byte) n;
        }
        if (i < to) {
            int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45;
            if (n > 0xff) {
                throw new IllegalArgumentException("Base45 final group out of range");
            }
            out[o] = (byte) n;
        }
        return out;
    }

    private static int value(char c) {
        int v = c < VALUE.length ? VALUE[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("not a Base45 character");
        }
        return v;
    }

    private static byte[] values() {
        byte[] values = new byte[128];
        Arrays.fill(values, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            values[ALPHABET.charAt(i)] = (byte) i;
        }
        return values;
    }
}
