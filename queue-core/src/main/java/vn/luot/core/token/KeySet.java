package vn.luot.core.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The public keys that verify booking QR codes, by key id: the current one and the previous ones still
 * honoured while their tokens may be in circulation. Immutable. Published by the central server as
 * {@code {"keys":[{"kid":1,"alg":"Ed25519","x":"<base64url of the raw 32-byte key>"}]}}.
 */
public final class KeySet {

    /** X.509 SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410); the raw 32 bytes follow it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int RAW_KEY_BYTES = 32;
    private static final String ALG = "Ed25519";
    private static final String PIN_PREFIX = "ed25519:";

    private final Map<Integer, PublicKey> keys;

    private KeySet(Map<Integer, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static KeySet empty() {
        return new KeySet(Map.of());
    }

    /** This set plus {@code key} under {@code keyId}, replacing any key that had that id. */
    public KeySet with(int keyId, PublicKey key) {
        if (keyId < 0 || keyId > 255) {
            throw new IllegalArgumentException("key ids are 0..255: " + keyId);
        }
        requireEd25519(key);
        Map<Integer, PublicKey> copy = new TreeMap<>(keys);
        copy.put(keyId, key);
        return new KeySet(copy);
    }

    public Optional<PublicKey> key(int keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public SortedSet<Integer> keyIds() {
        return new TreeSet<>(keys.keySet());
    }

    public int size() {
        return keys.size();
    }

    public String toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ArrayNode list = root.putArray("keys");
        new TreeMap<>(keys).forEach((kid, key) -> list.addObject().put("kid", kid).put("alg", ALG)
                .put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw(key))));
        return root.toString();
    }

    /**
     * The key set as published, signed: {@link #toJson()} with a {@code "signature"} member, the base64url
     * Ed25519 signature of the root key over the UTF-8 bytes of {@link #toJson()} (which is canonical:
     * keys sorted by id, members in one order, no spaces). Devices pin the root's public key in their config.
     */
    public String toSignedJson(PrivateKey root) {
        String body = toJson();
        try {
            Signature ed = Signature.getInstance(ALG);
            ed.initSign(root);
            ed.update(body.getBytes(StandardCharsets.UTF_8));
            ObjectNode signed = (ObjectNode) new ObjectMapper().readTree(body);
            signed.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(ed.sign()));
            return signed.toString();
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign the key set", e);
        }
    }

    /**
     * Reads a key set and checks that {@code root} signed it ({@link #toSignedJson}).
     *
     * @throws IllegalArgumentException when it is not a key set, carries no signature, or the signature is not
     *                                  the root's over exactly these keys
     */
    public static KeySet fromSignedJson(String text, PublicKey root) {
        KeySet keys = fromJson(text);
        JsonNode signature;
        try {
            signature = new ObjectMapper().readTree(text).get("signature");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a key set is JSON", e);
        }
        if (signature == null || !signature.isTextual()) {
            throw new IllegalArgumentException("the key set is not signed");
        }
        boolean valid;
        try {
            Signature ed = Signature.getInstance(ALG);
            ed.initVerify(root);
            ed.update(keys.toJson().getBytes(StandardCharsets.UTF_8));
            valid = ed.verify(Base64.getUrlDecoder().decode(signature.asText()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException("the key set's signature is not the pinned root key's");
        }
        return keys;
    }

    /** A public key as a device config pins it: {@code ed25519:} and the base64url of its raw 32 bytes. */
    public static String pinOf(PublicKey key) {
        requireEd25519(key);
        return PIN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw(key));
    }

    /** @throws IllegalArgumentException unless {@code pin} is {@code ed25519:<base64url of 32 bytes>} */
    public static PublicKey fromPin(String pin) {
        if (pin == null || !pin.startsWith(PIN_PREFIX)) {
            throw new IllegalArgumentException("a key pin is \"ed25519:<base64url of the raw 32-byte key>\"");
        }
        try {
            return publicKey(Base64.getUrlDecoder().decode(pin.substring(PIN_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key pin is \"ed25519:<base64url of the raw 32-byte key>\": "
                    + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException for anything that is not a valid key set, naming what is wrong */
    public static KeySet fromJson(String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a key set is JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("keys");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("a key set is {\"keys\": [...]}");
        }
        Map<Integer, PublicKey> keys = new TreeMap<>();
        for (JsonNode k : list) {
            JsonNode kid = k.path("kid");
            if (!kid.isInt() || kid.asInt() < 0 || kid.asInt() > 255) {
                throw new IllegalArgumentException("each key needs a kid 0..255");
            }
            if (!ALG.equals(k.path("alg").asText())) {
                throw new IllegalArgumentException("key " + kid.asInt() + " is not alg Ed25519");
            }
            if (!k.path("x").isTextual()) {
                throw new IllegalArgumentException("key " + kid.asInt() + " has no x");
            }
            byte[] raw;
            try {
                raw = Base64.getUrlDecoder().decode(k.path("x").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key " + kid.asInt() + ": x is not base64url", e);
            }
            if (keys.put(kid.asInt(), publicKey(raw)) != null) {
                throw new IllegalArgumentException("key " + kid.asInt() + " appears twice");
            }
        }
        return new KeySet(keys);
    }

    /** The raw 32-byte Ed25519 public key (RFC 8032), as published. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES, encoded.length);
    }

    /** @throws IllegalArgumentException unless {@code raw} is a 32-byte Ed25519 public key */
    static PublicKey publicKey(byte[] raw) {
        if (raw.length != RAW_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + raw.length);
        }
        byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_KEY_BYTES);
        System.arraycopy(raw, 0, spki, X509_PREFIX.length, RAW_KEY_BYTES);
        try {
            return KeyFactory.getInstance(ALG).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    private static void requireEd25519(PublicKey key) {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof EdECKey ed) || !ALG.equalsIgnoreCase(ed.getParams().getName())) {
            throw new IllegalArgumentException("booking tokens are verified with Ed25519 keys, not "
                    + key.getAlgorithm());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySet other && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "KeySet" + keyIds();
    }
}
