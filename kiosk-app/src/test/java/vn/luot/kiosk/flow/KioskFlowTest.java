package vn.luot.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.event.QueueEvent;
import vn.luot.kiosk.KioskRig;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.virtual.PrintedTicket;

/** The kiosk's view model on real parts, without JavaFX: work runs on the calling thread. */
class KioskFlowTest {

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

    private Screen screen() {
        return flow.state().screen();
    }

    private Screen.Refused refused() {
        assertThat(screen()).isInstanceOf(Screen.Refused.class);
        return (Screen.Refused) screen();
    }

    @Test
    void aValidBookingIsCheckedInPrintedAndShownWithCountersAheadAndWait() throws Exception {
        flow.scanned(rig.qr(rig.booking("CT", 3, "09:00-09:30", false)));
        flow.scanned(rig.qr(rig.booking("CT", 7, "09:00-09:30", true)) + "\r\n");

        Screen.TicketIssued issued = (Screen.TicketIssued) screen();
        assertThat(issued.ticket().label()).isEqualTo("CT-007");
        assertThat(issued.ticket().priority()).isTrue();
        assertThat(issued.ticket().counters()).containsExactly(2, 3, 10);
        assertThat(issued.ticket().ahead()).as("the priority citizen goes first").isZero();
        List<PrintedTicket> tickets = rig.paper.awaitTickets(2, WAIT);
        assertThat(tickets.get(1).text()).contains("CT-007").contains("SỐ ƯU TIÊN").contains("Chứng thực")
                .contains("Nộp hồ sơ").contains("Quầy 2, 3, 10");
        assertThat(tickets.get(0).text()).contains("CT-003").contains("Bạn là người tiếp theo");
        assertThat(rig.queue.ticket(rig.booking("CT", 7, "09:00-09:30", true).ticketId()))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TicketStatus.CHECKED_IN));
    }

    @Test
    void aSecondScanReprintsTheSameTicketOnceThenSaysSo() throws Exception {
        String qr = rig.qr(rig.booking("HT", 5, "09:00-09:30", false));
        flow.scanned(qr);
        flow.scanned(qr);
        assertThat(((Screen.TicketIssued) screen()).reprint()).isTrue();
        assertThat(rig.paper.awaitTickets(2, WAIT)).extracting(PrintedTicket::text)
                .allSatisfy(text -> assertThat(text).contains("HT-005"));
        flow.scanned(qr);
        assertThat(refused().refusal()).isEqualTo(Refusal.REPRINT_USED);
        assertThat(rig.queue.tickets()).hasSize(1);
    }

    @Test
    void everyRefusalSaysWhatToDoNext() {
        flow.scanned(rig.qr(new Booking("77", "hn-caugiay", LocalDate.of(2026, 11, 23),
                vn.luot.core.domain.TimeSlot.parse("09:00-09:30"), "HT", Purpose.SUBMIT, 4, false)));
        assertThat(refused().refusal()).isEqualTo(Refusal.OTHER_BRANCH);
        assertThat(refused().branchName()).isEqualTo("Chi nhánh số 8 (Cầu Giấy)");

        flow.scanned(rig.qr(new Booking("78", DemoBranch.ID, LocalDate.of(2026, 11, 25),
                vn.luot.core.domain.TimeSlot.parse("09:00-09:30"), "HT", Purpose.SUBMIT, 4, false)));
        assertThat(refused().refusal()).isEqualTo(Refusal.FUTURE_DAY);
        assertThat(refused().day()).isEqualTo(LocalDate.of(2026, 11, 25));

        flow.scanned(rig.qr(rig.booking("HT", 9, "10:30-11:00", false)));
        assertThat(refused().refusal()).isEqualTo(Refusal.TOO_EARLY);
        assertThat(refused().comeBackAt()).isEqualTo(LocalTime.of(10, 0));
        assertThat(refused().offerWalkIn()).isFalse();

        flow.scanned(rig.qr(rig.booking("HT", 10, "08:00-08:30", false)));
        assertThat(refused().refusal()).isEqualTo(Refusal.TOO_LATE);
        assertThat(refused().offerWalkIn()).isTrue();

        Booking forfeited = rig.booking("HT", 11, "09:00-09:30", false);
        rig.queue.receive(vn.luot.core.testing.Fixtures.recorded(List.of(forfeited)));
        rig.queue.receive(List.of(vn.luot.core.testing.Fixtures.central(90,
                new QueueEvent.BookingCancelled(forfeited.ticketId(), true))));
        flow.scanned(rig.qr(forfeited));
        assertThat(refused().refusal()).isEqualTo(Refusal.FORFEITED);
        assertThat(refused().offerWalkIn()).isTrue();
        assertThat(rig.paper.tickets()).as("nothing printed for a refusal").isEmpty();
    }

    @Test
    void garbageHalfCodesTwoCodesRunTogetherForgedAndIdCardsAreToldApart() {
        String qr = rig.qr(rig.booking("HT", 5, "09:00-09:30", false));
        flow.scanned("\u0000\u00ff garbage \u0007");
        assertThat(refused().refusal()).isEqualTo(Refusal.NOT_A_BOOKING_CODE);
        flow.scanned("x".repeat(50_000));
        assertThat(refused().refusal()).isEqualTo(Refusal.NOT_A_BOOKING_CODE);
        flow.scanned(qr.substring(0, qr.length() / 2));
        assertThat(refused().refusal()).isIn(Refusal.DAMAGED_CODE, Refusal.FORGED);
        flow.scanned(qr + qr);
        assertThat(refused().refusal()).isEqualTo(Refusal.DAMAGED_CODE);
        char[] chars = qr.toCharArray();
        chars[40] = chars[40] == 'A' ? 'B' : 'A';
        flow.scanned(new String(chars));
        assertThat(refused().refusal()).isIn(Refusal.FORGED, Refusal.DAMAGED_CODE);
        flow.scanned("001045012345||Nguyễn Văn An|01011945|Nam|Hoàn Kiếm, Hà Nội|01012021");
        assertThat(refused().refusal()).isEqualTo(Refusal.ID_CARD_AT_HOME);
        assertThat(refused().offerWalkIn()).isTrue();
        assertThat(rig.queue.tickets()).isEmpty();
    }

    @Test
    void aWalkInWithAnIdCardOfACitizenAged75GetsAPriorityNumberAndKeepsNoName() throws Exception {
        flow.walkIn();
        Screen.ChooseField fields = (Screen.ChooseField) screen();
        assertThat(fields.fields()).extracting(Screen.FieldChoice::nameVi).contains("Hộ tịch", "Đất đai");
        flow.chooseField("DD");
        flow.choosePurpose(Purpose.COLLECT);
        flow.scanned("not a card");
        assertThat(((Screen.ScanCitizenCard) screen()).lastScanRejected()).isTrue();
        flow.scanned("001045012345||Nguyễn Văn An|01011945|Nam|Hoàn Kiếm, Hà Nội|01012021");
        Screen.TicketIssued issued = (Screen.TicketIssued) screen();
        assertThat(issued.ticket().label()).isEqualTo("DD-500");
        assertThat(issued.ticket().priority()).isTrue();
        String printed = rig.paper.awaitTickets(1, WAIT).get(0).text();
        assertThat(printed).contains("DD-500").contains("SỐ ƯU TIÊN").doesNotContain("Nguyễn").doesNotContain("001045012345");
        assertThat(rig.queue.store().citizenRefCount()).isEqualTo(1);
    }

    @Test
    void aWalkInWithoutTheCardIsARegularNumber() throws Exception {
        flow.walkIn();
        flow.chooseField("HT");
        flow.choosePurpose(Purpose.ADVICE);
        flow.skipCitizenCard();
        Screen.TicketIssued issued = (Screen.TicketIssued) screen();
        assertThat(issued.ticket().priority()).isFalse();
        assertThat(rig.paper.awaitTickets(1, WAIT).get(0).text()).contains("HT-500").contains("Tư vấn");
    }

    @Test
    void paperOutShowsTheStaffScreenRecordsNoPrintAndTheTicketCanBeReprintedLater() throws Exception {
        rig.paper.setPaperOut(true);
        Booking b = rig.booking("XD", 2, "09:00-09:30", false);
        flow.scanned(rig.qr(b));
        Screen.PrinterFault fault = (Screen.PrinterFault) screen();
        assertThat(fault.status()).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThat(fault.ticket().label()).isEqualTo("XD-002");
        assertThat(rig.queue.ticket(b.ticketId())).hasValueSatisfying(
                t -> assertThat(t.status()).as("the check-in stands").isEqualTo(TicketStatus.CHECKED_IN));

        rig.paper.loadPaper();
        flow.scanned(rig.qr(b));
        assertThat(screen()).isInstanceOf(Screen.TicketIssued.class);
        flow.scanned(rig.qr(b));
        assertThat(screen()).as("the failed attempt did not use up the reprint").isInstanceOf(Screen.TicketIssued.class);
    }

    @Test
    void paperNearEndRaisesADiscreetStaffWarningAndStillPrints() throws Exception {
        rig.paper.setPaperNearEnd(true);
        flow.scanned(rig.qr(rig.booking("KD", 2, "09:00-09:30", false)));
        assertThat(screen()).isInstanceOf(Screen.TicketIssued.class);
        assertThat(flow.state().paperLow()).isTrue();
    }

    @Test
    void doubleTapsAndTapsThatDoNotFitTheScreenAreIgnored() {
        flow.chooseField("HT");
        flow.choosePurpose(Purpose.SUBMIT);
        flow.skipCitizenCard();
        assertThat(screen()).isInstanceOf(Screen.Home.class);
        flow.walkIn();
        flow.walkIn();
        flow.chooseField("HT");
        flow.chooseField("CT");
        assertThat(((Screen.ChoosePurpose) screen()).field().code()).isEqualTo("HT");
        flow.chooseField("ZZ");
        assertThat(screen()).isInstanceOf(Screen.ChoosePurpose.class);
    }

    @Test
    void afterTheIdleTimeoutTheKioskGoesHomeInVietnamese() {
        flow.toggleLanguage();
        flow.walkIn();
        assertThat(flow.state().language()).isEqualTo(KioskState.Language.EN);
        rig.clock.advance(Duration.ofSeconds(29));
        flow.tick();
        assertThat(screen()).isInstanceOf(Screen.ChooseField.class);
        rig.clock.advance(Duration.ofSeconds(1));
        flow.tick();
        assertThat(screen()).isInstanceOf(Screen.Home.class);
        assertThat(flow.state().language()).isEqualTo(KioskState.Language.VI);
    }

    @Test
    void aCalledNoShowScannedAgainTheSameDayIsReactivatedOnce() throws Exception {
        Booking b = rig.booking("HT", 2, "09:00-09:30", false);
        flow.scanned(rig.qr(b));
        rig.queue.next(1);
        rig.queue.noShow(1);
        rig.clock.set("2026-11-23T10:05");
        flow.scanned(rig.qr(b));
        Screen.TicketIssued issued = (Screen.TicketIssued) screen();
        assertThat(issued.reprint()).isFalse();
        assertThat(rig.paper.awaitTickets(2, WAIT)).hasSize(2);
    }

    @Test
    void tapsAndScansWhileATicketIsBeingRecordedAndPrintedAreIgnored() throws Exception {
        java.util.concurrent.BlockingQueue<Runnable> pending = new java.util.concurrent.LinkedBlockingQueue<>();
        try (KioskRig slow = new KioskRig(java.nio.file.Files.createDirectories(dir.resolve("slow")), pending::add)) {
            KioskFlow busy = slow.flow;
            busy.scanned(slow.qr(slow.booking("HT", 3, "09:00-09:30", false)));
            assertThat(busy.state().screen()).isInstanceOf(Screen.Working.class);

            busy.walkIn();
            busy.home();
            busy.chooseField("HT");
            busy.skipCitizenCard();
            busy.scanned(slow.qr(slow.booking("HT", 4, "09:00-09:30", false)));
            slow.clock.advance(Duration.ofMinutes(5));
            busy.tick();
            assertThat(busy.state().screen()).as("nothing interrupts the work").isInstanceOf(Screen.Working.class);
            assertThat(pending).as("the second scan was not queued behind the first").hasSize(1);

            pending.take().run();
            assertThat(((Screen.TicketIssued) busy.state().screen()).ticket().label()).isEqualTo("HT-003");
            assertThat(slow.queue.tickets()).hasSize(1);
        }
    }

    @Test
    void aCodeSignedWithAKeyTheKioskHasNotSeenYetMakesItAskTheUpstreamOnceThenCheckIn() throws Exception {
        java.util.concurrent.atomic.AtomicReference<vn.luot.core.token.TokenVerifier> current =
                new java.util.concurrent.atomic.AtomicReference<>(new vn.luot.core.token.TokenVerifier(
                        vn.luot.core.token.KeySet.empty()));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        KioskFlow fresh = KioskFlow.builder().queue(rig.queue).verifier(current::get).printer(rig.printer)
                .worker(Runnable::run).clock(rig.clock).refreshKeys(() -> {
                    asked.incrementAndGet();
                    current.set(new vn.luot.core.token.TokenVerifier(KioskRig.keys()));
                    return true;
                }).build();
        fresh.scanned(rig.qr(rig.booking("HT", 6, "09:00-09:30", false)));
        assertThat(fresh.state().screen()).isInstanceOf(Screen.TicketIssued.class);
        assertThat(asked).hasValue(1);

        KioskFlow offline = KioskFlow.builder().queue(rig.queue).verifier(() -> new vn.luot.core.token.TokenVerifier(
                vn.luot.core.token.KeySet.empty())).printer(rig.printer).worker(Runnable::run).clock(rig.clock)
                .refreshKeys(() -> false).build();
        offline.scanned(rig.qr(rig.booking("HT", 7, "09:00-09:30", false)));
        assertThat(((Screen.Refused) offline.state().screen()).refusal()).isEqualTo(Refusal.UNKNOWN_KEY);
    }
}
