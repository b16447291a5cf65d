package vn.luot.core.staff;

import java.time.Instant;

/**
 * One person's account at the branch.
 *
 * @param login      the sign-in name, also what the audit log records as the actor
 * @param name       the person's name as staff pages show it (never on a public screen)
 * @param pinHash    the PIN as the staff page's hash, never the PIN
 * @param mustChange the PIN was set by a supervisor: the person chooses their own before anything else
 * @param disabled   signed out everywhere and refused at sign-in (accounts are never deleted)
 */
public record StaffAccount(String login, String name, StaffRole role, String pinHash, boolean mustChange,
                           boolean disabled, Instant created, String createdBy) {

    private static final String LOGIN = "[a-z][a-z0-9._-]{1,31}";
    static final int MAX_NAME = 60;

    /** @throws IllegalArgumentException unless the login is 2–32 characters: a–z first, then a–z, 0–9, {@code . _ -} */
    public static void checkLogin(String login) {
        if (login == null || !login.matches(LOGIN)) {
            throw new IllegalArgumentException("a sign-in name is 2 to 32 characters: a-z first, then a-z, 0-9, . _ -");
        }
    }

    /** The name stripped; @throws IllegalArgumentException when empty, too long or holding control characters. */
    public static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a name is 1 to " + MAX_NAME + " characters, without control characters");
        }
        return n;
    }

    public boolean supervisor() {
        return role == StaffRole.SUPERVISOR;
    }
}
