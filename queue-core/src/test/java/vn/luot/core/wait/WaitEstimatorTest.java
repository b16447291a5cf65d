package vn.luot.core.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.wait.WaitEstimate.Service;
import vn.luot.core.wait.WaitEstimate.Verdict;

/**
 * The demo branch: DD (15 min by default) is served by counter 4 alone and counter 5 shared with XD (12 min);
 * HT (10 min) by counters 1, 2 (with CT) and 10 (with LD and CT); hours 08:00–12:00 and 13:00–17:00.
 */
class WaitEstimatorTest {

    private static final Branch BRANCH = DemoBranch.create();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private static LocalDateTime at(int hour, int minute) {
        return DAY.atTime(hour, minute);
    }

    private static WaitEstimate dd(QueueLoad load, int ahead, LocalDateTime now) {
        return WaitEstimator.estimate(BRANCH, load, "DD", ahead, now);
    }

    private static QueueLoad waiting(Map<String, Integer> waiting, Integer... paused) {
        return new QueueLoad(waiting, Set.of(paused), List.of());
    }

    private static ServiceSample served(String field, LocalTime called, int minutes) {
        Instant start = DAY.atTime(called).atZone(BranchTime.ZONE).toInstant();
        return new ServiceSample(field, 1, start, start.plusSeconds(minutes * 60L));
    }

    @Test
    void aRangeFromTheConfiguredMinutesAndTheOpenCountersWhenNothingWasServedYet() {
        WaitEstimate e = dd(waiting(Map.of("DD", 3)), 3, at(9, 0));
        // 3.5 services of 15 minutes over 2 counters: 26 minutes, said as 80 %–125 % in steps of 5
        assertThat(e.verdict()).isEqualTo(Verdict.RANGE);
        assertThat(e.minMinutes()).isEqualTo(20);
        assertThat(e.maxMinutes()).isEqualTo(35);
        assertThat(e.now().service()).isEqualTo(Service.SERVING);
        assertThat(WaitWording.line(e, WaitWording.VI)).isEqualTo("Còn 3 người trước bạn — khoảng 20–35 phút");
        assertThat(WaitWording.line(e, WaitWording.EN)).isEqualTo("3 people ahead of you — about 20–35 minutes");
        assertThat(WaitWording.notes(e, WaitWording.VI)).isEmpty();
    }

    @Test
    void nobodyAheadIsNext() {
        WaitEstimate e = dd(QueueLoad.EMPTY, 0, at(9, 0));
        assertThat(e.verdict()).isEqualTo(Verdict.NEXT);
        assertThat(WaitWording.line(e, WaitWording.VI)).isEqualTo("Bạn là người tiếp theo");
        assertThat(WaitWording.cell(e, WaitWording.VI)).isEqualTo("không chờ");
    }

    @Test
    void aCounterSharedWithABusyFieldGivesOnlyItsShare() {
        WaitEstimate alone = dd(waiting(Map.of("DD", 3)), 3, at(9, 0));
        WaitEstimate shared = dd(waiting(Map.of("DD", 3, "XD", 9)), 3, at(9, 0));
        // counter 5 spends 108 of its 168 waiting minutes on XD: DD gets 1.36 counters, not 2
        assertThat(shared.minMinutes()).isEqualTo(30);
        assertThat(shared.maxMinutes()).isEqualTo(50);
        assertThat(shared.minMinutes()).isGreaterThan(alone.minMinutes());
    }

    @Test
    void aPausedCounterDoesNotCountUntilItResumes() {
        WaitEstimate paused = dd(waiting(Map.of("DD", 3), 4), 3, at(9, 0));
        assertThat(paused.verdict()).isEqualTo(Verdict.RANGE);
        assertThat(paused.minMinutes()).isEqualTo(40);
        assertThat(paused.maxMinutes()).isEqualTo(65);
        WaitEstimate resumed = dd(waiting(Map.of("DD", 3)), 3, at(9, 0));
        assertThat(resumed.maxMinutes()).isEqualTo(35);
    }

    @Test
    void everyCounterOfTheFieldOnABreakGivesNoRangeButSaysSo() {
        WaitEstimate e = dd(waiting(Map.of("DD", 3), 4, 5), 3, at(9, 0));
        assertThat(e.verdict()).isEqualTo(Verdict.COUNTERS_PAUSED);
        assertThat(WaitWording.line(e, WaitWording.VI)).isEqualTo("Còn 3 người trước bạn — các quầy đang tạm nghỉ");
        assertThat(WaitWording.notes(e, WaitWording.VI)).containsExactly(
                "Các quầy của lĩnh vực này đang tạm nghỉ; thời gian chờ tùy lúc các quầy làm việc lại.");
        assertThat(WaitWording.cell(e, WaitWording.VI)).isEqualTo("tạm nghỉ");
    }

