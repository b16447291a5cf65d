package vn.luot.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a citizen ID number into a salted SHA-256, the only form in which it is ever stored. The salt
 * is per device and never leaves it, so the hash cannot be matched against a list of ID numbers.
 */
final class CitizenHasher {

    private final byte[] salt;

    CitizenHasher(byte[] salt) {
        this.salt = salt.clone();
    }

    String hash(String citizenId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(citizenId.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
