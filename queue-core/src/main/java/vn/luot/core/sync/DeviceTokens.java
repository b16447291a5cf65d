package vn.luot.core.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The per-device bearer tokens a server accepts. Only SHA-256 digests are held (and configured), so a
 * leaked config file or heap dump does not leak a token; comparison is constant-time. Immutable.
 */
public final class DeviceTokens implements DeviceRegistry {

    private final Map<String, DeviceIdentity> byDigest;

    private DeviceTokens(Map<String, DeviceIdentity> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    public static DeviceTokens none() {
        return new DeviceTokens(Map.of());
    }

    /** Adds a device by its token's SHA-256 digest (hex), as written in a server config file. */
    public DeviceTokens withDigest(String sha256Hex, DeviceIdentity device) {
        Map<String, DeviceIdentity> copy = new LinkedHashMap<>(byDigest);
        copy.put(sha256Hex.toLowerCase(java.util.Locale.ROOT), device);
        return new DeviceTokens(copy);
    }

    /** These tokens and {@code other}'s. */
    public DeviceTokens withAll(DeviceTokens other) {
        Map<String, DeviceIdentity> copy = new LinkedHashMap<>(byDigest);
        copy.putAll(other.byDigest);
        return new DeviceTokens(copy);
    }

    public DeviceTokens withToken(String token, DeviceIdentity device) {
        return withDigest(digest(token), device);
    }

    @Override
    public Optional<DeviceIdentity> authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        byte[] presented = HexFormat.of().parseHex(digest(authorization.substring(7).trim()));
        DeviceIdentity match = null;
        for (Map.Entry<String, DeviceIdentity> e : byDigest.entrySet()) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(e.getKey()))) {
                match = e.getValue();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The device configured with this token digest (hex), as a registry of enrolled devices asks. */
    public Optional<DeviceIdentity> byDigest(String sha256Hex) {
        return Optional.ofNullable(byDigest.get(sha256Hex.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Every configured token digest (hex) with its device. */
    public Map<String, DeviceIdentity> digests() {
        return byDigest;
    }

    @Override
    public Optional<DeviceIdentity> device(String branchId, String deviceId) {
        return byDigest.values().stream()
                .filter(d -> d.branchId().equals(branchId) && d.deviceId().equals(deviceId))
                .findFirst();
    }

    public static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceTokens[" + byDigest.size() + " devices]";
    }
}
