package vn.luot.display.web;

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
 * Who is signed in to the staff page: a random session id in an HttpOnly, SameSite=Strict cookie, and per
 * session a random CSRF token that every form carries back. A request with the cookie but not the token (a
 * page on another site posting to the hub) is refused. Sessions live in memory: a restart signs staff out,
 * which costs one PIN entry. Safe for concurrent use.
 */
public final class StaffSessions {

    /** What a session may do: one counter's operations, or the supervisor's. */
    public record Session(String id, String csrf, int counter, boolean supervisor, Instant expires) {
        public String who() {
            return supervisor ? "supervisor" : "counter " + counter;
        }
    }

    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> flashes = new ConcurrentHashMap<>();

    public StaffSessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Session open(int counter, boolean supervisor) {
        sessions.values().removeIf(s -> !clock.instant().isBefore(s.expires()));
        Session s = new Session(token(), token(), counter, supervisor, clock.instant().plus(lifetime));
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null || !clock.instant().isBefore(s.expires())) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Whether a form's token is this session's, compared in constant time. */
    public static boolean csrfMatches(Session s, String token) {
        return tokensMatch(s.csrf(), token);
    }

    /** Whether {@code given} is {@code expected}, compared in constant time. */
    public static boolean tokensMatch(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** A fresh random token (the sign-in form's). */
    public String newToken() {
        return token();
    }

    public void close(Session s) {
        sessions.remove(s.id());
        flashes.remove(s.id());
    }

    /** A one-time message for the next page of this session (post, redirect, get). */
    public void flash(Session s, String message) {
        flashes.put(s.id(), message);
    }

    public Optional<String> takeFlash(Session s) {
        return Optional.ofNullable(flashes.remove(s.id()));
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
