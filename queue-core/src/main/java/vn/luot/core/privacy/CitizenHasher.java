package vn.luot.core.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a citizen ID number (or an identity provider's subject) into HMAC-SHA-256 under a secret key, the
 * only form in which it is ever stored. The key lives in its own 0600 file, never in the database the
 * hashes are in: a copy of {@code queue.db} alone does not let anyone try the 10^12 ID numbers against it.
 * Safe for concurrent use.
 */
public final class CitizenHasher {

    private static final String ALG = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    private CitizenHasher(byte[] key) {
        this.key = new SecretKeySpec(key, ALG);
    }

    /** Where a database's hash key lives when its config names no other place: beside it, {@code NAME.citizen-key}. */
    public static Path keyFileBeside(Path database) {
        Path absolute = database.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".citizen-key");
    }

    /**
     * Loads the key, or creates 32 random bytes (0600) when the file does not exist yet.
     *
     * @throws UncheckedIOException naming the file when it is readable by others, or is not a 32-byte key
     */
    public static CitizenHasher openOrCreate(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                OwnerOnlyFiles.write(keyFile, fresh);
            }
            byte[] key = OwnerOnlyFiles.read(keyFile, "citizen hash key");
            if (key.length != KEY_BYTES) {
                throw new IOException("The citizen hash key " + keyFile + " is " + key.length + " bytes, not "
                        + KEY_BYTES + "; restore it from the backup, or delete it to start a new one (today's"
                        + " citizen references are then forgotten)");
            }
            return new CitizenHasher(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** A hasher with a key held in memory only (tests, and hashes that need not survive a restart). */
    public static CitizenHasher ephemeral() {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        return new CitizenHasher(fresh);
    }

    /** 64 lowercase hex digits; surrounding spaces of {@code citizenId} are ignored. */
    public String hash(String citizenId) {
        try {
            Mac mac = Mac.getInstance(ALG);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(citizenId.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HMAC-SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "CitizenHasher[HMAC-SHA-256]";
    }
}
