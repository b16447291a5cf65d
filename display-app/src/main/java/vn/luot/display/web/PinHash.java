package vn.luot.display.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A counter PIN as the config keeps it: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64), never the PIN
 * itself. A 4–8 digit PIN has little entropy, so the slow hash only buys time against a stolen config file;
 * the lockout in {@link StaffPage} is what stops guessing on the LAN.
 */
public final class PinHash {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 120_000;

    private PinHash() {
    }

    /** The hash of a new PIN, with a fresh salt (what {@code luot display --hash-pin} prints). */
    public static String hash(String pin) {
        checkShape(pin);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return format(ITERATIONS, salt, derive(pin, salt, ITERATIONS));
    }

    public static boolean matches(String pin, String stored) {
        String[] p = stored.split("\\$");
        if (pin == null || p.length != 4 || !p[0].equals(SCHEME)) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, derive(pin, salt, Integer.parseInt(p[1])));
    }

    /** Whether {@code stored} has the shape of a hash this class made; config validation names the key if not. */
    public static boolean isHash(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        try {
            return p.length == 4 && p[0].equals(SCHEME) && Integer.parseInt(p[1]) >= 10_000
                    && Base64.getDecoder().decode(p[2]).length >= 8 && Base64.getDecoder().decode(p[3]).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A personal account's PIN: 6 to 12 digits, and not one a guesser tries first (one digit repeated, or a
     * run up or down such as 123456).
     *
     * @throws IllegalArgumentException naming the rule, in Vietnamese and English
     */
    public static void checkPersonal(String pin) {
        if (pin == null || !pin.matches("\\d{6,12}")) {
            throw new IllegalArgumentException("Mã PIN cá nhân gồm 6 đến 12 chữ số. / A personal PIN is 6 to 12 digits.");
        }
        if (guessable(pin)) {
            throw new IllegalArgumentException("Mã PIN này quá dễ đoán (lặp một chữ số hoặc dãy liên tiếp); hãy chọn mã"
                    + " khác. / This PIN is too easy to guess; choose another.");
        }
    }

    /** A fresh temporary PIN of 6 digits that {@link #checkPersonal} accepts, for a supervisor to hand over. */
    public static String temporary() {
        SecureRandom random = new SecureRandom();
        String pin;
        do {
            pin = String.format("%06d", random.nextInt(1_000_000));
        } while (guessable(pin));
        return pin;
    }

    private static boolean guessable(String pin) {
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = pin.charAt(i) - pin.charAt(i - 1);
            same &= step == 0;
            up &= step == 1 || step == -9;
            down &= step == -1 || step == 9;
        }
        return same || up || down;
    }

    public static void checkShape(String pin) {
        if (pin == null || !pin.matches("\\d{4,8}")) {
            throw new IllegalArgumentException("a PIN is 4 to 8 digits");
        }
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
}
