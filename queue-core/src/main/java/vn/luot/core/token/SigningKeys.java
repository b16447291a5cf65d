package vn.luot.core.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Set;

/** The central server's Ed25519 signing key on disk: PKCS#8, readable by its owner only. */
public final class SigningKeys {

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has Ed25519", e);
        }
    }

    /** Writes the private key with permissions 0600, created that way (never briefly readable). */
    public static void save(PrivateKey key, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, key.getEncoded());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @throws IOException naming the file when it is readable by others than its owner, or not a key
     */
    public static KeyPair load(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("The signing key " + file + " is readable by others ("
                    + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            return new KeyPair(publicOf(privateKey), privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("The signing key " + file + " is not an Ed25519 PKCS#8 key", e);
        }
    }

    /** Loads the key, or creates one when the file does not exist yet. */
    public static KeyPair loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        KeyPair pair = generate();
        save(pair.getPrivate(), file);
        return pair;
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        // The JDK has no "public key of this private key" for EdDSA; its generator derives the pair from
        // 32 random bytes, so feeding it the stored seed gives the same pair back.
        byte[] pkcs8 = key.getEncoded();
        byte[] seed = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, new FixedSeed(seed));
        return generator.generateKeyPair().getPublic();
    }

    /** Feeds a known seed to the Ed25519 key generator, which derives the same key pair from it. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
