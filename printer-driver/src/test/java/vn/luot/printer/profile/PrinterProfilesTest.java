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
    void theTmT88PrintsFortyTwoColumnsOn512DotsNot576() {
        PrinterProfile t88 = PrinterProfiles.builtIn("epson-tm-t88");
        assertThat(t88.paperWidthDots()).isEqualTo(512);
        assertThat(t88.fontAColumns()).isEqualTo(42);
    }

    @Test
    void theUnverifiedTmT82UsesOnlyWhatEveryPrinterDoes() {
        PrinterProfile t82 = PrinterProfiles.builtIn("epson-tm-t82");
        assertThat(t82.name()).contains("unverified");
        assertThat(t82.vietnamese()).isEqualTo(VietnameseStrategy.RASTER);
        assertThat(t82.nativeQr()).isFalse();
    }

    @Test
    void cloneProfilesCarryTheirVendorsCp1258PageAndNeverEpsons52() {
        assertThat(PrinterProfiles.builtIn("zjiang-pos5890").cp1258Page()).isEqualTo(94);
        assertThat(PrinterProfiles.builtIn("netum-nt80").cp1258Page()).isEqualTo(94);
        assertThat(PrinterProfiles.builtIn("rongta-rp326").cp1258Page()).isEqualTo(35);
        assertThat(PrinterProfiles.builtIn("xprinter-xp80").cp1258Page()).isEqualTo(-1);
        assertThat(PrinterProfiles.BUILT_IN).doesNotContain("generic-80mm-cp1258");
        for (String id : PrinterProfiles.BUILT_IN) {
            PrinterProfile p = PrinterProfiles.builtIn(id);
            boolean epsonPages = id.equals("epson-tm-t20") || id.equals("epson-tm-t88");
            assertThat(p.cp1258Page() == 52).as(id).isEqualTo(epsonPages);
            assertThat(p.cancelKanji()).as(id + " sends FS .").isEqualTo(!epsonPages);
            assertThat(p.vietnamese() == VietnameseStrategy.RASTER).as(id + " defaults to raster").isEqualTo(!epsonPages);
        }
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
