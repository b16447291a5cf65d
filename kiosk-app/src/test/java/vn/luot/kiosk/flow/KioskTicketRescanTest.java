package vn.luot.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.event.EventType;
import vn.luot.core.token.TicketToken;
import vn.luot.core.token.TicketTokens;
import vn.luot.kiosk.KioskRig;
import vn.luot.printer.virtual.PrintedTicket;

/**
 * Issue 18 §2/§3: every ticket's one QR is a link to its status page carrying a signed ticket token, and the
 * kiosk reads it back for a reprint or the day's one reactivation, walk-ins as bookings. A refusal keeps the
 * citizen's number on the screen; a token this branch did not sign, or of another day, is told apart plainly.
 */
class KioskTicketRescanTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ResourceBundle VI = ResourceBundle.getBundle("vn.luot.kiosk.ui.kiosk", Locale.forLanguageTag("vi"));

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

    private Screen.TicketIssued walkIn(String field) {
        flow.walkIn();
        flow.chooseField(field);
        flow.choosePurpose(Purpose.SUBMIT);
        flow.skipCitizenCard();
        return (Screen.TicketIssued) flow.state().screen();
    }

    private Screen.Refused refused() {
        assertThat(flow.state().screen()).isInstanceOf(Screen.Refused.class);
        return (Screen.Refused) flow.state().screen();
    }

    @Test
    void theWalkInTicketsOneQrIsItsStatusLinkWithASignedTokenAndNoNumberInClear() throws Exception {
        Screen.TicketIssued issued = walkIn("HT");
        String link = issued.ticket().qrText();

        assertThat(link).startsWith("http://luot.local/t/").doesNotContain("HT-500");
        String token = link.substring("http://luot.local/t/".length());
        assertThat(rig.tickets.verify(token, rig.clock.instant())).isEqualTo(new TicketTokens.Verification.Valid(
                new TicketToken(DemoBranch.ID, new TicketId(LocalDate.of(2026, 11, 23), "HT", 500))));
        PrintedTicket printed = rig.paper.awaitTickets(1, WAIT).get(0);
        Assumptions.assumeTrue(zbarimgPresent() || System.getenv("CI") != null, "zbarimg not installed");
        assertThat(zbarimg(printed.png())).as("the printed QR reads back as the link").isEqualTo(link);
    }

    @Test
    void aBookedTicketNoLongerPrintsTheBookingCodeButItsStatusLink() throws Exception {
        Booking booking = rig.booking("HT", 5, "09:00-09:30", false);
        flow.scanned(rig.qr(booking));

        String qr = ((Screen.TicketIssued) flow.state().screen()).ticket().qrText();
        assertThat(qr).startsWith("http://luot.local/t/").doesNotContain("LT1:");
        flow.scanned(qr);
        assertThat(((Screen.TicketIssued) flow.state().screen()).reprint()).as("the ticket's QR reprints it").isTrue();
    }

    @Test
    void aWalkInRescansItsTicketForOneReprintThenIsRefusedWithItsNumberShown() throws Exception {
        String link = walkIn("HT").ticket().qrText();

        flow.scanned(link);
        Screen.TicketIssued again = (Screen.TicketIssued) flow.state().screen();
        assertThat(again.reprint()).isTrue();
        assertThat(again.ticket().label()).isEqualTo("HT-500");
        assertThat(rig.paper.awaitTickets(2, WAIT)).extracting(PrintedTicket::text)
                .allSatisfy(text -> assertThat(text).contains("HT-500"));

        flow.scanned(link + "\r\n");
        assertThat(refused().refusal()).isEqualTo(Refusal.REPRINT_USED);
        assertThat(refused().ticketLabel()).isEqualTo("HT-500");
        assertThat(rig.queue.tickets()).as("no new number").hasSize(1);
        assertThat(rig.queue.printCount(new TicketId(LocalDate.of(2026, 11, 23), "HT", 500))).isEqualTo(2);
    }

    @Test
    void aWalkInWhoMissedTheCallIsReactivatedOnceThroughItsTicketThenRefusedWithItsNumber() throws Exception {
        String link = walkIn("HT").ticket().qrText();
        TicketId id = new TicketId(LocalDate.of(2026, 11, 23), "HT", 500);
        rig.queue.next(1);
        rig.queue.noShow(1);
        rig.clock.set("2026-11-23T10:05");

        flow.scanned(link);
        Screen.TicketIssued back = (Screen.TicketIssued) flow.state().screen();
        assertThat(back.reprint()).as("a reactivation, not a reprint").isFalse();
        assertThat(rig.queue.ticket(id)).hasValueSatisfying(t -> {
            assertThat(t.status()).isEqualTo(TicketStatus.CHECKED_IN);
            assertThat(t.reactivated()).isTrue();
        });
        assertThat(rig.queue.store().eventsOfDay(id.day())).extracting(e -> e.event().body().type())
                .contains(EventType.REACTIVATED);

        rig.queue.next(1);
        rig.queue.noShow(1);
        flow.scanned(link);
        assertThat(refused().refusal()).isEqualTo(Refusal.REACTIVATION_USED);
        assertThat(refused().ticketLabel()).isEqualTo("HT-500");
        assertThat(rig.queue.ticket(id)).hasValueSatisfying(t -> assertThat(t.status())
                .isEqualTo(TicketStatus.CALLED_NO_SHOW));
    }

    @Test
    void aForgedTicketTokenIsRefusedPlainlyInVietnamese() {
        String forged = "http://luot.local/t/" + TicketTokens.ephemeral()
                .sign(new TicketToken(DemoBranch.ID, new TicketId(LocalDate.of(2026, 11, 23), "HT", 500)));
        flow.scanned(forged);
        assertThat(refused().refusal()).isEqualTo(Refusal.TICKET_NOT_OURS);
        assertThat(refused().offerWalkIn()).isFalse();
        assertThat(VI.getString("refusal.TICKET_NOT_OURS.title")).isEqualTo("Phiếu không phải của chi nhánh này");
        assertThat(rig.queue.tickets()).as("nothing issued or printed for it").isEmpty();
    }

    @Test
    void anotherBranchsTicketIsRefusedWhetherSignedWithItsKeyOrNamingItUnderOurs() {
        TicketToken caugiay = new TicketToken("hn-caugiay", new TicketId(LocalDate.of(2026, 11, 23), "HT", 500));

        flow.scanned("http://caugiay.local:8090/t/" + TicketTokens.ephemeral().sign(caugiay));
        assertThat(refused().refusal()).as("another branch's key").isEqualTo(Refusal.TICKET_NOT_OURS);

        flow.home();
        // a kiosk of this branch holding this branch's key cannot make a ticket of another branch count here
        flow.scanned("http://luot.local/t/" + rig.tickets.sign(caugiay));
        assertThat(refused().refusal()).as("this key, another branch named").isEqualTo(Refusal.TICKET_NOT_OURS);
        assertThat(rig.queue.tickets()).isEmpty();
    }

    @Test
    void aTicketOfAnotherDayIsRefusedWithItsNumberAndAWalkInOffered() {
        TicketToken yesterday = new TicketToken(DemoBranch.ID, new TicketId(LocalDate.of(2026, 11, 22), "HT", 500));

        flow.scanned("http://luot.local/t/" + rig.tickets.sign(yesterday));
        assertThat(refused().refusal()).isEqualTo(Refusal.TICKET_OF_ANOTHER_DAY);
        assertThat(refused().offerWalkIn()).isTrue();
        assertThat(VI.getString("refusal.TICKET_OF_ANOTHER_DAY.body")).contains("chỉ dùng được trong ngày được in");

        flow.home();
        TicketToken tomorrow = new TicketToken(DemoBranch.ID, new TicketId(LocalDate.of(2026, 11, 24), "HT", 500));
        flow.scanned("http://luot.local/t/" + rig.tickets.sign(tomorrow));
        assertThat(refused().refusal()).isEqualTo(Refusal.TICKET_OF_ANOTHER_DAY);
        assertThat(refused().ticketLabel()).isEqualTo("HT-500");
    }

    @Test
    void aGenuineTicketTheKioskDoesNotKnowKeepsTheNumberOnScreen() {
        flow.scanned("http://luot.local/t/" + rig.tickets.sign(
                new TicketToken(DemoBranch.ID, new TicketId(LocalDate.of(2026, 11, 23), "CT", 512))));

        assertThat(refused().refusal()).isEqualTo(Refusal.UNKNOWN_TICKET);
        assertThat(refused().ticketLabel()).isEqualTo("CT-512");
        assertThat(rig.queue.tickets()).isEmpty();
    }

    @Test
    void anOldLabelLinkOrAnotherSitesLinkIsStillNotABookingCode() {
        flow.scanned("http://luot.local/t/HT-012");
        assertThat(refused().refusal()).isEqualTo(Refusal.NOT_A_BOOKING_CODE);
        flow.home();
        flow.scanned("https://example.com/t/abcdefgh");
        assertThat(refused().refusal()).isEqualTo(Refusal.NOT_A_BOOKING_CODE);
    }

    private static String zbarimg(Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("zbarimg found a code: %s", out).isZero();
        return out;
    }

    private static boolean zbarimgPresent() {
        try {
            return new ProcessBuilder("zbarimg", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
