package vn.luot.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Purpose;
import vn.luot.core.wait.WaitEstimate;
import vn.luot.core.wait.WaitWording;
import vn.luot.kiosk.KioskRig;
import vn.luot.printer.virtual.PrintedTicket;

/**
 * Issue 18 §4: the kiosk says the branch's one estimate, a range, on its tiles, its ticket screen and the
 * printed ticket, and before a number is taken that the lunch break is on or that the line will not be served
 * today. Demo branch: DD (15 minutes) at counters 4 and 5 (shared with XD).
 */
class KioskWaitsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private KioskRig rig;
    private KioskFlow flow;

    @BeforeEach
    void setUp() throws Exception {
        rig = new KioskRig(dir, Runnable::run);
        flow = rig.flow;
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    /** The ticket's text with its wrapped lines joined again. */
    private static String printed(PrintedTicket ticket) {
        return ticket.text().replace('\n', ' ');
    }

    private void walkIns(String field, int count) {
        for (int i = 0; i < count; i++) {
            rig.queue.issueWalkIn(field, Purpose.SUBMIT, false, null);
        }
    }

    private Screen.FieldChoice tile(String code) {
        flow.home();
        flow.walkIn();
        return ((Screen.ChooseField) flow.state().screen()).fields().stream()
                .filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    private Screen.TicketIssued takeNumber(String field) {
        flow.home();
        flow.walkIn();
        flow.chooseField(field);
        flow.choosePurpose(Purpose.SUBMIT);
        flow.skipCitizenCard();
        return (Screen.TicketIssued) flow.state().screen();
    }

    @Test
    void theTileTheTicketScreenAndThePrintedTicketSayTheSameRange() throws Exception {
        rig.clock.set("2026-11-23T09:00");
        walkIns("DD", 3);
        Screen.FieldChoice dd = tile("DD");
        assertThat(dd.waiting()).isEqualTo(3);
        assertThat(WaitWording.wait(dd.estimate(), WaitWording.VI)).isEqualTo("khoảng 20–35 phút");

        Screen.TicketIssued issued = takeNumber("DD");
        assertThat(issued.ticket().ahead()).isEqualTo(3);
        assertThat(WaitWording.line(issued.ticket().estimate(), WaitWording.VI))
                .isEqualTo("Còn 3 người trước bạn — khoảng 20–35 phút");
        List<PrintedTicket> tickets = rig.paper.awaitTickets(1, WAIT);
        // the printer's text pages have no long dashes: it prints them as "-"
        assertThat(printed(tickets.get(0))).contains("Còn 3 người trước bạn - khoảng 20-35 phút");
    }

    @Test
    void aPausedCounterLengthensTheWaitTheKioskSays() {
        rig.clock.set("2026-11-23T09:00");
        walkIns("DD", 3);
        String open = WaitWording.wait(tile("DD").estimate(), WaitWording.VI);
        rig.queue.pause(4);
        assertThat(WaitWording.wait(tile("DD").estimate(), WaitWording.VI)).isNotEqualTo(open).isEqualTo("khoảng 40–65 phút");
        rig.queue.pause(5);
        assertThat(tile("DD").estimate().verdict()).isEqualTo(WaitEstimate.Verdict.COUNTERS_PAUSED);
    }

    @Test
    void inTheLunchBreakTheCitizenIsToldBeforeTakingANumberAndOnTheTicket() throws Exception {
        rig.clock.set("2026-11-23T12:20");
        walkIns("DD", 3);
        Screen.FieldChoice dd = tile("DD");
        assertThat(WaitWording.serviceNow(dd.estimate().now(), WaitWording.VI))
                .contains("Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
        assertThat(WaitWording.serviceNow(dd.estimate().now(), WaitWording.EN))
                .contains("Lunch break. The counters open again at 13:00.");

        Screen.TicketIssued issued = takeNumber("DD");
        assertThat(WaitWording.notes(issued.ticket().estimate(), WaitWording.VI))
                .contains("Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
        assertThat(printed(rig.paper.awaitTickets(1, WAIT).get(0)))
                .contains("Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
    }

    @Test
    void aBookingCheckedInDuringLunchHearsWhenServiceResumes() {
        rig.clock.set("2026-11-23T12:40");
        flow.scanned(rig.qr(rig.booking("HT", 21, "13:00-13:30", false)));
        Screen.TicketIssued issued = (Screen.TicketIssued) flow.state().screen();
        assertThat(WaitWording.notes(issued.ticket().estimate(), WaitWording.VI))
                .containsExactly("Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
    }

    @Test
    void aLineTheCountersCannotReachBeforeClosingIsRefusedBeforeTheNumberWithAnotherDayOffered() {
        rig.clock.set("2026-11-23T16:40");
        walkIns("DD", 3);
        assertThat(tile("DD").estimate().notToday()).isTrue();
        flow.chooseField("DD");
        Screen.Refused refused = (Screen.Refused) flow.state().screen();
        assertThat(refused.refusal()).isEqualTo(Refusal.NOT_SERVED_TODAY);
        assertThat(refused.comeBackAt()).as("the closing time it names").isEqualTo(LocalTime.of(17, 0));
        assertThat(refused.offerWalkIn()).isFalse();
        assertThat(rig.queue.waitingCount("DD")).as("no number was taken").isEqualTo(3);

        assertThat(tile("HT").estimate().verdict()).as("an empty line still may").isEqualTo(WaitEstimate.Verdict.NEXT);
        flow.chooseField("HT");
        assertThat(flow.state().screen()).isInstanceOf(Screen.ChoosePurpose.class);
    }

    @Test
    void aWaitThatMayRunPastClosingIsSaidOnTheTicket() throws Exception {
        rig.clock.set("2026-11-23T16:30");
        walkIns("DD", 3);
        Screen.TicketIssued issued = takeNumber("DD");
        assertThat(issued.ticket().estimate().verdict()).isEqualTo(WaitEstimate.Verdict.MAY_RUN_PAST_CLOSING);
        assertThat(printed(rig.paper.awaitTickets(1, WAIT).get(0)))
                .contains("Có thể không kịp phục vụ trong hôm nay: các quầy làm việc đến 17:00.");
    }
}
