package vn.luot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Branch;
import vn.luot.core.rules.CheckInWindow;

/** A branch file: its times (check-in window, last walk-in) and address, and a clear message for each typo. */
class BranchConfigTest {

    private static final String BASE = """
            id = "hn-test"
            name = "Chi nhánh thử"
            hours = ["08:00-12:00", "13:00-17:00"]
            fields = [ { code = "HT", name_vi = "Hộ tịch", name_en = "Civil status" } ]
            counters = [ { number = 1, fields = ["HT"] } ]
            """;

    @TempDir
    Path dir;

    private Branch load(String extra) throws Exception {
        Path file = dir.resolve("branch.toml");
        Files.writeString(file, extra + BASE);
        return BranchConfig.load(file);
    }

    @Test
    void withoutTheNewKeysABranchKeepsTheTimesItHadBefore() throws Exception {
        Branch branch = load("");
        assertThat(branch.times()).isEqualTo(Branch.Times.DEFAULT);
        assertThat(branch.address()).isEmpty();
        assertThat(branch.walkInsEnd()).isEqualTo(LocalTime.of(17, 0));
        assertThat(CheckInWindow.of(branch.times())).isEqualTo(CheckInWindow.DEFAULT);
    }

    @Test
    void theBranchSetsItsCheckInWindowLastWalkInAndAddress() throws Exception {
        Branch branch = load("""
                address = "Số 1 Lý Thái Tổ, Hà Nội"
                check_in_opens_before_minutes = 20
                check_in_grace_minutes = 10
                last_walk_in = "16:30"
                """);
        assertThat(branch.address()).isEqualTo("Số 1 Lý Thái Tổ, Hà Nội");
        assertThat(branch.times().checkInOpensBefore()).isEqualTo(Duration.ofMinutes(20));
        assertThat(branch.times().checkInGrace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(branch.walkInsEnd()).isEqualTo(LocalTime.of(16, 30));
    }

    @Test
    void aLastWalkInAfterClosingMeansClosing() throws Exception {
        assertThat(load("last_walk_in = \"18:00\"\n").walkInsEnd()).isEqualTo(LocalTime.of(17, 0));
    }

    @Test
    void aTypoInTheTimesNamesTheKey() {
        assertThatThrownBy(() -> load("last_walk_in = \"4:30 pm\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("last_walk_in").hasMessageContaining("4:30 pm");
        assertThatThrownBy(() -> load("check_in_grace_minutes = -5\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("check_in_grace_minutes");
        assertThatThrownBy(() -> load("check_in_opens_before_minutes = 600\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("check_in_opens_before_minutes");
    }

    @Test
    void aFieldMayGiveTheEverydayWordsInBothLanguagesShortEnoughForATile() throws Exception {
        Path file = dir.resolve("words.toml");
        Files.writeString(file, BASE.replace("name_en = \"Civil status\" }",
                "name_en = \"Civil status\", everyday_vi = \"khai sinh, kết hôn\", everyday_en = \"birth, marriage\" }"));
        assertThat(BranchConfig.load(file).field("HT")).hasValueSatisfying(f -> {
            assertThat(f.everydayVi()).isEqualTo("khai sinh, kết hôn");
            assertThat(f.everydayEn()).isEqualTo("birth, marriage");
        });

        Files.writeString(file, BASE.replace("name_en = \"Civil status\" }",
                "name_en = \"Civil status\", everyday_vi = \"khai sinh\" }"));
        assertThatThrownBy(() -> BranchConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fields[0].everyday_en").hasMessageContaining("both languages");
        Files.writeString(file, BASE.replace("name_en = \"Civil status\" }", "name_en = \"Civil status\", everyday_vi = \""
                + "khai sinh, kết hôn, khai tử, nhận cha mẹ con, cải chính hộ tịch\", everyday_en = \"birth\" }"));
        assertThatThrownBy(() -> BranchConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fields[0].everyday_vi").hasMessageContaining("at most 48");
    }

    @Test
    void theShippedServerTemplatesGiveEveryDemoFieldItsEverydayWords() throws Exception {
        for (Path template : java.util.List.of(Path.of("../deploy/src/deb/server/root/etc/luot/server.toml"),
                Path.of("../booking-server/src/main/resources/demo-server.toml"))) {
            String text = Files.readString(template);
            assertThat(text.split("everyday_vi = ", -1)).as(template.toString()).hasSize(8);
        }
    }
}
