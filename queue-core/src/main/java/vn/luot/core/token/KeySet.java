package vn.luot.core.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public keys that verify booking QR codes, by key id: the current one and the previous ones
 * still honoured while their tokens may be in circulation. Immutable; published at {@code GET /v1/keys}
 * as {@code {"keys":[{"kid":1,"alg":"Ed25519","x":"<base64url raw key>"}]}}.
 */
public final class KeySet {

    /** X.509 SubjectPublicKeyInfo header of an Ed25519 key; the raw 32 bytes follow it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Map<Integer, PublicKey> keys;

    private KeySet(Map<Integer, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static KeySet empty() {
        return new KeySet(Map.of());
    }

    public KeySet with(int keyId, PublicKey key) {
        if (keyId < 0 || keyId > 255) {
            throw new IllegalArgumentException("key ids are 0..255");
        }
        Map<Integer, PublicKey> copy = new TreeMap<>(keys);
        copy.put(keyId, key);
        return new KeySet(copy);
    }

    public Optional<PublicKey> key(int keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public int size() {
        return keys.size();
    }

    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("keys");
        new TreeMap<>(keys).forEach((kid, key) -> {
            byte[] encoded = key.getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            list.addObject().put("kid", kid).put("alg", "Ed25519")
                    .put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        });
        return root.toString();
    }

    /** @throws IllegalArgumentException for anything that is not a valid key set */
    public static KeySet fromJson(String text) {
        try {
            JsonNode root = new ObjectMapper().readTree(text);
            JsonNode list = root == null ? null : root.get("keys");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("a key set is {\"keys\": [...]}");
            }
            KeySet set = empty();
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            for (JsonNode k : list) {
                if (!"Ed25519".equals(k.path("alg").asText()) || !k.path("kid").canConvertToInt()) {
                    throw new IllegalArgumentException("each key needs kid and alg Ed25519");
                }
                byte[] raw = Base64.getUrlDecoder().decode(k.path("x").asText());
                if (raw.length != 32) {
                    throw new IllegalArgumentException("an Ed25519 key is 32 bytes");
                }
                byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
                System.arraycopy(raw, 0, spki, X509_PREFIX.length, 32);
                set = set.with(k.path("kid").asInt(), factory.generatePublic(new X509EncodedKeySpec(spki)));
            }
            return set;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid key set: " + e.getMessage(), e);
        }
    }
}
