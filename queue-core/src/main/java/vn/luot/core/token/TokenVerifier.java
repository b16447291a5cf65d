package vn.luot.core.token;

import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks a scanned QR text offline against the key set the device pulled. Never throws for any
 * scanned text: however broken, it gets a verdict. Safe for concurrent use.
 */
public final class TokenVerifier {

    private static final int SIGNATURE_BYTES = 64;
    private static final int MIN_BYTES = 3 + 1 + 2 + 2 + 2 + 1 + 2 + 1 + 2 + 4 + SIGNATURE_BYTES;
    /** Longer than any genuine token; longer texts are refused before decoding. */
    private static final int MAX_TEXT = TokenSigner.PREFIX.length()
            + ((BookingToken.MAX_PAYLOAD_BYTES + SIGNATURE_BYTES) * 3 + 1) / 2;

    /** Why a scanned code is not a valid booking. */
    public enum Reason {
        /** Not one of ours at all: a URL, a citizen ID card, random text. */
        NOT_A_LUOT_CODE,
        /** Ours by its prefix, but damaged, truncated, of an unknown version or with values out of range. */
        MALFORMED,
        /** Signed with a key this device does not know (yet): pull the key set again. */
        UNKNOWN_KEY,
        /** Forged or altered. */
        BAD_SIGNATURE,
        /** Genuine, but past its expiry. */
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
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public KeySet keys() {
        return keys;
    }

    /**
     * @param scanned what the scanner read; surrounding whitespace and the CR/LF scanners append are ignored
     * @param now     the time to judge expiry by (from the device clock); a programming error if null
     */
    public Verification verify(String scanned, Instant now) {
        Objects.requireNonNull(now, "now");
        try {
            return check(scanned, now);
        } catch (Exception e) {
            // Nothing a QR code holds may take the kiosk off its screen; a case missed above ends here.
            return invalid(Reason.MALFORMED);
        }
    }

    private Verification check(String scanned, Instant now) throws Exception {
        if (scanned == null) {
            return invalid(Reason.NOT_A_LUOT_CODE);
        }
        // Trimming cannot eat part of a genuine code: space is a Base45 character, but the last character
        // of a valid Base45 text is at most value 32 (three-character group) or 5 (two-character group).
        int from = 0;
        int to = scanned.length();
        while (from < to && Character.isWhitespace(scanned.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(scanned.charAt(to - 1))) {
            to--;
        }
        if (!scanned.startsWith(TokenSigner.PREFIX, from)) {
            return invalid(Reason.NOT_A_LUOT_CODE);
        }
        from += TokenSigner.PREFIX.length();
        if (to - from > MAX_TEXT) {
            return invalid(Reason.MALFORMED);
        }
        byte[] all;
        try {
            all = Base45.decode(scanned, from, to);
        } catch (IllegalArgumentException e) {
            return invalid(Reason.MALFORMED);
        }
        if (all.length < MIN_BYTES) {
            return invalid(Reason.MALFORMED);
        }
        int payloadLength = all.length - SIGNATURE_BYTES;
        BookingToken token;
        try {
            token = BookingToken.parse(all, payloadLength);
        } catch (IllegalArgumentException e) {
            return invalid(Reason.MALFORMED);
        }
        PublicKey key = keys.key(token.keyId()).orElse(null);
        if (key == null) {
            return invalid(Reason.UNKNOWN_KEY);
        }
        if (!genuine(key, all, payloadLength)) {
            return invalid(Reason.BAD_SIGNATURE);
        }
        // Only after the signature, so a forgery is never reported as merely expired.
        if (!now.isBefore(token.expires())) {
            return invalid(Reason.EXPIRED);
        }
        return new Verification.Valid(token);
    }

    private static boolean genuine(PublicKey key, byte[] all, int payloadLength) throws Exception {
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(key);
        ed.update(all, 0, payloadLength);
        try {
            return ed.verify(all, payloadLength, SIGNATURE_BYTES);
        } catch (SignatureException e) {
            // JDK 17's Ed25519 throws, rather than returning false, for some malformed signatures.
            return false;
        }
    }

    private static Verification invalid(Reason reason) {
        return new Verification.Invalid(reason);
    }
}
