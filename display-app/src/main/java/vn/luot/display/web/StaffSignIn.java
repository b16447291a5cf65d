package vn.luot.display.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import vn.luot.core.domain.Branch;
import vn.luot.core.staff.StaffAccount;
import vn.luot.core.staff.StaffAccounts;
import vn.luot.core.staff.StaffRole;

/**
 * Who may sign in to the staff page, and as what. A person signs in with their own account (sign-in name and
 * PIN) and says where they sit today: a counter, or the supervisor's view (supervisors only). The shared PINs
 * of older configs ({@code [staff] counter_pins}, {@code supervisor_pin}) still sign in, so an upgrade locks
 * nobody out, but only until the first active personal account of that role exists: from then on they are
 * refused with a message that says why. Guessing is limited by {@link SignInThrottle}; every success and failure
 * goes to the audit log. No HTTP here: the page hands in the form and the client address.
 */
final class StaffSignIn {

    private static final Logger LOG = Logger.getLogger(StaffSignIn.class.getName());
    /** Compared against when the account does not exist, so an unknown name costs the same time as a known one. */
    private static final String NO_ACCOUNT_HASH = PinHash.hash("000000");

    /** What a sign-in came to: a session, or a refusal with its HTTP status and message. */
    sealed interface Outcome {
        record SignedIn(StaffSessions.Session session) implements Outcome {
        }

        record Refused(int status, String message, Duration retryAfter) implements Outcome {
        }
    }

    private final StaffAccounts accounts;
    private final Branch branch;
    private final Map<Integer, String> sharedCounterPins;
    private final String sharedSupervisorPin;
    private final StaffSessions sessions;
    private final SignInThrottle throttle;
    private final SupervisorTools tools;

    /** @param accounts the branch's personal accounts, or null for a hub that has only the config's shared PINs */
    StaffSignIn(StaffAccounts accounts, Branch branch, Map<Integer, String> sharedCounterPins, String sharedSupervisorPin,
                StaffSessions sessions, SupervisorTools tools, Clock clock) {
        this.accounts = accounts;
        this.branch = branch;
        this.sharedCounterPins = Map.copyOf(sharedCounterPins);
        this.sharedSupervisorPin = sharedSupervisorPin;
        this.sessions = sessions;
        this.tools = tools;
        this.throttle = new SignInThrottle(clock);
    }

    /** Whether a counter's shared PIN still signs in (no active personal clerk account yet). */
    boolean sharedCounterPinsActive() {
        return !sharedCounterPins.isEmpty() && (accounts == null || !accounts.hasActive(StaffRole.CLERK));
    }

    boolean sharedSupervisorPinActive() {
        return sharedSupervisorPin != null && (accounts == null || !accounts.hasActive(StaffRole.SUPERVISOR));
    }

    boolean hasAccounts() {
        return accounts != null;
    }

    /** The counters a person can choose at sign-in. */
    java.util.List<Integer> counters() {
        return branch.counters().stream().map(vn.luot.core.domain.Counter::number)
                .filter(n -> accounts != null || sharedCounterPins.containsKey(n)).toList();
    }

    Outcome signIn(Map<String, String> form, String client) {
        String login = form.getOrDefault("login", "").strip().toLowerCase(Locale.ROOT);
        String where = form.getOrDefault("counter", "");
        String pin = form.getOrDefault("pin", "");
        boolean supervisorView = where.equals("supervisor");
        int counter;
        try {
            counter = supervisorView ? StaffPage.SUPERVISOR : Integer.parseInt(where);
        } catch (NumberFormatException e) {
            return refused(400, "choose");
        }
        if (!supervisorView && branch.counter(counter).isEmpty()) {
            return refused(400, "choose");
        }
        return login.isEmpty() ? sharedPin(counter, supervisorView, pin, client)
                : personal(login, counter, supervisorView, pin, client);
    }

    private Outcome personal(String login, int counter, boolean supervisorView, String pin, String client) {
        if (accounts == null) {
            return refused(403, "noAccounts");
        }
        SignInThrottle.Attempt[] attempt = new SignInThrottle.Attempt[1];
        Optional<Duration> wait = throttle.take(client, "account:" + login, attempt);
        if (wait.isPresent()) {
            return locked(wait.get());
        }
        Optional<StaffAccount> found = accounts.find(login);
        boolean pinRight = PinHash.matches(pin, found.map(StaffAccount::pinHash).orElse(NO_ACCOUNT_HASH));
        if (found.isEmpty() || !pinRight) {
            tools.record(login, found.map(a -> a.role().auditName()).orElse("-"), "staff.sign-in-failed", "", client);
            LOG.warning(() -> "staff page: wrong sign-in name or PIN for '" + login + "' from " + client
                    + " (" + throttle.failures(client) + " from there)");
            return refused(401, "wrongAccount");
        }
        StaffAccount account = found.get();
        throttle.succeeded(attempt[0]);
        if (account.disabled()) {
            tools.record(login, account.role().auditName(), "staff.sign-in-disabled", "", client);
            return refused(403, "disabled");
        }
        if (supervisorView && !account.supervisor()) {
            tools.record(login, account.role().auditName(), "staff.denied", "supervisor", client);
            return refused(403, "notSupervisor");
        }
        StaffSessions.Session s = sessions.open(counter, supervisorView, login, account.role().auditName(),
                account.mustChange());
        tools.record(login, account.role().auditName(), "staff.sign-in", supervisorView ? "" : "counter " + counter,
                client);
        LOG.info(() -> "staff page: " + login + " signed in" + (supervisorView ? " as supervisor" : " at counter " + counter));
        return new Outcome.SignedIn(s);
    }

    private Outcome sharedPin(int counter, boolean supervisorView, String pin, String client) {
        String hash = supervisorView ? sharedSupervisorPin : sharedCounterPins.get(counter);
        if (hash == null) {
            return refused(403, accounts != null ? "needAccount" : supervisorView ? "noSupervisorPin" : "noCounterPin");
        }
        if (supervisorView ? !sharedSupervisorPinActive() : !sharedCounterPinsActive()) {
            return refused(403, "sharedRetired");
        }
        SignInThrottle.Attempt[] attempt = new SignInThrottle.Attempt[1];
        Optional<Duration> wait = throttle.take(client, "counter:" + counter, attempt);
        if (wait.isPresent()) {
            return locked(wait.get());
        }
        String tried = supervisorView ? "supervisor" : "counter " + counter;
        String role = supervisorView ? "supervisor" : "clerk";
        if (!PinHash.matches(pin, hash)) {
            tools.record(tried, role, "staff.sign-in-failed", "", client);
            LOG.warning(() -> "staff page: wrong PIN for " + tried + " from " + client + " ("
                    + throttle.failures(client) + " from there)");
            return refused(401, "wrongPin");
        }
        throttle.succeeded(attempt[0]);
        StaffSessions.Session s = sessions.open(counter, supervisorView);
        tools.record(s.who(), role, "staff.sign-in", "", client);
        LOG.info(() -> "staff page: " + s.who() + " signed in with the shared PIN");
        return new Outcome.SignedIn(s);
    }

    private static Outcome locked(Duration wait) {
        long seconds = wait.toSeconds() + 1;
        return new Outcome.Refused(429, SupervisorTools.text("signIn.locked", seconds), Duration.ofSeconds(seconds));
    }

    private static Outcome refused(int status, String key) {
        return new Outcome.Refused(status, SupervisorTools.text("signIn." + key), null);
    }
}
