package vn.luot.core.token;

import java.io.ByteArrayOutputStream;

/**
 * Base45 (RFC 9285): bytes as characters of the QR code's alphanumeric mode, so a token packs densely
 * into a small QR. Decoding is strict: any character outside the alphabet, a length of 3n+1, or a
 * group out of range is refused.
 */
public final class Base45 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private Base45() {
    }

    public static boolean isAlphabet(char c) {
        return c < 128 && VALUE[c] >= 0;
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length / 2 * 3 + 2);
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            int n = (bytes[i] & 0xff) * 256 + (bytes[i + 1] & 0xff);
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
        int length = text.length();
        if (length % 3 == 1) {
            throw new IllegalArgumentException("a Base45 text cannot have length 3n+1");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 3 * 2 + 1);
        int i = 0;
        for (; i + 2 < length; i += 3) {
            int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45 + value(text.charAt(i + 2)) * 2025;
            if (n > 0xffff) {
                throw new IllegalArgumentException("Base45 group out of range");
            }
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        if (i < length) {
            int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45;
            if (n > 0xff) {
                throw new IllegalArgumentException("Base45 final group out of range");
            }
            out.write(n);
        }
        return out.toByteArray();
    }

    private static int value(char c) {
        int v = c < 128 ? VALUE[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("not a Base45 character");
        }
        return v;
    }
}
