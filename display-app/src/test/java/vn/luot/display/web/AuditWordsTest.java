package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The supervisor reads the audit log in words, while the log keeps its codes. */
class AuditWordsTest {

    @Test
    void codesAreShownInTheWordsASupervisorUses() {
        assertThat(SupervisorTools.words("counter 3 VERY_SATISFIED")).isEqualTo("quầy 3 Rất hài lòng");
        assertThat(SupervisorTools.words("counter 2 → HT")).isEqualTo("quầy 2 → HT");
        assertThat(SupervisorTools.words("- RATE_LIMITED")).isEqualTo("- thử mã quá nhiều lần, tạm bị chặn");
        assertThat(SupervisorTools.words("kiosk-3 KIOSK")).isEqualTo("kiosk-3 Kiosk");
        assertThat(SupervisorTools.words("supervisor")).isEqualTo("giám sát");
    }

    @Test
    void anUnknownCodeIsShownAsItIsAndNothingIsShownForNothing() {
        assertThat(SupervisorTools.words("SOMETHING_NEW 7")).isEqualTo("SOMETHING_NEW 7");
        assertThat(SupervisorTools.words("")).isEmpty();
        assertThat(SupervisorTools.words(null)).isEmpty();
    }
}
