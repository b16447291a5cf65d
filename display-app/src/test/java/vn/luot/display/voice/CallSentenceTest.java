package vn.luot.display.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallSentenceTest {

    @Test
    void callsTheNumberWithoutItsFieldCodeOrLeadingZeros() {
        assertThat(CallSentence.of("HT-012", 5).text())
                .isEqualTo("Xin mời công dân có số thứ tự mười hai đến quầy số năm.");
        assertThat(CallSentence.of("CT-208", 3).text())
                .isEqualTo("Xin mời công dân có số thứ tự hai trăm linh tám đến quầy số ba.");
        assertThat(CallSentence.of("HT-007", 1).text())
                .isEqualTo("Xin mời công dân có số thứ tự bảy đến quầy số một.");
        assertThat(CallSentence.of("015", 15).text())
                .isEqualTo("Xin mời công dân có số thứ tự mười lăm đến quầy số mười lăm.");
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
        assertThat(CallSentence.of("HT-012", 5).phrases())
                .containsExactly("xin mời", "công dân", "có số thứ tự", "mười", "hai", "đến", "quầy số", "năm");
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
