package vn.luot.display.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.luot.core.domain.DemoBranch;

class CallSentenceTest {

    private final CallWording demo = CallWording.of(DemoBranch.create(), true);

    @Test
    void saysTheFieldSoTheSameNumberOfTwoFieldsAtOneCounterGivesTwoSentences() {
        // Counter 10 serves LD, HT and CT, and every field numbers from 1.
        assertThat(demo.sentence("HT-012", 10).text())
                .isEqualTo("Xin mời công dân có số thứ tự Hộ tịch mười hai đến quầy số mười.");
        assertThat(demo.sentence("LD-012", 10).text())
                .isEqualTo("Xin mời công dân có số thứ tự Lao động Thương binh và Xã hội mười hai đến quầy số mười.");
        assertThat(demo.sentence("CT-012", 10).text())
                .isEqualTo("Xin mời công dân có số thứ tự Chứng thực mười hai đến quầy số mười.");
    }

    @Test
    void withoutTheBranchsNamesTheDefaultCallSpellsTheFieldCode() {
        assertThat(CallSentence.of("HT-012", 10).text())
                .isEqualTo("Xin mời công dân có số thứ tự hát tê mười hai đến quầy số mười.");
        assertThat(CallSentence.of("HT-012", 10).text()).isNotEqualTo(CallSentence.of("CT-012", 10).text());
        assertThat(CallSentence.withFieldName("QQ-012", 10, java.util.Map.of("HT", "Hộ tịch")).text())
                .as("a code the branch does not name is spelt")
                .isEqualTo("Xin mời công dân có số thứ tự quy quy mười hai đến quầy số mười.");
    }

    @Test
    void aBranchWithNumbersUniqueAcrossFieldsMayCallTheNumberAlone() {
        CallWording unique = CallWording.of(DemoBranch.create(), false);
        assertThat(unique.sentence("HT-012", 5).text())
                .isEqualTo("Xin mời công dân có số thứ tự mười hai đến quầy số năm.");
    }

    @Test
    void readsNumbersTheHanoiWayWithoutLeadingZeros() {
        assertThat(CallSentence.numberOnly("CT-208", 3).text())
                .isEqualTo("Xin mời công dân có số thứ tự hai trăm linh tám đến quầy số ba.");
        assertThat(CallSentence.numberOnly("HT-007", 1).text())
                .isEqualTo("Xin mời công dân có số thứ tự bảy đến quầy số một.");
        assertThat(CallSentence.numberOnly("HT-0007", 11).text())
                .isEqualTo("Xin mời công dân có số thứ tự bảy đến quầy số mười một.");
        assertThat(CallSentence.numberOnly("015", 15).text())
                .isEqualTo("Xin mời công dân có số thứ tự mười lăm đến quầy số mười lăm.");
        assertThat(demo.sentence("HT-031", 21).text())
                .isEqualTo("Xin mời công dân có số thứ tự Hộ tịch ba mươi mốt đến quầy số hai mươi mốt.");
        assertThat(demo.sentence("DD-034", 5).text())
                .isEqualTo("Xin mời công dân có số thứ tự Đất đai ba mươi tư đến quầy số năm.");
        assertThat(demo.sentence("CTR-045", 14).text())
                .isEqualTo("Xin mời công dân có số thứ tự Cư trú bốn mươi lăm đến quầy số mười bốn.");
        assertThat(demo.sentence("KD-2030", 4).text())
                .isEqualTo("Xin mời công dân có số thứ tự Đăng ký kinh doanh hai nghìn không trăm ba mươi đến quầy số bốn.");
        assertThat(demo.sentence("XD-1105", 25).text())
                .isEqualTo("Xin mời công dân có số thứ tự Xây dựng một nghìn một trăm linh năm đến quầy số hai mươi lăm.");
    }

    @Test
    void everyDemoFieldNameHasAShippedClip() {
        ClipLibrary clips = ClipLibrary.shipped();
        for (var f : DemoBranch.fields()) {
            for (String phrase : demo.sentence(f.code() + "-012", 10).phrases()) {
                assertThat(clips.clip(phrase)).as("clip for '%s'", phrase).isPresent();
            }
        }
    }

    @Test
    void spellsTheFieldCodeWhenTheBranchAsksForIt() {
        assertThat(CallSentence.withFieldCode("HT-012", 5).text())
                .isEqualTo("Xin mời công dân có số thứ tự hát tê mười hai đến quầy số năm.");
        assertThat(CallSentence.withFieldCode("CTR-021", 9).text())
                .isEqualTo("Xin mời công dân có số thứ tự xê tê e-rờ hai mươi mốt đến quầy số chín.");
    }

    @Test
    void splitsTheSentenceIntoPhrasesThatAreClips() {
        assertThat(CallSentence.numberOnly("HT-012", 5).phrases())
                .containsExactly("xin mời", "công dân", "có số thứ tự", "mười", "hai", "đến", "quầy số", "năm");
        assertThat(demo.sentence("HT-012", 5).phrases())
                .containsExactly("xin mời", "công dân", "có số thứ tự", "Hộ tịch", "mười", "hai", "đến", "quầy số", "năm");
        ClipLibrary clips = ClipLibrary.shipped();
        for (char c = 'A'; c <= 'Z'; c++) {
            for (String phrase : CallSentence.withFieldCode(c + "-001", 1).phrases()) {
                assertThat(clips.clip(phrase)).as("clip for '%s'", phrase).isPresent();
            }
        }
    }

    @Test
    void refusesSomethingThatIsNotATicketLabel() {
        assertThatThrownBy(() -> CallSentence.of("HT012", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallSentence.of("HT-012", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesClipFilesInTelexSoMuoiAndMuoiDiffer() {
        assertThat(ClipLibrary.fileName("mười")).isEqualTo("muwowif.wav");
        assertThat(ClipLibrary.fileName("mươi")).isEqualTo("muwowi.wav");
        assertThat(ClipLibrary.fileName("quầy số")).isEqualTo("quaayf_soos.wav");
        assertThat(ClipLibrary.fileName("đến")).isEqualTo("ddeens.wav");
        assertThat(ClipLibrary.fileName("ét-xì")).isEqualTo("ets-xif.wav");
    }
}
