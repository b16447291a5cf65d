package vn.luot.core.token;

import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a scanned QR text offline against the key set the device pulled. Never throws: every input,
 * however broken, gets a verdict. Safe for concurrent use.
 */
public final class TokenVerifier {

    private static final int SIGNATURE_BYTES = 64;
    private static final int MAX_TEXT = 400;

    /** Why a scanned code is not a valid booking. */
    public enum Reason {
        /** Not one of ours at all: a URL, a citizen ID card, random text. */
        NOT_A_LUOT_CODE,
        /** Ours by its prefix, but damaged, truncated or of an unknown version. */
        MALFORMED,
        /** Signed with a key this device does not know (yet). */
        UNKNOWN_KEY,
        /** Forged or altered. */
        BAD_SIGNATURE,
        EXPIRED
    }

    /** The verdict on a scanned text. */
    public sealed interface Verification {
        record Valid(BookingToken token) implements Verification {
        }

        record Invalid(Reason reason) implements Verification {
        }
    }

    private final KeySet keys;

    public TokenVerifier(KeySet keys) {
        this.keys = keys;
    }

    public Verification verify(String scanned, Instant now) {
        try {
            return check(scanned, now);
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            return new Verification.Invalid(Reason.MALFORMED);
        }
    }

    private Verification check(String scanned, Instant now) throws java.security.GeneralSecurityException {
        if (scanned == null) {
            return invalid(Reason.NOT_A_LUOT_CODE);
        }
        String text = scanned.strip();
        if (!text.startsWith(TokenSigner.PREFIX)) {
            return invalid(Reason.NOT_A_LUOT_CODE);
        }
        if (text.length() > MAX_TEXT) {
            return invalid(Reason.MALFORMED);
        }
        byte[] all;
        try {
            all = Base45.decode(text.substring(TokenSigner.PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return invalid(Reason.MALFORMED);
        }
        if (all.length <= SIGNATURE_BYTES + 3) {
            return invalid(Reason.MALFORMED);
        }
        int payloadLength = all.length - SIGNATURE_BYTES;
        BookingToken token;
        try {
            token = BookingToken.parse(all, payloadLength);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return invalid(Reason.MALFORMED);
        }
        Optional<PublicKey> key = keys.key(token.keyId());
        if (key.isEmpty()) {
            return invalid(Reason.UNKNOWN_KEY);
        }
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(key.get());
        ed.update(all, 0, payloadLength);
        boolean genuine;
        try {
            genuine = ed.verify(all, payloadLength, SIGNATURE_BYTES);
        } catch (java.security.SignatureException e) {
            // JDK 17's Ed25519 throws for some malformed signatures instead of returning false.
            genuine = false;
        }
        if (!genuine) {
            return invalid(Reason.BAD_SIGNATURE);
        }
        if (!now.isBefore(token.expires())) {
            return invalid(Reason.EXPIRED);
        }
        return new Verification.Valid(token);
    }

    private static Verification invalid(Reason reason) {
        return new Verification.Invalid(reason);
    }
}
