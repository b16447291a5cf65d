package vn.luot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.testing.Fixtures;

class CheckInRulesTest {

    private final Branch branch = DemoBranch.create();
    private final CheckInRules rules = new CheckInRules(CheckInWindow.DEFAULT);
    private final Booking booking = Fixtures.booking("HT", 12, "09:00-09:30", false);

    private CheckInDecision at(String time, Ticket known) {
        return rules.evaluate(branch, booking, known, LocalDateTime.parse("2026-11-23T" + time));
    }

    @Test
    void acceptsInsideTheWindowFromThirtyMinutesBeforeTheSlotUntilItEnds() {
        assertThat(at("08:30", null)).isEqualTo(new CheckInDecision.Accept(TimeSlot.parse("09:00-09:30")));
        assertThat(at("09:29:59", null)).isInstanceOf(CheckInDecision.Accept.class);
    }

    @Test
    void refusesTooEarlyAndSaysWhenToComeBack() {
        CheckInDecision d = at("08:29:59", null);
        assertThat(d).isInstanceOf(CheckInDecision.Refuse.class);
        CheckInDecision.Refuse refuse = (CheckInDecision.Refuse) d;
        assertThat(refuse.reason()).isEqualTo(CheckInRefusal.TOO_EARLY);
        assertThat(refuse.opensAt()).isEqualTo(LocalDateTime.parse("2026-11-23T08:30"));
    }

    @Test
    void refusesOnceTheSlotHasEnded() {
        assertThat(reason(at("09:30", null))).isEqualTo(CheckInRefusal.TOO_LATE);
    }

    @Test
    void theWindowIsConfigurable() {
        CheckInRules wide = new CheckInRules(new CheckInWindow(Duration.ofMinutes(60), Duration.ofMinutes(15)));
        assertThat(wide.evaluate(branch, booking, null, LocalDateTime.parse("2026-11-23T08:00")))
                .isInstanceOf(CheckInDecision.Accept.class);
        assertThat(wide.evaluate(branch, booking, null, LocalDateTime.parse("2026-11-23T09:44")))
                .isInstanceOf(CheckInDecision.Accept.class);
        assertThat(reason(wide.evaluate(branch, booking, null, LocalDateTime.parse("2026-11-23T09:45"))))
                .isEqualTo(CheckInRefusal.TOO_LATE);
    }

    @Test
    void refusesABookingForAnotherBranchNamingIt() {
        Booking elsewhere = new Booking("x", "hn-caugiay", Fixtures.DAY, booking.slot(), "HT", booking.purpose(), 3,
                false);
        CheckInDecision.Refuse refuse = (CheckInDecision.Refuse) rules.evaluate(branch, elsewhere, null,
                LocalDateTime.parse("2026-11-23T09:00"));
        assertThat(refuse.reason()).isEqualTo(CheckInRefusal.OTHER_BRANCH);
        assertThat(refuse.branchId()).isEqualTo("hn-caugiay");
    }

    @Test
    void refusesAnotherDayNamingTheDate() {
        Booking tomorrow = Fixtures.booking(LocalDate.of(2026, 11, 24), "HT", 3, "09:00-09:30", false);
        CheckInDecision.Refuse refuse = (CheckInDecision.Refuse) rules.evaluate(branch, tomorrow, null,
                LocalDateTime.parse("2026-11-23T09:00"));
        assertThat(refuse.reason()).isEqualTo(CheckInRefusal.FUTURE_DAY);
        assertThat(refuse.day()).isEqualTo(LocalDate.of(2026, 11, 24));

        Booking yesterday = Fixtures.booking(LocalDate.of(2026, 11, 22), "HT", 3, "09:00-09:30", false);
        assertThat(reason(rules.evaluate(branch, yesterday, null, LocalDateTime.parse("2026-11-23T09:00"))))
                .isEqualTo(CheckInRefusal.PAST_DAY);
    }

    @Test
    void refusesCancelledForfeitedAndNoShowBookings() {
        Ticket booked = Ticket.booked(booking.ticketId(), booking.id(), booking.purpose(), booking.slot(), false);
        assertThat(reason(at("09:00", booked.withStatus(TicketStatus.CANCELLED)))).isEqualTo(CheckInRefusal.CANCELLED);
        assertThat(reason(at("09:00", booked.withStatus(TicketStatus.FORFEITED)))).isEqualTo(CheckInRefusal.FORFEITED);
        assertThat(reason(at("09:00", booked.withStatus(TicketStatus.NO_SHOW)))).isEqualTo(CheckInRefusal.NO_SHOW);
        assertThat(reason(at("09:00", booked.withStatus(TicketStatus.SERVED)))).isEqualTo(CheckInRefusal.ALREADY_SERVED);
    }

