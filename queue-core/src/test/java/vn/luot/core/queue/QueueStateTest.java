package vn.luot.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.luot.core.domain.Conflict;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent.BookingCancelled;
import vn.luot.core.event.QueueEvent.BookingRecorded;
import vn.luot.core.event.QueueEvent.Called;
import vn.luot.core.event.QueueEvent.CheckedIn;
import vn.luot.core.event.QueueEvent.CalledNoShow;
import vn.luot.core.event.QueueEvent.Reactivated;
import vn.luot.core.event.QueueEvent.Served;
import vn.luot.core.event.QueueEvent.TicketIssued;
import vn.luot.core.event.QueueEvent.Transferred;
import vn.luot.core.testing.Fixtures;

class QueueStateTest {

    private static final TimeSlot NINE = TimeSlot.parse("09:00-09:30");
    private static final TimeSlot NINE_THIRTY = TimeSlot.parse("09:30-10:00");

    private static TicketId ht(int n) {
        return new TicketId(Fixtures.DAY, "HT", n);
    }

    private static CheckedIn checkIn(TicketId id, TimeSlot slot, boolean priority) {
        return new CheckedIn(id, "bk-" + id.number(), Purpose.SUBMIT, slot, priority);
    }

    private List<String> line(QueueState state) {
        return state.waiting(Fixtures.DAY, "HT").stream().map(Ticket::label).toList();
    }

    @Test
    void callsTheEarliestSlotFirstThenPriorityThenBookedBeforeWalkInThenArrival() {
        QueueState state = new EventLog()
                .add("kiosk-1", new TicketIssued(ht(500), Purpose.SUBMIT, NINE_THIRTY, false))
                .add("kiosk-1", checkIn(ht(20), NINE_THIRTY, false))
                .add("kiosk-1", new TicketIssued(ht(501), Purpose.SUBMIT, NINE, false))
                .add("kiosk-1", checkIn(ht(11), NINE, false))
                .add("kiosk-1", checkIn(ht(12), NINE, true))
                .add("kiosk-1", checkIn(ht(10), NINE, false))
                .fold();
        assertThat(line(state)).containsExactly("HT-012", "HT-011", "HT-010", "HT-501", "HT-020", "HT-500");
    }

    @Test
    void aCountersUpcomingTicketsMergeItsFieldsInCallOrderAndStopAtTheLimit() {
        TicketId ct = new TicketId(Fixtures.DAY, "CT", 3);
        QueueState state = new EventLog()
                .add("kiosk-1", new TicketIssued(ht(500), Purpose.SUBMIT, NINE_THIRTY, false))
                .add("kiosk-1", checkIn(ht(11), NINE, false))
                .add("kiosk-1", new TicketIssued(ct, Purpose.SUBMIT, NINE, false))
                .add("kiosk-1", checkIn(ht(12), NINE, true))
                .fold();
        assertThat(state.upcomingFor(Fixtures.DAY, List.of("HT", "CT"), 10)).extracting(Ticket::label)
                .containsExactly("HT-012", "HT-011", "CT-003", "HT-500");
        assertThat(state.upcomingFor(Fixtures.DAY, List.of("HT", "CT"), 2)).extracting(Ticket::label)
                .containsExactly("HT-012", "HT-011");
        assertThat(state.upcomingFor(Fixtures.DAY, List.of("XD"), 5)).isEmpty();
    }

    @Test
    void aTransferredTicketWaitsAtTheFrontOfItsNewFieldKeepingItsNumber() {
        TicketId ct = new TicketId(Fixtures.DAY, "CT", 3);
        QueueState state = new EventLog()
                .add("kiosk-1", checkIn(ht(1), NINE, false))
                .add("kiosk-1", checkIn(ht(2), NINE, true))
                .add("kiosk-1", new CheckedIn(ct, "bk-ct", Purpose.SUBMIT, NINE, false))
                .add("hub", new Called(ct, 3))
                .add("hub", new Transferred(ct, 3, "HT"))
                .fold();
        assertThat(line(state)).containsExactly("CT-003", "HT-002", "HT-001");
        assertThat(state.ticket(ct).orElseThrow().servingField()).isEqualTo("HT");
    }

