package vn.luot.core.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.MutableClock;

/** The account store on a real SQLite file: what it keeps, what it refuses, and that it survives a restart. */
class StaffAccountsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00");

    @Test
    void anAccountSurvivesARestartWithItsStateAndNeverItsPin() throws Exception {
        Path file = dir.resolve("staff.db");
        try (StaffAccounts accounts = StaffAccounts.open(file, clock)) {
            StaffAccount lan = accounts.create("lan", "  Nguyễn Thị Lan ", StaffRole.CLERK, "hash-1", "giamsat");
            assertThat(lan.name()).isEqualTo("Nguyễn Thị Lan");
            assertThat(lan.mustChange()).isTrue();
            clock.advance(Duration.ofHours(1));
            accounts.changePin("lan", "hash-2");
            accounts.setDisabled("lan", true);
        }
        try (StaffAccounts accounts = StaffAccounts.open(file, clock)) {
            StaffAccount lan = accounts.find("lan").orElseThrow();
            assertThat(lan.pinHash()).isEqualTo("hash-2");
            assertThat(lan.mustChange()).isFalse();
            assertThat(lan.disabled()).isTrue();
            assertThat(lan.createdBy()).isEqualTo("giamsat");
            assertThat(lan.created()).isEqualTo(java.time.Instant.parse("2026-11-23T01:00:00Z"));
            assertThat(accounts.hasActive(StaffRole.CLERK)).as("a disabled account is not active").isFalse();
            accounts.resetPin("lan", "hash-3");
            assertThat(accounts.find("lan").orElseThrow().mustChange()).isTrue();
        }
    }

    @Test
    void malformedOrTakenNamesAreRefusedAndNothingIsStored() {
        try (StaffAccounts accounts = StaffAccounts.open(dir.resolve("staff.db"), clock)) {
            accounts.create("lan", "Lan", StaffRole.CLERK, "h", "x");
            assertThatThrownBy(() -> accounts.create("lan", "Lan 2", StaffRole.SUPERVISOR, "h", "x"))
                    .hasMessageContaining("taken");
            for (String bad : new String[] {"", "a", "Lan", "1lan", "lan nguyen", "lan'--", "x".repeat(33), "lân"}) {
                assertThatThrownBy(() -> accounts.create(bad, "Name", StaffRole.CLERK, "h", "x"))
                        .as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            for (String bad : new String[] {"", "   ", "a\nb", "n".repeat(61)}) {
                assertThatThrownBy(() -> accounts.create("ok", bad, StaffRole.CLERK, "h", "x"))
                        .as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> accounts.setDisabled("nobody", true)).hasMessageContaining("nobody");
            assertThat(accounts.list()).extracting(StaffAccount::login).containsExactly("lan");
        }
    }
}
