package vn.luot.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base45Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AB|BB8",
            "Hello!!|%69 VD92EX0",
            "base-45|UJCLQE7W581",
            "ietf!|QED8WEX0"})
    void encodesAndDecodesTheRfc9285Examples(String text, String base45) {
        assertThat(Base45.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(base45);
        assertThat(new String(Base45.decode(base45), StandardCharsets.US_ASCII)).isEqualTo(text);
    }

    @Test
    void encodesTheEmptyStringAsTheEmptyString() {
        assertThat(Base45.encode(new byte[0])).isEmpty();
        assertThat(Base45.decode("")).isEmpty();
    }

    @Test
    void roundTripsEveryLengthOfRandomBytesIntoQrAlphanumericCharacters() {
        Random random = new Random(45);
        for (int length = 0; length < 300; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base45.encode(bytes);
            assertThat(text.chars().allMatch(c -> Base45.isAlphabet((char) c))).isTrue();
            assertThat(Base45.decode(text)).isEqualTo(bytes);
        }
    }

    @Test
    void neverEndsWithASpaceSoTrimmingAScanIsSafe() {
        for (int n = 0; n <= 0xffff; n++) {
            assertThat(Base45.encode(new byte[]{(byte) (n >> 8), (byte) n})).as("group %d", n).doesNotEndWith(" ");
        }
        for (int n = 0; n <= 0xff; n++) {
            assertThat(Base45.encode(new byte[]{(byte) n})).as("byte %d", n).doesNotEndWith(" ");
        }
    }

    @Test
    void roundTripsTheExtremeGroupValues() {
        byte[] extremes = {(byte) 0xff, (byte) 0xff, 0, 0, (byte) 0xff};
        assertThat(Base45.decode(Base45.encode(extremes))).isEqualTo(extremes);
        assertThat(Base45.encode(new byte[]{(byte) 0xff, (byte) 0xff})).isEqualTo("FGW");
        assertThat(Base45.encode(new byte[]{(byte) 0xff})).isEqualTo("U5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GGW",       // 65536: one past the largest two-byte group
            ":::",       // 91124: the largest three-character value
            "V5",        // 256: one past the largest final byte
            "::",        // 2024
            "A",         // length 3n+1
            "BB8B",      // length 3n+1
            "abc",       // lower case is not in the alphabet
            "BB8\n",     // neither is a line feed
            "Ã12",       // nor anything beyond ASCII
            "BB_"})
    void refusesWhatIsNotStrictBase45(String text) {
        assertThatThrownBy(() -> Base45.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyAlphabetCharacterIsInTheQrAlphanumericSetAndNothingElseIs() {
        String qrAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (char c = 0; c < 0x300; c++) {
            assertThat(Base45.isAlphabet(c)).as("char %d", (int) c).isEqualTo(qrAlphanumeric.indexOf(c) >= 0);
        }
    }
}
