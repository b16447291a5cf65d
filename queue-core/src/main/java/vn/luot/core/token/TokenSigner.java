package vn.luot.core.token;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/** Signs booking tokens with the central server's current Ed25519 key. Safe for concurrent use. */
public final class TokenSigner {

    /** Starts every booking QR text; the version lets a later layout live beside this one. */
    public static final String PREFIX = "LT1:";

    private final int keyId;
    private final PrivateKey key;

    public TokenSigner(int keyId, PrivateKey key) {
        if (keyId < 0 || keyId > 255) {
            throw new IllegalArgumentException("key ids are 0..255: " + keyId);
        }
        this.keyId = keyId;
        this.key = Objects.requireNonNull(key, "key");
    }

    public int keyId() {
        return keyId;
    }

    /**
     * The QR text: {@code LT1:} and the Base45 of the payload followed by its signature. Only
     * characters of the QR alphanumeric mode.
     *
     * @throws IllegalArgumentException when the token names another key than this signer's
     */
    public String sign(BookingToken token) {
        if (token.keyId() != keyId) {
            throw new IllegalArgumentException("token names key " + token.keyId() + ", signer holds key " + keyId);
        }
        byte[] payload = token.payload();
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(payload);
            byte[] signature = ed.sign();
            byte[] all = new byte[payload.length + signature.length];
            System.arraycopy(payload, 0, all, 0, payload.length);
            System.arraycopy(signature, 0, all, payload.length, signature.length);
            return PREFIX + Base45.encode(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
