package vn.luot.display.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How many PIN guesses the staff page lets through. An attempt is taken (counted as a failure) before the slow
 * PIN hash runs and given back only when the PIN was right, all under one lock, so parallel guessers cannot
 * slip extra tries between a stale read and its write.
 *
 * <p>Two limits, each with exponential back-off (1 min, 2, 4, … up to an hour):
 * <ul>
 *   <li>per client address: {@value #FREE_PER_CLIENT} wrong PINs, then locked out;</li>
 *   <li>per target (an account, or a counter's shared PIN), across addresses (a guesser with many addresses):
 *       after {@value #FREE_PER_TARGET} wrong PINs the target is locked, but only for the addresses that
 *       guessed wrong on it, so staff signing in from their own PC are never locked out by someone else's
 *       guessing.</li>
 * </ul>
 * Safe for concurrent use.
 */
final class SignInThrottle {

    static final int FREE_PER_CLIENT = 5;
    static final int FREE_PER_TARGET = 10;
    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofHours(1);
    private static final int MAX_TRACKED = 4096;

    private final Clock clock;
    private final Map<String, Strikes> clients = new HashMap<>();
    private final Map<String, Strikes> targets = new HashMap<>();
    private final Map<String, Set<String>> guessedWrong = new HashMap<>();

    private static final class Strikes {
        int failures;
        Instant lockedUntil = Instant.MIN;

        void fail(Instant now, int free) {
            failures++;
            if (failures >= free) {
                int doublings = Math.min(failures - free, 10);
                Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
                lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            }
        }

        void giveBack() {
            failures = Math.max(0, failures - 1);
        }
    }

    /** A taken attempt; hand it back with {@link #succeeded} when the PIN was right. */
    record Attempt(String client, String target) {
    }

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes an attempt for {@code client} on {@code target} ({@code account:NAME} or {@code counter:N}), or
     * answers how long that client must wait.
     */
    synchronized Optional<Duration> take(String client, String target, Attempt[] taken) {
        Instant now = clock.instant();
        forgetStale(now);
        Strikes byClient = clients.computeIfAbsent(client, c -> new Strikes());
        if (now.isBefore(byClient.lockedUntil)) {
            return Optional.of(Duration.between(now, byClient.lockedUntil));
        }
        Strikes byTarget = targets.computeIfAbsent(target, c -> new Strikes());
        Set<String> offenders = guessedWrong.computeIfAbsent(target, c -> new HashSet<>());
        if (now.isBefore(byTarget.lockedUntil) && offenders.contains(client)) {
            return Optional.of(Duration.between(now, byTarget.lockedUntil));
        }
        byClient.fail(now, FREE_PER_CLIENT);
        byTarget.fail(now, FREE_PER_TARGET);
        offenders.add(client);
        taken[0] = new Attempt(client, target);
        return Optional.empty();
    }

    /** The PIN was right: the attempt was not a failure, and the client starts afresh on that target. */
    synchronized void succeeded(Attempt attempt) {
        Strikes byClient = clients.get(attempt.client());
        if (byClient != null) {
            byClient.failures = 0;
            byClient.lockedUntil = Instant.MIN;
        }
        Strikes byTarget = targets.get(attempt.target());
        if (byTarget != null) {
            byTarget.giveBack();
        }
        guessedWrong.getOrDefault(attempt.target(), Set.of()).remove(attempt.client());
    }

    /** Failures of the client so far (tests, the log line). */
    synchronized int failures(String client) {
        Strikes s = clients.get(client);
        return s == null ? 0 : s.failures;
    }

    /** A hall full of phones must not grow the maps forever: forget clients whose last lock ran out long ago. */
    private void forgetStale(Instant now) {
        if (clients.size() < MAX_TRACKED) {
            return;
        }
        clients.values().removeIf(s -> now.isAfter(s.lockedUntil.plus(LONGEST_LOCK)));
        if (clients.size() >= MAX_TRACKED) {
            clients.clear();
        }
        guessedWrong.values().forEach(set -> set.retainAll(clients.keySet()));
    }
}
