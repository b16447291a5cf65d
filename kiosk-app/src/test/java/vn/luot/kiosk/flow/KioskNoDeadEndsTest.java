package vn.luot.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.sync.UpstreamBranches;
import vn.luot.core.testing.Fixtures;
import vn.luot.kiosk.KioskRig;
import vn.luot.kiosk.ui.ScreenCatalog;

/**
 * Issue 18 §2: no refusal is a dead end. Every screen that promises a walk-in number has the button, the
 * citizen's own number is shown when a reprint is refused, "walk-ins are over" comes on the first tap, a moved
 * booking hears of its move, and the check-in window is the branch's.
 */
class KioskNoDeadEndsTest {

    @TempDir
    Path dir;

    private KioskRig rig;

    @AfterEach
    void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private KioskFlow flow(Branch branch) throws Exception {
        rig = new KioskRig(dir, Runnable::run, branch);
        return rig.flow;
    }

    private static Screen.Refused refused(KioskFlow flow) {
        assertThat(flow.state().screen()).isInstanceOf(Screen.Refused.class);
        return (Screen.Refused) flow.state().screen();
    }

    private static Booking booking(String branchId, LocalDate day, String slot, int number) {
        return new Booking(Integer.toString(2000 + number), branchId, day, TimeSlot.parse(slot), "HT", Purpose.SUBMIT,
                number, false);
    }

    @Test
    void theRefusalsThatPointToAWalkInNumberShowItsButtonAndItWorks() throws Exception {
        KioskFlow flow = flow(DemoBranch.create());
        flow.scanned(rig.qr(booking(DemoBranch.ID, LocalDate.of(2026, 11, 20), "09:00-09:30", 4)));
        assertThat(refused(flow).refusal()).as("its code expired with its day").isEqualTo(Refusal.EXPIRED);
        assertThat(refused(flow).offerWalkIn()).isTrue();

        flow.scanned("https://example.com/not-a-booking");
        assertThat(refused(flow).refusal()).isEqualTo(Refusal.NOT_A_BOOKING_CODE);
        assertThat(refused(flow).offerWalkIn()).isTrue();

        flow.scanned(rig.qr(booking(DemoBranch.ID, LocalDate.of(2026, 11, 25), "09:00-09:30", 5)));
        assertThat(refused(flow).refusal()).isEqualTo(Refusal.FUTURE_DAY);
        assertThat(refused(flow).offerWalkIn()).as("a citizen a day early may still take a number today").isTrue();

        flow.walkIn();
        assertThat(flow.state().screen()).isInstanceOf(Screen.ChooseField.class);
    }

    @Test
    void aBookingForAnotherBranchSaysWhichBranchAndWhereItIs() throws Exception {
        KioskFlow flow = flow(DemoBranch.create());
        flow.scanned(rig.qr(booking("hn-caugiay", LocalDate.of(2026, 11, 23), "09:00-09:30", 6)));
        assertThat(refused(flow).refusal()).isEqualTo(Refusal.OTHER_BRANCH);
        assertThat(refused(flow).branchName()).isEqualTo("Chi nhánh số 8 (Cầu Giấy)");
        assertThat(refused(flow).branchAddress()).isEqualTo("Số 36 Cầu Giấy, phường Cầu Giấy, Hà Nội");
    }

    @Test
    void theBranchListTheKioskPulledLaterIsWhatARefusalNames() throws Exception {
        KioskFlow flow = flow(DemoBranch.create());
        rig.city.set(BranchDirectory.of(DemoBranch.create(), List.of()));
        String elsewhere = rig.qr(booking("hn-caugiay", LocalDate.of(2026, 11, 23), "09:00-09:30", 6));
        flow.scanned(elsewhere);
        assertThat(refused(flow).branchName()).as("not yet listed: its id").isEqualTo("hn-caugiay");
        assertThat(refused(flow).branchAddress()).isEmpty();

        rig.city.set(BranchDirectory.of(DemoBranch.create(), List.of(new UpstreamBranches.Listed("hn-caugiay",
                "Chi nhánh số 8 (Cầu Giấy)", "Số 36 Cầu Giấy, phường Cầu Giấy, Hà Nội"))));
        flow.scanned(elsewhere);
        assertThat(refused(flow).branchName()).isEqualTo("Chi nhánh số 8 (Cầu Giấy)");
        assertThat(refused(flow).branchAddress()).isEqualTo("Số 36 Cầu Giấy, phường Cầu Giấy, Hà Nội");
    }