    @Test
    void aSecondScanOfACheckedInBookingReprintsTheSameTicket() {
        Ticket waiting = Ticket.booked(booking.ticketId(), booking.id(), booking.purpose(), booking.slot(), false)
                .queued("HT", new Hlc(5, 0), false);
        assertThat(at("09:10", waiting)).isEqualTo(new CheckInDecision.Reprint(waiting));
        // Even after the window closed: the citizen is in the building with a valid number.
        assertThat(at("11:00", waiting)).isEqualTo(new CheckInDecision.Reprint(waiting));
    }

    @Test
    void aMovedBookingChecksInAgainstItsNewAfternoonSlot() {
        Ticket moved = Ticket.booked(booking.ticketId(), booking.id(), booking.purpose(), booking.slot(), false)
                .withSlot(TimeSlot.parse("14:00-14:30")).withStatus(TicketStatus.MOVED);
        assertThat(reason(at("09:00", moved))).isEqualTo(CheckInRefusal.MOVED_LATER); // and is told of the move
        assertThat(at("13:45", moved)).isEqualTo(new CheckInDecision.Accept(TimeSlot.parse("14:00-14:30")));
    }

    @Test
    void aCalledNoShowIsReactivatedOnceIntoTheCurrentSlot() {
        Ticket absent = Ticket.booked(booking.ticketId(), booking.id(), booking.purpose(), booking.slot(), false)
                .withStatus(TicketStatus.CALLED_NO_SHOW);
        CheckInDecision d = at("10:40", absent);
        assertThat(d).isEqualTo(new CheckInDecision.Reactivate(absent, TimeSlot.parse("10:30-11:00")));

        Ticket twice = absent.reactivatedInto(TimeSlot.parse("10:30-11:00"), new Hlc(9, 0))
                .withStatus(TicketStatus.CALLED_NO_SHOW);
        assertThat(reason(at("11:10", twice))).isEqualTo(CheckInRefusal.REACTIVATION_USED);
    }

    @Test
    void aWalkInsTicketScannedAgainIsReprintedWhileItWaitsAndReactivatedOnceAfterAMissedCall() {
        vn.luot.core.domain.TicketId id = new vn.luot.core.domain.TicketId(LocalDate.of(2026, 11, 23), "HT", 500);
        vn.luot.core.token.TicketToken token = new vn.luot.core.token.TicketToken(branch.id(), id);
        Ticket waiting = Ticket.walkIn(id, vn.luot.core.domain.Purpose.SUBMIT, TimeSlot.parse("09:00-09:30"), false,
                new Hlc(1, 0));
        LocalDateTime now = LocalDateTime.parse("2026-11-23T10:40");

        assertThat(rules.rescan(branch, token, waiting, now)).isEqualTo(new CheckInDecision.Reprint(waiting));
        Ticket absent = waiting.withStatus(TicketStatus.CALLED_NO_SHOW);
        assertThat(rules.rescan(branch, token, absent, now))
                .isEqualTo(new CheckInDecision.Reactivate(absent, TimeSlot.parse("10:30-11:00")));
        Ticket twice = absent.reactivatedInto(TimeSlot.parse("10:30-11:00"), new Hlc(9, 0))
                .withStatus(TicketStatus.CALLED_NO_SHOW);
        assertThat(reason(rules.rescan(branch, token, twice, now))).isEqualTo(CheckInRefusal.REACTIVATION_USED);
        assertThat(reason(rules.rescan(branch, token, waiting.withStatus(TicketStatus.SERVED), now)))
                .isEqualTo(CheckInRefusal.ALREADY_SERVED);
    }

    @Test
    void aTicketTokenOfAnotherBranchOrDayOrOfANumberNotHeldIsRefused() {
        vn.luot.core.domain.TicketId id = new vn.luot.core.domain.TicketId(LocalDate.of(2026, 11, 23), "HT", 500);
        LocalDateTime now = LocalDateTime.parse("2026-11-23T10:40");

        assertThat(reason(rules.rescan(branch, new vn.luot.core.token.TicketToken("hn-caugiay", id), null, now)))
                .isEqualTo(CheckInRefusal.OTHER_BRANCH);
        assertThat(reason(rules.rescan(branch, new vn.luot.core.token.TicketToken(branch.id(),
                new vn.luot.core.domain.TicketId(LocalDate.of(2026, 11, 22), "HT", 500)), null, now)))
                .isEqualTo(CheckInRefusal.PAST_DAY);
        assertThat(reason(rules.rescan(branch, new vn.luot.core.token.TicketToken(branch.id(), id), null, now)))
                .isEqualTo(CheckInRefusal.UNKNOWN_TICKET);
    }

    private static CheckInRefusal reason(CheckInDecision d) {
        assertThat(d).isInstanceOf(CheckInDecision.Refuse.class);
        return ((CheckInDecision.Refuse) d).reason();
    }
}
