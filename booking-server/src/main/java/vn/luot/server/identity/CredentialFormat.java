package vn.luot.server.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

/**
 * The credential's text: {@code LC1.<base64url of the claims JSON>.<base64url of the Ed25519 signature over
 * "LC1." and the claims part>}. Claims: {@code iss}, {@code sub}, {@code birth_date} (YYYY-MM-DD) and
 * {@code exp} (seconds since the epoch). A compact cousin of a JWT with one algorithm, so there is no
 * {@code alg} to downgrade.
 */
public final class CredentialFormat {

    static final String PREFIX = "LC1.";
    private static final int MAX_LENGTH = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private CredentialFormat() {
    }

    static String sign(CitizenCredential c, PrivateKey key) {
        ObjectNode claims = JSON.createObjectNode().put("iss", c.issuer()).put("sub", c.subject())
                .put("birth_date", c.birthDate().toString()).put("exp", c.expires().getEpochSecond());
        String signed = PREFIX + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + B64.encodeToString(ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Why a credential was not taken. */
    public enum Refusal { MALFORMED, UNKNOWN_ISSUER, BAD_SIGNATURE, EXPIRED }

    /** A verified credential, or why not. */
    public record Verified(CitizenCredential credential, Refusal refusal) {
    }

    /**
     * @param issuers the public key of each identity provider trusted, by its {@code iss}
     */
    public static Verified verify(String text, Map<String, PublicKey> issuers, Instant now) {
        if (text == null || text.length() > MAX_LENGTH || !text.startsWith(PREFIX)) {
            return refused(Refusal.MALFORMED);
        }
        int dot = text.indexOf('.', PREFIX.length());
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
            return refused(Refusal.MALFORMED);
        }
        JsonNode claims;
        byte[] signature;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(text.substring(PREFIX.length(), dot)));
            signature = Base64.getUrlDecoder().decode(text.substring(dot + 1));
        } catch (IOException | IllegalArgumentException e) {
            return refused(Refusal.MALFORMED);
        }
        if (claims == null || !claims.path("iss").isTextual() || !claims.path("sub").isTextual()
                || !claims.path("birth_date").isTextual() || !claims.path("exp").canConvertToLong()
                || !claims.path("exp").isIntegralNumber() || claims.path("sub").asText().isBlank()) {
            return refused(Refusal.MALFORMED);
        }
        PublicKey key = issuers.get(claims.path("iss").asText());
        if (key == null) {
            return refused(Refusal.UNKNOWN_ISSUER);
        }
        boolean valid;
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(text.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            valid = ed.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            return refused(Refusal.BAD_SIGNATURE);
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(claims.path("birth_date").asText());
        } catch (DateTimeParseException e) {
            return refused(Refusal.MALFORMED);
        }
        Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!now.isBefore(expires)) {
            return refused(Refusal.EXPIRED);
        }
        return new Verified(new CitizenCredential(claims.path("iss").asText(), claims.path("sub").asText(), birth,
                expires), null);
    }

    private static Verified refused(Refusal refusal) {
        return new Verified(null, refusal);
    }
}
