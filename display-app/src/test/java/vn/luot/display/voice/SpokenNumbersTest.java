package vn.luot.display.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpokenNumbersTest {

    @ParameterizedTest(name = "{0} is read \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0    | không
            1    | một
            2    | hai
            4    | bốn
            5    | năm
            7    | bảy
            10   | mười
            11   | mười một
            14   | mười bốn
            15   | mười lăm
            19   | mười chín
            20   | hai mươi
            21   | hai mươi mốt
            24   | hai mươi tư
            25   | hai mươi lăm
            31   | ba mươi mốt
            34   | ba mươi tư
            45   | bốn mươi lăm
            55   | năm mươi lăm
            99   | chín mươi chín
            100  | một trăm
            101  | một trăm linh một
            104  | một trăm linh bốn
            105  | một trăm linh năm
            110  | một trăm mười
            111  | một trăm mười một
            115  | một trăm mười lăm
            121  | một trăm hai mươi mốt
            208  | hai trăm linh tám
            250  | hai trăm năm mươi
            999  | chín trăm chín mươi chín
            1000 | một nghìn
            1001 | một nghìn không trăm linh một
            1005 | một nghìn không trăm linh năm
            1010 | một nghìn không trăm mười
            1015 | một nghìn không trăm mười lăm
            1100 | một nghìn một trăm
            1234 | một nghìn hai trăm ba mươi tư
            2030 | hai nghìn không trăm ba mươi
            2031 | hai nghìn không trăm ba mươi mốt
            5555 | năm nghìn năm trăm năm mươi lăm
            9999 | chín nghìn chín trăm chín mươi chín
            10000 | mười nghìn
            15005 | mười lăm nghìn không trăm linh năm
            """)
    void readsNumbersTheHanoiWay(int number, String spoken) {
        assertThat(SpokenNumbers.vietnamese(number)).isEqualTo(spoken);
    }

    @Test
    void refusesNumbersItCannotRead() {
        assertThatThrownBy(() -> SpokenNumbers.vietnamese(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpokenNumbers.vietnamese(1_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyWordOfEveryTicketNumberHasAShippedClip() {
        ClipLibrary clips = ClipLibrary.shipped();
        for (int n = 0; n <= 9999; n++) {
            for (String word : SpokenNumbers.words(n)) {
                assertThat(clips.clip(word)).as("clip for '%s' (in %d)", word, n).isPresent();
            }
        }
    }
}