    @Test
    void inTheLunchBreakTheWaitStartsAtOneAndTheCountersPausedForLunchCountAgain() {
        WaitEstimate e = dd(waiting(Map.of("DD", 3), 4, 5), 3, at(12, 20));
        assertThat(e.verdict()).isEqualTo(Verdict.RANGE);
        assertThat(e.now()).isEqualTo(new WaitEstimate.ServiceNow(Service.LUNCH, LocalTime.of(13, 0)));
        // 40 minutes to 13:00, then the 21–33 minutes of service
        assertThat(e.minMinutes()).isEqualTo(60);
        assertThat(e.maxMinutes()).isEqualTo(75);
        assertThat(WaitWording.notes(e, WaitWording.VI))
                .containsExactly("Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
        assertThat(WaitWording.notes(e, WaitWording.EN))
                .containsExactly("Lunch break. The counters open again at 13:00.");
    }

    @Test
    void aWaitThatRunsIntoLunchAddsTheHourAndSaysSo() {
        WaitEstimate e = dd(waiting(Map.of("DD", 3)), 3, at(11, 50));
        assertThat(e.minMinutes()).as("10 minutes before noon, 11 after 13:00").isEqualTo(80);
        assertThat(e.maxMinutes()).isEqualTo(95);
        assertThat(e.lunchAhead()).isEqualTo(TimeSlot.of("12:00", "13:00"));
        assertThat(WaitWording.notes(e, WaitWording.VI)).containsExactly("Đã tính cả giờ nghỉ trưa 12:00–13:00.");
    }

    @Test
    void aWaitWellBeforeLunchSaysNothingOfIt() {
        assertThat(dd(waiting(Map.of("DD", 3)), 3, at(10, 0)).lunchAhead()).isNull();
    }

    @Test
    void aRangeWhoseHighEndPassesClosingWarnsThatTheCitizenMayNotBeServed() {
        WaitEstimate e = dd(waiting(Map.of("DD", 3)), 3, at(16, 30));
        assertThat(e.verdict()).isEqualTo(Verdict.MAY_RUN_PAST_CLOSING);
        assertThat(e.minMinutes()).isEqualTo(20);
        assertThat(e.maxMinutes()).as("until closing").isEqualTo(30);
        assertThat(WaitWording.notes(e, WaitWording.VI))
                .containsExactly("Có thể không kịp phục vụ trong hôm nay: các quầy làm việc đến 17:00.");
    }

    @Test
    void aLineThatCannotBeServedBeforeClosingIsNotToday() {
        WaitEstimate e = dd(waiting(Map.of("DD", 3)), 3, at(16, 40));
        assertThat(e.verdict()).isEqualTo(Verdict.NOT_TODAY);
        assertThat(e.notToday()).isTrue();
        assertThat(WaitWording.line(e, WaitWording.VI)).isEqualTo("Còn 3 người trước bạn — hôm nay không kịp phục vụ");
        assertThat(WaitWording.notes(e, WaitWording.VI)).containsExactly("Hôm nay không kịp phục vụ: các quầy làm "
                + "việc đến 17:00. Vui lòng đặt lịch ngày khác trong ứng dụng iHanoi.");
        assertThat(dd(waiting(Map.of("DD", 30)), 30, at(14, 0)).notToday()).as("a long line in the afternoon").isTrue();
    }

    @Test
    void afterClosingNothingIsServedToday() {
        WaitEstimate e = dd(QueueLoad.EMPTY, 0, at(17, 5));
        assertThat(e.verdict()).isEqualTo(Verdict.NOT_TODAY);
        assertThat(e.now().service()).isEqualTo(Service.CLOSED);
    }

    @Test
    void beforeOpeningTheWaitStartsAtEight() {
        WaitEstimate e = dd(waiting(Map.of("DD", 3), 4, 5), 3, at(7, 45));
        assertThat(e.now()).isEqualTo(new WaitEstimate.ServiceNow(Service.BEFORE_OPENING, LocalTime.of(8, 0)));
        assertThat(e.minMinutes()).isEqualTo(35);
        assertThat(e.maxMinutes()).isEqualTo(50);
        assertThat(WaitWording.notes(e, WaitWording.VI))
                .containsExactly("Chưa đến giờ làm việc. Các quầy bắt đầu lúc 08:00.");
    }

    @Test
    void todaysServicesReplaceTheConfiguredMinutesOnceThereAreEnough() {
        List<ServiceSample> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(served("HT", LocalTime.of(8, 0).plusMinutes(20L * i), 20));
        }
        QueueLoad measured = new QueueLoad(Map.of("HT", 5), Set.of(), slow);
        assertThat(WaitEstimator.serviceMinutes(BRANCH, measured, "HT")).isEqualTo(20.0);
        WaitEstimate e = WaitEstimator.estimate(BRANCH, measured, "HT", 5, at(10, 0));
        // 5.5 services of 20 minutes over counters 1, 2 and 10
        assertThat(e.minMinutes()).isEqualTo(25);
        assertThat(e.maxMinutes()).isEqualTo(45);
        WaitEstimate configured = WaitEstimator.estimate(BRANCH, waiting(Map.of("HT", 5)), "HT", 5, at(10, 0));
        assertThat(configured.minMinutes()).isEqualTo(10);
        assertThat(configured.maxMinutes()).isEqualTo(25);
    }

