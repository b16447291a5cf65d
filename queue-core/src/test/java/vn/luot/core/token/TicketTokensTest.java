package vn.luot.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.TicketId;

class TicketTokensTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final Instant MORNING = DAY.atTime(9, 0).atZone(BranchTime.ZONE).toInstant();
    private static final TicketToken HT_12 = new TicketToken("hk-01", new TicketId(DAY, "HT", 12));

    private final TicketTokens branch = TicketTokens.ephemeral();

    @Test
    void aSignedTokenVerifiesBackToItsBranchDayAndNumber() {
        String text = branch.sign(HT_12);

        assertThat(branch.verify(text, MORNING)).isEqualTo(new TicketTokens.Verification.Valid(HT_12));
    }

    @Test
    void theTextIsShortAndFitsALinksPath() {
        String text = branch.sign(HT_12);

        assertThat(text).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(40);
        assertThat(branch.verify("  " + text + "\r\n", MORNING)).isInstanceOf(TicketTokens.Verification.Valid.class);
    }

    @Test
    void twoTicketsNeverShareATokenAndNoneCanBeGuessedFromAnother() {
        String a = branch.sign(HT_12);
        String b = branch.sign(new TicketToken("hk-01", new TicketId(DAY, "HT", 13)));

        assertThat(a).isNotEqualTo(b);
        assertThat(a.substring(a.length() - 16)).isNotEqualTo(b.substring(b.length() - 16));
    }

    @Test
    void anotherBranchsKeyVerifiesNothingOfThisBranch() {
        TicketTokens other = TicketTokens.ephemeral();
        // a kiosk of another branch, holding its own key, writes this branch's id into a token
        String forged = other.sign(HT_12);

        assertThat(branch.verify(forged, MORNING)).isEqualTo(invalid(TicketTokens.Reason.BAD_SIGNATURE));
    }

    @Test
    void anAlteredNumberIsRefusedAsForgedNotAsAnotherTicket() {
        byte[] bytes = Base64.getUrlDecoder().decode(branch.sign(HT_12));
        bytes[bytes.length - 13] ^= 1;

        assertThat(branch.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), MORNING))
                .isEqualTo(invalid(TicketTokens.Reason.BAD_SIGNATURE));
    }

    @Test
    void theTokenExpiresAtMidnightAfterItsDay() {
        String text = branch.sign(HT_12);
        Instant midnight = DAY.plusDays(1).atStartOfDay(BranchTime.ZONE).toInstant();

        assertThat(branch.verify(text, midnight.minusSeconds(1))).isInstanceOf(TicketTokens.Verification.Valid.class);
        assertThat(branch.verify(text, midnight)).isEqualTo(invalid(TicketTokens.Reason.EXPIRED));
    }

    @Test
    void anythingElseIsNotATicketTokenAndNeverThrows() {
        for (String text : new String[] {null, "", "HT-012", "LT1:ABC", "https://x/t/", "a".repeat(500), "%%%", "AQ"}) {
            assertThat(branch.verify(text, MORNING)).as(String.valueOf(text))
                    .isIn(invalid(TicketTokens.Reason.NOT_A_TICKET_TOKEN), invalid(TicketTokens.Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndReadBackTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ticket-key");
        String text = TicketTokens.openOrCreate(file).sign(HT_12);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(TicketTokens.openOrCreate(file).verify(text, MORNING))
                .isInstanceOf(TicketTokens.Verification.Valid.class);
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ticket-key");
        Files.write(file, new byte[7]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> TicketTokens.openOrCreate(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
    }

    private static TicketTokens.Verification invalid(TicketTokens.Reason reason) {
        return new TicketTokens.Verification.Invalid(reason);
    }
}
