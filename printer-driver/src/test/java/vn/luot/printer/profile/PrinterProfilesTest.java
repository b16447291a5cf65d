package vn.luot.printer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrinterProfilesTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedProfileLoadsAndNamesItself() {
        for (String id : PrinterProfiles.BUILT_IN) {
            PrinterProfile p = PrinterProfiles.builtIn(id);
            assertThat(p.id()).isEqualTo(id);
            assertThat(p.paperWidthDots()).isIn(384, 512, 576);
        }
    }

    @Test
    void epsonProfilesUseTcvn3OnPages30And31() {
        PrinterProfile p = PrinterProfiles.builtIn("epson-tm-t20");
        assertThat(p.vietnamese()).isEqualTo(VietnameseStrategy.TCVN3);
        assertThat(p.tcvn3LowerPage()).isEqualTo(30);
        assertThat(p.tcvn3UpperPage()).isEqualTo(31);
        assertThat(p.cp1258Page()).isEqualTo(52);
    }

    @Test
    void aMisspelledKeyInAProfileFileIsRefusedWithItsName() throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, """
                {"id":"x","name":"x","paperWidthDots":576,"cutter":true,"nativeQr":true,"vietnamese":"raster",
                 "tcvn3LowerPage":-1,"tcvn3UpperPage":-1,"cp1258Page":-1,"cancelKanji":true,"papreWidth":1}""");
        assertThatThrownBy(() -> PrinterProfiles.fromFile(file)).hasMessageContaining("papreWidth");
    }

    @Test
    void tcvn3WithoutPageNumbersIsRefused() {
        assertThatThrownBy(() -> new PrinterProfile("x", "x", 576, true, true, VietnameseStrategy.TCVN3, -1, -1, -1, false))
                .hasMessageContaining("tcvn3LowerPage");
    }

    @Test
    void anUnknownBuiltInProfileListsTheKnownOnes() {
        assertThatThrownBy(() -> PrinterProfiles.builtIn("epson-tm-u220")).hasMessageContaining("generic-80mm");
    }
}