    @Test
    void aFewServicesMoveTheConfiguredMinutesOnlyPartWay() {
        QueueLoad two = new QueueLoad(Map.of(), Set.of(),
                List.of(served("HT", LocalTime.of(8, 0), 20), served("HT", LocalTime.of(8, 30), 20)));
        assertThat(WaitEstimator.serviceMinutes(BRANCH, two, "HT")).isEqualTo(14.0);
    }

    @Test
    void aForgottenFinishButtonAndOtherFieldsDoNotCount() {
        QueueLoad odd = new QueueLoad(Map.of(), Set.of(), List.of(
                served("HT", LocalTime.of(8, 0), 95),
                served("HT", LocalTime.of(11, 55), 0),
                served("DD", LocalTime.of(9, 0), 40)));
        assertThat(WaitEstimator.serviceMinutes(BRANCH, odd, "HT")).isEqualTo(10.0);
    }

    @Test
    void onlyTheLatestServicesCount() {
        List<ServiceSample> day = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            day.add(served("CT", LocalTime.of(8, 0).plusMinutes(i), 30)); // a slow early morning
        }
        for (int i = 0; i < 20; i++) {
            day.add(served("CT", LocalTime.of(9, 0).plusMinutes(5L * i), 4));
        }
        assertThat(WaitEstimator.serviceMinutes(BRANCH, new QueueLoad(Map.of(), Set.of(), day), "CT")).isEqualTo(4.0);
    }

    @Test
    void aShortWaitIsSaidAsUnderFiveMinutes() {
        // CT: 6 minutes, counters 2, 3 and 10
        WaitEstimate e = WaitEstimator.estimate(BRANCH, waiting(Map.of("CT", 1)), "CT", 1, at(9, 0));
        assertThat(e.minMinutes()).isZero();
        assertThat(e.maxMinutes()).isEqualTo(5);
        assertThat(WaitWording.line(e, WaitWording.VI)).isEqualTo("Còn 1 người trước bạn — dưới 5 phút");
        assertThat(WaitWording.line(e, WaitWording.EN)).isEqualTo("1 person ahead of you — under 5 minutes");
        assertThat(WaitWording.cell(e, WaitWording.VI)).isEqualTo("dưới 5 phút");
    }

    @Test
    void aFieldNoCounterServesHasNoEstimate() {
        Branch small = DemoBranch.withCounterCount(3); // HT, CT, DD only
        WaitEstimate e = WaitEstimator.estimate(small, QueueLoad.EMPTY, "XD", 2, at(9, 0));
        assertThat(e.verdict()).isEqualTo(Verdict.NOT_SERVED_HERE);
    }

    @Test
    void theSameInputsGiveTheSameEstimate() {
        QueueLoad load = waiting(Map.of("DD", 7, "XD", 2), 4);
        assertThat(dd(load, 6, at(15, 12))).isEqualTo(dd(load, 6, at(15, 12)));
    }

    @Test
    void longerLinesNeverWaitLess() {
        QueueLoad load = waiting(Map.of("DD", 20, "XD", 4));
        int previous = 0;
        for (int ahead = 1; ahead <= 20; ahead++) {
            WaitEstimate e = dd(load, ahead, at(8, 10));
            assertThat(e.minMinutes()).as("ahead " + ahead).isGreaterThanOrEqualTo(previous);
            assertThat(e.maxMinutes()).isGreaterThan(e.minMinutes());
            previous = e.minMinutes();
        }
    }

    @Test
    void serviceNowNamesTheBreakAndWhenServiceResumes() {
        assertThat(WaitEstimator.serviceNow(BRANCH, LocalTime.of(12, 0)))
                .isEqualTo(new WaitEstimate.ServiceNow(Service.LUNCH, LocalTime.of(13, 0)));
        assertThat(WaitEstimator.serviceNow(BRANCH, LocalTime.of(11, 59)).serving()).isTrue();
        assertThat(WaitEstimator.serviceNow(BRANCH, LocalTime.of(13, 0)).serving()).isTrue();
        assertThat(WaitEstimator.serviceNow(BRANCH, LocalTime.of(17, 0)).service()).isEqualTo(Service.CLOSED);
    }
}
