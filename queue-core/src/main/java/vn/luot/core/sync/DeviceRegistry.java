package vn.luot.core.sync;

import java.util.Optional;

/**
 * The devices a receiving side (hub or centre) knows: who a bearer token is, and which role a device id has
 * (to judge the events a hub relays for it). Implementations must be safe for concurrent use; a token
 * revoked or expired must stop authenticating at once, for every endpoint that asks.
 */
public interface DeviceRegistry {

    /** @param authorization the {@code Authorization} header, or null */
    Optional<DeviceIdentity> authenticate(String authorization);

    /** The device registered as {@code deviceId} of {@code branchId}, whatever the state of its tokens. */
    Optional<DeviceIdentity> device(String branchId, String deviceId);

    /**
     * Whether the device's revocation is decided but not yet in force where its token lives (an operator at the
     * centre revoked a kiosk that its hub enrolled): events relayed for it are refused meanwhile.
     */
    default boolean revocationPending(String branchId, String deviceId) {
        return false;
    }

    /** The token of a {@code Bearer} header, or null for any other header. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
