package vn.luot.display.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.staff.StaffAccount;
import vn.luot.core.staff.StaffAccounts;
import vn.luot.core.staff.StaffRole;

/**
 * The supervisor's staff accounts (add one, give a temporary PIN, disable, enable) and everyone's own PIN change.
 * A temporary PIN is shown once, to the supervisor, and must be replaced at the first sign-in; disabling an
 * account or resetting its PIN signs it out everywhere at once. A supervisor cannot disable their own account or
 * the branch's last active supervisor, so the branch never locks itself out. Answers are flash messages from the
 * {@code staff} bundle; the page audits each action.
 */
final class AccountAdmin {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final StaffAccounts accounts;
    private final StaffSessions sessions;

    /** @param accounts the branch's accounts, or null when this hub has none (then there is nothing to show) */
    AccountAdmin(StaffAccounts accounts, StaffSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    /** The accounts section of the supervisor's page, or null without an account store. */
    Map<String, Object> view(StaffSessions.Session self, boolean sharedCounterPins, boolean sharedSupervisorPin) {
        if (accounts == null) {
            return null;
        }
        List<Map<String, Object>> rows = accounts.list().stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("login", a.login());
            row.put("name", a.name());
            row.put("role", a.role().nameVi());
            row.put("state", SupervisorTools.text(a.disabled() ? "accounts.state.disabled"
                    : a.mustChange() ? "accounts.state.mustChange" : "accounts.state.active"));
            row.put("created", DAY.format(a.created().atZone(ZoneId.of(BranchTime.ZONE.getId()))));
            row.put("disable", !a.disabled() && !a.login().equals(self.login()) ? Boolean.TRUE : null);
            row.put("enable", a.disabled() ? Boolean.TRUE : null);
            row.put("reset", a.disabled() ? null : Boolean.TRUE);
            return row;
        }).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rows", rows.isEmpty() ? null : rows);
        List<String> warnings = new java.util.ArrayList<>();
        if (sharedCounterPins) {
            warnings.add(SupervisorTools.text("accounts.sharedCounters"));
        }
        if (sharedSupervisorPin) {
            warnings.add(SupervisorTools.text("accounts.sharedSupervisor"));
        }
        view.put("sharedWarnings", warnings.isEmpty() ? null : warnings);
        return view;
    }

    /** One of the supervisor's account actions; answers the flash message. */
    String act(StaffSessions.Session self, Map<String, String> form) {
        if (accounts == null) {
            throw new IllegalArgumentException("no staff accounts on this hub");
        }
        String action = form.getOrDefault("action", "");
        String login = form.getOrDefault("login", "").strip().toLowerCase(Locale.ROOT);
        if (action.equals("account-create")) {
            return create(self, login, form.getOrDefault("name", ""), form.getOrDefault("role", ""));
        }
        Optional<StaffAccount> found = accounts.find(login);
        if (found.isEmpty()) {
            return SupervisorTools.text("accounts.unknown", login);
        }
        StaffAccount account = found.get();
        return switch (action) {
            case "account-reset" -> {
                String pin = PinHash.temporary();
                accounts.resetPin(login, PinHash.hash(pin));
                sessions.closeAll(login);
                yield SupervisorTools.text("accounts.reset.done", login, pin);
            }
            case "account-disable" -> {
                if (login.equals(self.login())) {
                    yield SupervisorTools.text("accounts.notSelf");
                }
                if (account.supervisor() && accounts.list().stream()
                        .filter(a -> a.supervisor() && !a.disabled()).count() <= 1) {
                    yield SupervisorTools.text("accounts.lastSupervisor");
                }
                accounts.setDisabled(login, true);
                int closed = sessions.closeAll(login);
                yield SupervisorTools.text("accounts.disabled", login, closed);
            }
            case "account-enable" -> {
                accounts.setDisabled(login, false);
                yield SupervisorTools.text("accounts.enabled", login);
            }
            default -> throw new IllegalArgumentException("unknown account action '" + action + "'");
        };
    }

    private String create(StaffSessions.Session self, String login, String name, String role) {
        StaffRole r = "SUPERVISOR".equals(role) ? StaffRole.SUPERVISOR : StaffRole.CLERK;
        try {
            StaffAccount.checkLogin(login);
            StaffAccount.checkName(name);
        } catch (IllegalArgumentException e) {
            return SupervisorTools.text("accounts.invalid");
        }
        if (accounts.find(login).isPresent()) {
            return SupervisorTools.text("accounts.taken", login);
        }
        String pin = PinHash.temporary();
        accounts.create(login, name, r, PinHash.hash(pin), self.who());
        return SupervisorTools.text("accounts.created", login, r.nameVi(), pin);
    }

    /** The outcome of a person's own PIN change: done, or why not. */
    record PinChange(boolean done, String message) {
    }

    /** The signed-in account chooses its own PIN: the current one, then the new one twice. */
    PinChange changePin(StaffSessions.Session self, Map<String, String> form) {
        Optional<StaffAccount> account = accounts == null ? Optional.empty() : accounts.find(self.login());
        if (account.isEmpty() || account.get().disabled()) {
            return new PinChange(false, SupervisorTools.text("pin.noAccount"));
        }
        String current = form.getOrDefault("current", "");
        String next = form.getOrDefault("new", "");
        if (!PinHash.matches(current, account.get().pinHash())) {
            return new PinChange(false, SupervisorTools.text("pin.wrongCurrent"));
        }
        if (!next.equals(form.getOrDefault("repeat", ""))) {
            return new PinChange(false, SupervisorTools.text("pin.mismatch"));
        }
        if (next.equals(current)) {
            return new PinChange(false, SupervisorTools.text("pin.same"));
        }
        try {
            PinHash.checkPersonal(next);
        } catch (IllegalArgumentException e) {
            return new PinChange(false, e.getMessage());
        }
        accounts.changePin(self.login(), PinHash.hash(next));
        return new PinChange(true, SupervisorTools.text("pin.changed"));
    }
}
