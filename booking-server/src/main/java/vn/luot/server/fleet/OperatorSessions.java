package vn.luot.server.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operators signed in to the fleet page: a random session id in an HttpOnly, SameSite=Strict cookie, and per
 * session a random CSRF token its forms carry back. In memory: a restart signs operators out. Safe for concurrent
 * use.
 */
final class OperatorSessions {

    record Session(String id, String csrf, String operator, Instant expires) {
        /** The id and the CSRF token would let whoever reads a log line act as the operator. */
        @Override
        public String toString() {
            return "Session[operator=" + operator + ", expires=" + expires + "]";
        }
    }

    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    OperatorSessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Session open(String operator) {
        sessions.values().removeIf(s -> !clock.instant().isBefore(s.expires()));
        Session s = new Session(token(), token(), operator, clock.instant().plus(lifetime));
        sessions.put(s.id(), s);
        return s;
    }

    Optional<Session> find(String id) {
        Session s = id == null ? null : sessions.get(id);
        return s == null || !clock.instant().isBefore(s.expires()) ? Optional.empty() : Optional.of(s);
    }

    void close(Session s) {
        sessions.remove(s.id());
    }

    String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean matches(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
