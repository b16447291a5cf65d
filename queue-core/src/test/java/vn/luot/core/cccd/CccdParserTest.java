package vn.luot.core.cccd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.luot.core.cccd.CccdResult.Reason;

class CccdParserTest {

    private static final String CCCD =
            "001099012345|123456789|Nguyễn Văn A|01011950|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|15082021";

    @Test
    void readsTheIdBirthDateAndMaskedNameOfAChipCard() {
        assertThat(card(CCCD)).isEqualTo(new CitizenCard("001099012345", LocalDate.of(1950, 1, 1), "N*** V** A"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // the 2024 thẻ căn cước: no old ID
            "001099012345||Nguyễn Văn A|01011950|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01072024",
            // trailing separator, as some cards print it
            "001099012345||Nguyễn Văn A|01011950|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01072024|",
            // what a scanner appends
            CCCD + "\r\n",
            "\uFEFF" + CCCD,
            // six fields only, and more fields than today's cards
            "001099012345||Nguyễn Văn A|01011950|Nam|01072024",
            CCCD + "|Hà Nội|Cục Cảnh sát QLHC về TTXH|extra"})
    void readsEveryCardLayoutInUse(String scanned) {
        CitizenCard card = card(scanned);
        assertThat(card.idNumber()).isEqualTo("001099012345");
        assertThat(card.birthDate()).isEqualTo(LocalDate.of(1950, 1, 1));
        assertThat(card.maskedName()).isEqualTo("N*** V** A");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Nguyễn Văn A;N*** V** A",
            "Đặng Thị Ánh Tuyết;Đ*** T** Á** T***",
            "Ông Ích Khiêm;Ô** Í** K***",
            "Lê  Ý;L* Ý",
            "Trần;T***",
            "Ư;Ư"})
    void masksVietnameseNamesLetterByLetterKeepingTheFirstOfEachWord(String name, String masked) {
        assertThat(card("001099012345||" + name + "|01011950|Nam|Hà Nội|01072024").maskedName()).isEqualTo(masked);
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        assertThat(card("001099012345||" + decomposed + "|01011950|Nam|Hà Nội|01072024").maskedName())
                .as("a name sent decomposed").isEqualTo(masked);
    }

    @Test
    void keepsNoFullNameAddressOrGender() {
        CitizenCard card = card(CCCD);
        assertThat(card.toString()).doesNotContain("Nguyễn", "Văn", "Tràng Tiền", "Nam", "001099012345");
        assertThat(CitizenCard.class.getRecordComponents()).extracting("name")
                .containsExactly("idNumber", "birthDate", "maskedName");
    }

    @Test
    void showsOnlyTheLastThreeDigitsOfTheIdInToString() {
        assertThat(card(CCCD).toString()).contains("*********345").doesNotContain("099012");
        assertThat(card(CCCD).maskedIdNumber()).isEqualTo("*********345");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "LT1:%69 VD92EX0QED8WEX0UJCLQE7W581",
            "https://dichvucong.hanoi.gov.vn/",
            "001099012345",
            "",
            "   \r\n"})
    void textsThatAreNotCardCodesAreNotACccd(String scanned) {
        assertThat(CccdParser.parse(scanned)).isEqualTo(new CccdResult.Rejected(Reason.NOT_A_CCCD));
    }

    @Test
    void nullAndHugeTextsAreNotACccd() {
        assertThat(CccdParser.parse(null)).isEqualTo(new CccdResult.Rejected(Reason.NOT_A_CCCD));
        assertThat(CccdParser.parse(CCCD + "|".repeat(100_000)))
                .isEqualTo(new CccdResult.Rejected(Reason.NOT_A_CCCD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"001099012345|123456789|Nguyễn Văn A|01011950|Nam", "a|b", "|"})
    void aPartialScanHasTooFewFields(String scanned) {
        assertThat(CccdParser.parse(scanned)).isEqualTo(new CccdResult.Rejected(Reason.TOO_FEW_FIELDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00109901234", "0010990123456", "00109901234A", "", "００１０９９０１２３４５"})
    void anIdThatIsNotTwelveDigitsIsBadId(String id) {
        assertThat(CccdParser.parse(id + "||Nguyễn Văn A|01011950|Nam|Hà Nội|01072024"))
                .isEqualTo(new CccdResult.Rejected(Reason.BAD_ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31022000", "29022001", "00011950", "01131950", "1011950", "01-01-1950", "", "01011850"})
    void aBirthDateThatIsNotARealDdMMyyyyDateIsBadBirthDate(String birth) {
        assertThat(CccdParser.parse("001099012345||Nguyễn Văn A|" + birth + "|Nam|Hà Nội|01072024"))
                .isEqualTo(new CccdResult.Rejected(Reason.BAD_BIRTH_DATE));
    }

    @Test
    void neverThrowsForRandomText() {
        Random random = new Random(1950);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            for (int j = 0; j < bytes.length; j++) {
                if (random.nextInt(8) == 0) {
                    bytes[j] = '|';
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(CccdParser.parse(text)).as(text).isInstanceOf(CccdResult.Rejected.class);
        }
    }

    private static CitizenCard card(String scanned) {
        CccdResult result = CccdParser.parse(scanned);
        assertThat(result).isInstanceOf(CccdResult.Parsed.class);
        return ((CccdResult.Parsed) result).card();
    }
}
