package vn.luot.core.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.luot.core.domain.TicketId;
import vn.luot.core.privacy.OwnerOnlyFiles;

/**
 * Signs and checks {@link TicketToken}s with the branch's ticket key (HMAC-SHA-256, cut to 96 bits). Every device
 * of a branch that prints or reads tickets holds the same 32-byte key file; another branch's key signs nothing
 * here. The text is URL-safe Base64 without padding, about 35 characters, so it fits a link's path and a small QR.
 *
 * <p>Layout, version 1: {@code 1} version · {@code 1+n} branch id · {@code 2} days since 2020-01-01 ·
 * {@code 1+m} field code · {@code 2} number · {@code 12} MAC over the bytes before it.
 * Verifying never throws for any scanned text. Safe for concurrent use.
 */
public final class TicketTokens {

    /** Why a text is not a valid ticket token of this branch's key. */
    public enum Reason {
        /** Not shaped like a ticket token at all (a booking code, a URL of something else, random text). */
        NOT_A_TICKET_TOKEN,
        /** Shaped like one, but its values are out of range. */
        MALFORMED,
        /** Not signed with this branch's key: forged, altered, or another branch's. */
        BAD_SIGNATURE,
        /** Genuine, but its day is over. */
        EXPIRED
    }

    /** The verdict on a scanned or requested text. */
    public sealed interface Verification {
        record Valid(TicketToken token) implements Verification {
        }

        record Invalid(Reason reason) implements Verification {
        }
    }

    private static final int VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int MAC_BYTES = 12;
    private static final int MAX_TEXT = 64;
    private static final String ALG = "HmacSHA256";

    private final SecretKeySpec key;

    private TicketTokens(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a ticket key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, ALG);
    }

    /** With the given key bytes (tests, and a key read elsewhere). */
    public static TicketTokens withKey(byte[] key) {
        return new TicketTokens(key.clone());
    }

    /** With a fresh random key held in memory only. */
    public static TicketTokens ephemeral() {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        return new TicketTokens(fresh);
    }

    /**
     * Loads the branch's ticket key, or creates 32 random bytes (0600) when the file does not exist yet.
     *
     * @throws UncheckedIOException naming the file when others may read it, or it is not a 32-byte key
     */
    public static TicketTokens openOrCreate(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                OwnerOnlyFiles.write(keyFile, fresh);
            }
            byte[] bytes = OwnerOnlyFiles.read(keyFile, "ticket key");
            if (bytes.length != KEY_BYTES) {
                throw new IOException("The ticket key " + keyFile + " is " + bytes.length + " bytes, not " + KEY_BYTES
                        + "; copy the branch's ticket key from the hub");
            }
            return new TicketTokens(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public String sign(TicketToken token) {
        byte[] payload = payload(token);
        byte[] all = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac(payload, payload.length), 0, all, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /**
     * @param text what the scanner read or the link's last path segment; surrounding whitespace is ignored
     * @param now  the device's time, to judge expiry by
     */
    public Verification verify(String text, Instant now) {
        Objects.requireNonNull(now, "now");
        try {
            return check(text == null ? "" : text.strip(), now);
        } catch (RuntimeException e) {
            // Nothing a QR code or a link holds may take a kiosk or the hub down; a case missed below ends here.
            return new Verification.Invalid(Reason.MALFORMED);
        }
    }

    private Verification check(String text, Instant now) {
        if (text.isEmpty() || text.length() > MAX_TEXT || !text.matches("[A-Za-z0-9_-]+")) {
            return new Verification.Invalid(Reason.NOT_A_TICKET_TOKEN);
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new Verification.Invalid(Reason.NOT_A_TICKET_TOKEN);
        }
        if (all.length <= MAC_BYTES || all[0] != VERSION) {
            return new Verification.Invalid(Reason.NOT_A_TICKET_TOKEN);
        }
        int payloadLength = all.length - MAC_BYTES;
        byte[] expected = mac(all, payloadLength);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(all, payloadLength, all.length))) {
            return new Verification.Invalid(Reason.BAD_SIGNATURE);
        }
        TicketToken token;
        try {
            token = parse(ByteBuffer.wrap(all, 0, payloadLength));
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            return new Verification.Invalid(Reason.MALFORMED);
        }
        if (!now.isBefore(token.expires())) {
            return new Verification.Invalid(Reason.EXPIRED);
        }
        return new Verification.Valid(token);
    }

    private static byte[] payload(TicketToken token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(VERSION);
        writeAscii(out, token.branchId());
        int days = (int) ChronoUnit.DAYS.between(BookingToken.EPOCH_DAY, token.day());
        out.write(days >> 8);
        out.write(days);
        writeAscii(out, token.ticket().field());
        out.write(token.ticket().number() >> 8);
        out.write(token.ticket().number());
        return out.toByteArray();
    }

    private static TicketToken parse(ByteBuffer in) {
        in.get();
        String branch = readAscii(in);
        int days = in.getShort() & 0xffff;
        String field = readAscii(in);
        int number = in.getShort() & 0xffff;
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after the ticket token");
        }
        return new TicketToken(branch, new TicketId(BookingToken.EPOCH_DAY.plusDays(days), field, number));
    }

    private byte[] mac(byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance(ALG);
            mac.init(key);
            mac.update(bytes, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HMAC-SHA-256", e);
        }
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static String readAscii(ByteBuffer in) {
        byte[] bytes = new byte[in.get() & 0xff];
        in.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "TicketTokens[HMAC-SHA-256]";
    }
}
