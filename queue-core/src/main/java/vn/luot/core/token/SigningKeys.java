package vn.luot.core.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import vn.luot.core.privacy.OwnerOnlyFiles;

/** The central server's Ed25519 signing key on disk: PKCS#8 (DER), readable and writable by its owner only. */
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

    /**
     * Writes the private key with permissions 0600. The file is created with them (never briefly
     * readable by others) under a temporary name and moved into place, so a crash leaves either the
     * old key or the new one.
     */
    public static void save(PrivateKey key, Path file) throws IOException {
        OwnerOnlyFiles.write(file, key.getEncoded());
    }

    /**
     * Loads the key pair whose private half is in {@code file}.
     *
     * @throws IOException naming the file when group or others may read or write it (the message says
     *                     how to fix it), or when it is not an Ed25519 PKCS#8 key
     */
    public static KeyPair load(Path file) throws IOException {
        byte[] encoded = OwnerOnlyFiles.read(file, "signing key");
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
            return new KeyPair(publicOf(privateKey), privateKey);
        } catch (GeneralSecurityException | ClassCastException e) {
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

    /**
     * The JDK 17 has no "public key of this private key" for EdDSA, but its generator derives the pair
     * from 32 random bytes, which are the private key; feeding it the stored ones gives the same pair.
     * That is an implementation detail, so the result is checked with a signature before it is used.
     */
    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key has no bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, new FixedBytes(seed));
        PublicKey derived = generator.generateKeyPair().getPublic();

        byte[] probe = "luot-signing-key-check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(derived);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("could not derive the public key of the signing key");
        }
        return derived;
    }

    /** Hands the key generator known bytes instead of random ones. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            // Anything but the 32 bytes expected gives a wrong pair, which the signature check refuses.
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }
}
