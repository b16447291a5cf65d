package vn.luot.server.operator;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.luot.core.sync.DeviceRegistry;
import vn.luot.core.sync.DeviceTokens;

/**
 * The centre's operators (people at the city's IT desk), each with a personal bearer token of which only the
 * SHA-256 is configured; their name is what the audit log records. Immutable.
 */
public final class Operators {

    private final Map<String, String> nameByDigest;

    private Operators(Map<String, String> nameByDigest) {
        this.nameByDigest = Map.copyOf(nameByDigest);
    }

    public static Operators none() {
        return new Operators(Map.of());
    }

    public Operators withDigest(String name, String sha256Hex) {
        Map<String, String> copy = new LinkedHashMap<>(nameByDigest);
        copy.put(sha256Hex.toLowerCase(Locale.ROOT), name);
        return new Operators(copy);
    }

    public Operators withToken(String name, String token) {
        return withDigest(name, DeviceTokens.digest(token));
    }

    public Operators withAll(Operators other) {
        Map<String, String> copy = new LinkedHashMap<>(nameByDigest);
        copy.putAll(other.nameByDigest);
        return new Operators(copy);
    }

    /** The operator's name for a {@code Bearer} header, compared in constant time against every digest. */
    public Optional<String> authenticate(String authorization) {
        String token = DeviceRegistry.bearer(authorization);
        if (token == null) {
            return Optional.empty();
        }
        byte[] presented = HexFormat.of().parseHex(DeviceTokens.digest(token));
        String match = null;
        for (Map.Entry<String, String> e : nameByDigest.entrySet()) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(e.getKey()))) {
                match = e.getValue();
            }
        }
        return Optional.ofNullable(match);
    }

    @Override
    public String toString() {
        return "Operators[" + nameByDigest.size() + "]";
    }
}