    @Test
    void theKiosksOwnBranchFileWinsOverTheListForItsOwnBranch() {
        BranchDirectory directory = BranchDirectory.of(DemoBranch.create(), List.of(
                new UpstreamBranches.Listed(DemoBranch.ID, "Tên khác", "Địa chỉ khác")));
        assertThat(directory.find(DemoBranch.ID).address()).isEqualTo(DemoBranch.ADDRESS);
        assertThat(directory.find("hn-unknown")).isEqualTo(new BranchDirectory.Entry("hn-unknown", "hn-unknown", ""));
    }

    @Test
    void aRefusedReprintStillShowsTheCitizensOwnNumber() throws Exception {
        KioskFlow flow = flow(DemoBranch.create());
        String qr = rig.qr(rig.booking("HT", 5, "09:00-09:30", false));
        flow.scanned(qr);
        flow.scanned(qr);
        flow.scanned(qr);
        assertThat(refused(flow).refusal()).isEqualTo(Refusal.REPRINT_USED);
        assertThat(refused(flow).ticketLabel()).isEqualTo("HT-005");
    }

    @Test
    void afterTheLastWalkInTimeTheFirstTapSaysSoAndNoRefusalOffersANumber() throws Exception {
        Branch base = DemoBranch.create();
        Branch branch = new Branch(base.id(), base.name(), base.fields(), base.slots(), base.counters(),
                base.address(), new Branch.Times(Duration.ofMinutes(30), Duration.ZERO, LocalTime.of(16, 30)));
        KioskFlow flow = flow(branch);
        rig.clock.set("2026-11-23T16:29");
        flow.walkIn();
        assertThat(flow.state().screen()).as("16:29: still open").isInstanceOf(Screen.ChooseField.class);
        flow.home();

        rig.clock.set("2026-11-23T16:30");
        flow.walkIn();
        assertThat(refused(flow).refusal()).as("the first tap, not the fourth").isEqualTo(Refusal.WALK_IN_CLOSED);
        assertThat(refused(flow).offerWalkIn()).isFalse();

        flow.scanned(rig.qr(rig.booking("HT", 10, "08:00-08:30", false)));
        assertThat(refused(flow).refusal()).isEqualTo(Refusal.TOO_LATE);
        assertThat(refused(flow).offerWalkIn()).as("no button for a number that cannot be had").isFalse();
        assertThat(rig.queue.tickets()).isEmpty();
    }

    @Test
    void aBookingMovedToTheAfternoonIsToldOfTheMoveAndWhenToComeBack() throws Exception {
        KioskFlow flow = flow(DemoBranch.create());
        Booking morning = rig.booking("HT", 12, "09:00-09:30", false);
        rig.queue.receive(Fixtures.recorded(List.of(morning)));
        rig.queue.receive(List.of(Fixtures.central(91, new QueueEvent.BookingMoved(morning.ticketId(),
                TimeSlot.parse("09:00-09:30"), TimeSlot.parse("14:00-14:30")))));
        flow.scanned(rig.qr(morning));
        assertThat(refused(flow).refusal()).isEqualTo(Refusal.MOVED_LATER);
        assertThat(refused(flow).comeBackAt()).isEqualTo(LocalTime.of(13, 30));
    }

    @Test
    void theBranchsGraceLetsACitizenLateByMinutesCheckIn() throws Exception {
        Branch base = DemoBranch.create();
        Branch branch = new Branch(base.id(), base.name(), base.fields(), base.slots(), base.counters(),
                base.address(), new Branch.Times(Duration.ofMinutes(30), Duration.ofMinutes(10), null));
        KioskFlow flow = flow(branch);
        rig.clock.set("2026-11-23T09:35");
        flow.scanned(rig.qr(rig.booking("HT", 13, "09:00-09:30", false)));
        assertThat(flow.state().screen()).as("5 min late, 10 min grace").isInstanceOf(Screen.TicketIssued.class);

        rig.clock.set("2026-11-23T09:40");
        flow.scanned(rig.qr(rig.booking("HT", 14, "09:00-09:30", false)));
        assertThat(refused(flow).refusal()).as("the grace has its end too").isEqualTo(Refusal.TOO_LATE);
    }

    /** The screenshot catalogue draws what the running flow shows: the same walk-in button for each refusal. */
    @ParameterizedTest
    @EnumSource(Refusal.class)
    void theCatalogueOffersAWalkInExactlyWhereTheFlowDoes(Refusal refusal) {
        Screen.Refused sample = (Screen.Refused) ScreenCatalog.screens()
                .get("refused-" + refusal.name().toLowerCase().replace('_', '-'));
        assertThat(sample.offerWalkIn()).isEqualTo(Screen.Refused.of(refusal, true).offerWalkIn())
                .isEqualTo(refusal.offersWalkIn());
    }
}
