package vn.luot.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class Tcvn3TextTest {

    private static final String ALL_LOWER = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
    private final Tcvn3 table = new Tcvn3();

    @Test
    void writesTheMarkerWithOneSwitchToTheUppercasePage() {
        EscPosBuffer out = new EscPosBuffer();
        new Tcvn3Text(30, 31).write("SỐ ƯU TIÊN", out);
        assertThat(out.toByteArray()).containsExactly(
                'S', 0x1b, 't', 31, 0xe8, ' ', 0xad, 'U', ' ', 'T', 'I', 0xaa, 'N');
    }

    @Test
    void writesLowercaseFromTheStandardAbcTable() {
        EscPosBuffer out = new EscPosBuffer();
        new Tcvn3Text(30, 31).write("Hộ tịch", out);
        assertThat(out.toByteArray()).containsExactly('H', 0x1b, 't', 30, 0xe9, ' ', 't', 0xde, 'c', 'h');
    }

    @Test
    void everyVietnameseLetterSurvivesEncodingAndDecodingInBothCases() {
        for (String letters : new String[] {ALL_LOWER, ALL_LOWER.toUpperCase(java.util.Locale.ROOT)}) {
            EscPosBuffer out = new EscPosBuffer();
            new Tcvn3Text(30, 31).write(letters, out);
            assertThat(decode(out.toByteArray())).isEqualTo(letters);
        }
    }

    @Test
    void replacesCharactersOutsideTheTableWithLookAlikesAndNeverAQuestionMark() {
        EscPosBuffer out = new EscPosBuffer();
        new Tcvn3Text(30, 31).write("Ñandú — 北京 😀 “Đà Nẵng”", out);
        String decoded = decode(out.toByteArray());
        assertThat(decoded).doesNotContain("?").isEqualTo("Nandú -   \"Đà Nẵng\"");
    }

    /** Decodes like the virtual printer: follow ESC t, map bytes through the page. */
    private String decode(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        Tcvn3.Page page = Tcvn3.Page.LOWER;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0x1b) {
                page = bytes[i + 2] == 31 ? Tcvn3.Page.UPPER : Tcvn3.Page.LOWER;
                i += 2;
                continue;
            }
            sb.append(table.decode(b, page));
        }
        return sb.toString();
    }
}
