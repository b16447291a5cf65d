package vn.luot.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import vn.luot.core.staff.StaffAccounts;
import vn.luot.core.staff.StaffRole;
import vn.luot.display.web.PinHash;

/**
 * The demo branch's staff: one personal account per person, as a supervisor would have made them (the names are
 * invented). A continued demo keeps the accounts it has; the supervisor adds more on the staff page.
 */
final class DemoStaff {

    record Account(String login, String name, StaffRole role, String pin) {
    }

    static final List<Account> ACCOUNTS = List.of(
            new Account("giamsat", "Phạm Thu Hà", StaffRole.SUPERVISOR, "975310"),
            new Account("lan", "Nguyễn Thị Lan", StaffRole.CLERK, "240601"),
            new Account("minh", "Trần Đức Minh", StaffRole.CLERK, "240602"),
            new Account("hoa", "Lê Thị Hoa", StaffRole.CLERK, "240603"));

    private DemoStaff() {
    }

    /** Makes the accounts the demo's hub does not have yet, in its data folder. */
    static void seed(Path displayData, Clock clock) throws java.io.IOException {
        Files.createDirectories(displayData);
        try (StaffAccounts accounts = StaffAccounts.open(displayData.resolve("staff.db"), clock)) {
            for (Account a : ACCOUNTS) {
                if (accounts.find(a.login()).isEmpty()) {
                    accounts.create(a.login(), a.name(), a.role(), PinHash.hash(a.pin()), "demo", false);
                }
            }
        }
    }

    /** The sign-ins, as the demo prints them: {@code giamsat 975310 (giám sát), lan 240601, …}. */
    static String describe() {
        return ACCOUNTS.stream().map(a -> a.login() + " " + a.pin() + (a.role() == StaffRole.SUPERVISOR
                ? " (giám sát)" : "")).collect(Collectors.joining(", "));
    }
}
