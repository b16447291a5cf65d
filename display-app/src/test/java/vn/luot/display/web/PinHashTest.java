package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PIN rules: the hash round-trips, a personal PIN is long enough and not one a guesser tries first. */
class PinHashTest {

    @Test
    void aHashMatchesItsPinOnlyAndIsSaltedFreshEachTime() {
        String a = PinHash.hash("2468");
        assertThat(PinHash.matches("2468", a)).isTrue();
        assertThat(PinHash.matches("2469", a)).isFalse();
        assertThat(PinHash.hash("2468")).isNotEqualTo(a);
        assertThat(PinHash.isHash(a)).isTrue();
        assertThat(PinHash.matches("2468", "not-a-hash")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567890123", "12a456", "000000", "999999999", "123456", "654321",
            "890123", "3210987"})
    void aPersonalPinIsRefusedWhenShortLongOrGuessable(String pin) {
        assertThatThrownBy(() -> PinHash.checkPersonal(pin)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Mã PIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"583920", "240601", "975310", "112233", "000001", "123457"})
    void aPersonalPinOfSixToTwelveDigitsWithoutAPatternIsAccepted(String pin) {
        assertThatCode(() -> PinHash.checkPersonal(pin)).doesNotThrowAnyException();
    }

    @Test
    void temporaryPinsAreAlwaysAcceptableAndVary() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            String pin = PinHash.temporary();
            assertThatCode(() -> PinHash.checkPersonal(pin)).doesNotThrowAnyException();
            seen.add(pin);
        }
        assertThat(seen).hasSizeGreaterThan(190);
    }
}
