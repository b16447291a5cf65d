package vn.luot.core.cccd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CitizenCardTest {

    @Test
    void isPriorityFromThe75thBirthdayOn() {
        CitizenCard card = born(LocalDate.of(1951, 6, 15));
        assertThat(card.isPriority(LocalDate.of(2026, 6, 14))).as("74 years and 364 days").isFalse();
        assertThat(card.isPriority(LocalDate.of(2026, 6, 15))).as("the 75th birthday").isTrue();
        assertThat(card.isPriority(LocalDate.of(2026, 6, 16))).isTrue();
        assertThat(card.isPriority(LocalDate.of(1951, 6, 14))).as("before birth").isFalse();
    }

    @Test
    void someoneBornOn29FebruaryTurns75On28FebruaryOfACommonYear() {
        CitizenCard card = born(LocalDate.of(1952, 2, 29));
        assertThat(card.isPriority(LocalDate.of(2027, 2, 27))).isFalse();
        assertThat(card.isPriority(LocalDate.of(2027, 2, 28))).isTrue();
    }

    @Test
    void someoneBornOn29FebruaryStaysPriorityOnLaterLeapDays() {
        CitizenCard card = born(LocalDate.of(1952, 2, 29));
        assertThat(card.isPriority(LocalDate.of(2028, 2, 29))).isTrue();
        assertThat(card.isPriority(LocalDate.of(2026, 2, 28))).as("74 on a common-year 28 February").isFalse();
    }

    @Test
    void refusesAnIdNumberThatIsNotTwelveDigitsWithoutRepeatingIt() {
        assertThatThrownBy(() -> new CitizenCard("00109901234", LocalDate.of(1950, 1, 1), "N*** V** A"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("00109901234");
    }

    private static CitizenCard born(LocalDate birthDate) {
        return new CitizenCard("001051012345", birthDate, "T** T** B");
    }
}
