package vn.luot.server.identity;

import java.security.PublicKey;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who may book, and how often: the identity providers whose credentials the booking API takes (by issuer
 * id), the demo provider if this server runs one, the rate limits per citizen (bookings and cancellations)
 * and per client address (every booking request), and how long the centre remembers who booked.
 */
public record CitizenAccess(Map<String, PublicKey> issuers, DemoIdentityProvider demo, int citizenWritesPerMinute,
                            int addressRequestsPerMinute, Period citizenRetention) {

    public static final int DEFAULT_CITIZEN_WRITES_PER_MINUTE = 6;
    public static final int DEFAULT_ADDRESS_REQUESTS_PER_MINUTE = 120;
    public static final Period DEFAULT_RETENTION = Period.ofDays(30);

    public CitizenAccess {
        issuers = Map.copyOf(issuers);
        Objects.requireNonNull(citizenRetention, "citizenRetention");
    }

    /** No identity provider: nobody can book (until one is configured). */
    public static CitizenAccess none() {
        return new CitizenAccess(Map.of(), null, DEFAULT_CITIZEN_WRITES_PER_MINUTE,
                DEFAULT_ADDRESS_REQUESTS_PER_MINUTE, DEFAULT_RETENTION);
    }

    public CitizenAccess withIssuer(String issuer, PublicKey key) {
        Map<String, PublicKey> more = new LinkedHashMap<>(issuers);
        more.put(issuer, key);
        return new CitizenAccess(more, demo, citizenWritesPerMinute, addressRequestsPerMinute, citizenRetention);
    }

    /** Runs the demo provider at {@code POST /v1/demo/credentials} and trusts its credentials. */
    public CitizenAccess withDemo(DemoIdentityProvider provider) {
        return new CitizenAccess(issuers, provider, citizenWritesPerMinute, addressRequestsPerMinute, citizenRetention)
                .withIssuer(DemoIdentityProvider.ISSUER, provider.publicKey());
    }

    public CitizenAccess withRateLimits(int perCitizenWrites, int perAddressRequests) {
        return new CitizenAccess(issuers, demo, perCitizenWrites, perAddressRequests, citizenRetention);
    }

    public CitizenAccess withRetention(Period retention) {
        return new CitizenAccess(issuers, demo, citizenWritesPerMinute, addressRequestsPerMinute, retention);
    }
}
