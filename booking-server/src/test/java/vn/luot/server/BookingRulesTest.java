package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;
import vn.luot.server.booking.BookingRefusal;
import vn.luot.server.booking.BookingRequest;
import vn.luot.server.booking.BookingRules;

class BookingRulesTest {

    private final Branch branch = DemoBranch.create();
    private final LocalDateTime now = LocalDateTime.parse("2026-11-23T07:00");

    private BookingRequest request(LocalDate date, String slot, String field, Purpose purpose, LocalDate birth) {
        return new BookingRequest("demo-idp:subject-1", birth, DemoBranch.ID, date, TimeSlot.parse(slot), field, purpose);
    }

    @Test
    void citizensAged75OnTheDayOfTheBookingGetPriorityTheirBirthdayIncluded() {
        assertThat(BookingRules.isPriority(LocalDate.of(1951, 11, 23), LocalDate.of(2026, 11, 23))).isTrue();
        assertThat(BookingRules.isPriority(LocalDate.of(1951, 11, 24), LocalDate.of(2026, 11, 23))).isFalse();
        BookingRules.Verdict v = BookingRules.check(request(LocalDate.of(2026, 11, 25), "09:00-09:30", "HT",
                Purpose.SUBMIT, LocalDate.of(1951, 11, 25)), branch, List.of(), 0, 40, now);
        assertThat(v.accepted()).isTrue();
        assertThat(v.priority()).isTrue();
    }

    @Test
    void aSlotThatHasAlreadyEndedTodayCannotBeBooked() {
        BookingRules.Verdict v = BookingRules.check(request(LocalDate.of(2026, 11, 23), "08:00-08:30", "HT",
                Purpose.SUBMIT, LocalDate.of(1980, 1, 1)), branch, List.of(), 0, 40, LocalDateTime.parse("2026-11-23T08:30"));
        assertThat(v.refusal()).isEqualTo(BookingRefusal.SLOT_PASSED);
    }

    @Test
    void aSlotThatIsNotTheBranchesIsRefused() {
        BookingRules.Verdict v = BookingRules.check(request(LocalDate.of(2026, 11, 24), "12:00-12:30", "HT",
                Purpose.SUBMIT, LocalDate.of(1980, 1, 1)), branch, List.of(), 0, 40, now);
        assertThat(v.refusal()).isEqualTo(BookingRefusal.UNKNOWN_SLOT);
    }
}
