package vn.luot.core.devices;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import vn.luot.core.sync.DeviceIdentity;

/**
 * A one-time enrolment code as shown once to the supervisor or operator who asked for it: ten characters of
 * Crockford's base-32 alphabet (no I, L, O, U: read aloud or typed on a Pi without confusion), about 50 bits,
 * written {@code XXXXX-XXXXX}. Only its SHA-256 is stored; it is single use and short-lived, so guessing it
 * online is hopeless.
 */
public record EnrolmentCode(String code, DeviceIdentity device, Instant expires) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 10;

    static String generate(SecureRandom random) {
        StringBuilder s = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                s.append('-');
            }
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** The code as typed (any case, with or without the dash or spaces) in the form its hash is taken of. */
    static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        String s = typed.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "")
                .replace('O', '0').replace('I', '1').replace('L', '1');
        return s.length() == LENGTH && s.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? s : "";
    }

    @Override
    public String toString() {
        return "EnrolmentCode[" + device.deviceId() + "@" + device.branchId() + ", expires " + expires + "]";
    }
}
