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

    /**
     * What a session may do: one counter's operations, or the supervisor's.
     *
     * @param login        the personal account signed in, or null for a counter's shared PIN (older configs)
     * @param role         the audit log's word for the signed-in role: {@code clerk} or {@code supervisor}
     * @param pinChangeDue the account's PIN was set by a supervisor: nothing but choosing a new one until it is done
     */
    public record Session(String id, String csrf, int counter, boolean supervisor, Instant expires, String login,
                          String role, boolean pinChangeDue) {
        /** The session id and its CSRF token are secrets (a log line must not let anyone take the session over). */
        @Override
        public String toString() {
            return "Session[" + who() + ", counter=" + counter + ", supervisor=" + supervisor + ", expires=" + expires
                    + ", role=" + role + ", pinChangeDue=" + pinChangeDue + "]";
        }

        /** Who the audit log and the log name: the account, or the counter (or supervisor) whose PIN was used. */
        public String who() {
            return login != null ? login : supervisor ? "supervisor" : "counter " + counter;
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

    /** A session for a counter's (or the supervisor's) shared PIN. */
    public Session open(int counter, boolean supervisor) {
        return open(counter, supervisor, null, supervisor ? "supervisor" : "clerk", false);
    }

    /** A session for a personal account; {@code supervisor} when it signed in to the supervisor's view. */
    public Session open(int counter, boolean supervisor, String login, String role, boolean pinChangeDue) {
        sessions.values().removeIf(s -> !clock.instant().isBefore(s.expires()));
        Session s = new Session(token(), token(), counter, supervisor, clock.instant().plus(lifetime), login, role,
                pinChangeDue);
        sessions.put(s.id(), s);
        return s;
    }

    /** The session after its account chose its own PIN. */
    public Session pinChanged(Session s) {
        Session changed = new Session(s.id(), s.csrf(), s.counter(), s.supervisor(), s.expires(), s.login(), s.role(),
                false);
        sessions.replace(s.id(), changed);
        return changed;
    }

    /** Signs an account out everywhere (disabled, or its PIN reset); answers how many sessions were open. */
    public int closeAll(String login) {
        int[] closed = {0};
        sessions.values().removeIf(s -> {
            boolean match = s.login() != null && s.login().equals(login);
            if (match) {
                flashes.remove(s.id());
                closed[0]++;
            }
            return match;
        });
        return closed[0];
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

    /** The message without using it up: a page's live refresh must not take it from the page the browser loads next. */
    public Optional<String> peekFlash(Session s) {
        return Optional.ofNullable(flashes.get(s.id()));
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