    @Test
    void aReactivatedNoShowGoesToTheEndOfTheCurrentSlot() {
        QueueState state = new EventLog()
                .add("kiosk-1", checkIn(ht(1), NINE, false))
                .add("hub", new Called(ht(1), 1))
                .add("hub", new CalledNoShow(ht(1), 1))
                .add("kiosk-1", checkIn(ht(2), NINE_THIRTY, false))
                .add("kiosk-1", new Reactivated(ht(1), NINE_THIRTY))
                .add("kiosk-1", new TicketIssued(ht(500), Purpose.SUBMIT, NINE_THIRTY, false))
                .fold();
        assertThat(line(state)).containsExactly("HT-002", "HT-500", "HT-001");
        assertThat(state.ticket(ht(1)).orElseThrow().reactivated()).isTrue();
    }

    @Test
    void theCurrentTicketOfACounterIsItsLatestUnfinishedCall() {
        QueueState state = new EventLog()
                .add("kiosk-1", checkIn(ht(1), NINE, false))
                .add("kiosk-1", checkIn(ht(2), NINE, false))
                .add("hub", new Called(ht(1), 4))
                .add("hub", new Served(ht(1), 4))
                .add("hub", new Called(ht(2), 4))
                .fold();
        assertThat(state.currentAt(Fixtures.DAY, 4)).map(Ticket::label).contains("HT-002");
        assertThat(state.ticket(ht(1)).orElseThrow().status()).isEqualTo(TicketStatus.SERVED);
        assertThat(state.nextFor(Fixtures.DAY, Set.of("HT"))).isEmpty();
    }

    @Test
    void aCancellationThatArrivesAfterCheckInIsFlaggedAndTheCitizenStillServed() {
        QueueState state = new EventLog()
                .add("central", new BookingRecorded(ht(7), "bk-7", Purpose.SUBMIT, NINE, false))
                .add("kiosk-1", checkIn(ht(7), NINE, false))
                .add("central", new BookingCancelled(ht(7), true))
                .fold();
        Ticket t = state.ticket(ht(7)).orElseThrow();
        assertThat(t.status()).isEqualTo(TicketStatus.CHECKED_IN);
        assertThat(t.conflict()).isEqualTo(Conflict.CANCELLED_AFTER_CHECK_IN);
    }

    @Test
    void anOfflineCheckInOfABookingCancelledCentrallyIsFlaggedNotDropped() {
        QueueState state = new EventLog()
                .add("central", new BookingRecorded(ht(7), "bk-7", Purpose.SUBMIT, NINE, false))
                .add("central", new BookingCancelled(ht(7), false))
                .add("kiosk-1", checkIn(ht(7), NINE, false))
                .fold();
        Ticket t = state.ticket(ht(7)).orElseThrow();
        assertThat(t.status()).isEqualTo(TicketStatus.CHECKED_IN);
        assertThat(t.conflict()).isEqualTo(Conflict.CHECKED_IN_AFTER_CANCEL);
    }

    @Test
    void anEventThatArrivesBeforeTheTicketIsCreatedIsAppliedOnceItIs() {
        List<Event> log = new EventLog()
                .add("kiosk-1", checkIn(ht(1), NINE, false))
                .add("hub", new Called(ht(1), 1))
                .events();
        QueueState state = new QueueState();
        state.apply(log.get(1));
        assertThat(state.ticket(ht(1))).isEmpty();
        state.apply(log.get(0));
        assertThat(state.ticket(ht(1)).orElseThrow().status()).isEqualTo(TicketStatus.CALLED);
    }

    @Test
    void duplicatesAndReverseOrderGiveTheSameQueue() {
        List<Event> log = new EventLog()
                .add("kiosk-1", checkIn(ht(1), NINE, false))
                .add("kiosk-1", checkIn(ht(2), NINE, false))
                .add("hub", new Called(ht(1), 1))
                .add("hub", new Served(ht(1), 1))
                .add("hub", new Called(ht(2), 1))
                .events();
        QueueState inOrder = QueueState.fold(log);
        QueueState reversed = new QueueState();
        List<Event> backwards = new java.util.ArrayList<>(log);
        Collections.reverse(backwards);
        backwards.forEach(reversed::apply);
        backwards.forEach(reversed::apply);
        assertThat(Snapshot.of(reversed)).isEqualTo(Snapshot.of(inOrder));
        assertThat(reversed.eventCount()).isEqualTo(5);
    }
}
