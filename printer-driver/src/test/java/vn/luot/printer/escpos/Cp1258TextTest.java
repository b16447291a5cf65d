package vn.luot.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Cp1258TextTest {

    private static final String ALL = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";

    @Test
    void everyVietnameseLetterEncodesWithoutLossInBothCases() {
        String text = ALL + ALL.toUpperCase(java.util.Locale.ROOT);
        EscPosBuffer out = new EscPosBuffer();
        new Cp1258Text(52).write(text, out);
        byte[] bytes = out.toByteArray();
        byte[] body = Arrays.copyOfRange(bytes, 3, bytes.length);
        assertThat(bytes).startsWith(0x1b, 't', 52);
        assertThat(Normalizer.normalize(new String(body, Cp1258Text.CHARSET), Normalizer.Form.NFC)).isEqualTo(text);
    }

    @Test
    void keepsPrecomposedLettersTheCodePageHasAndCombinesTheRest() {
        EscPosBuffer out = new EscPosBuffer();
        new Cp1258Text(52).write("á ấ", out);
        // á is 0xE1 itself; ấ is â (0xE2) followed by the combining acute (0xEC).
        assertThat(out.toByteArray()).containsExactly(0x1b, 't', 52, 0xe1, ' ', 0xe2, 0xec);
    }

    @Test
    void asciiTextDoesNotSwitchTheCodePage() {
        EscPosBuffer out = new EscPosBuffer();
        new Cp1258Text(52).write("HT-012", out);
        assertThat(out.toByteArray()).containsExactly('H', 'T', '-', '0', '1', '2');
    }

    @Test
    void unencodableCharactersFallBackToBaseLettersNotQuestionMarks() {
        EscPosBuffer out = new EscPosBuffer();
        new Cp1258Text(52).write("Łódź 北 ✓", out);
        String decoded = new String(Arrays.copyOfRange(out.toByteArray(), 3, out.size()), Cp1258Text.CHARSET);
        assertThat(Normalizer.normalize(decoded, Normalizer.Form.NFC)).doesNotContain("?").isEqualTo("Lódź  ");
    }
}
