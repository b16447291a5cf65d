package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventCodec;
import vn.luot.core.event.EventType;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.store.StoreException;
import vn.luot.core.testing.MutableClock;

/** The sync boundary's rules that need no network: roles per type, clocks, strict parsing, the file. */
class SyncBoundaryRulesTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventTypeNamesItsSendersAndBookingDecisionsAreTheCentresAlone() {
        for (EventType type : EventType.values()) {
            assertThat(type.senders()).as(type.name()).isNotEmpty();
        }
        assertThat(EventType.BOOKING_RECORDED.senders()).containsExactly(EventType.Sender.CENTRE);
        assertThat(EventType.BOOKING_CANCELLED.senders()).containsExactly(EventType.Sender.CENTRE);
        assertThat(EventType.MOVED.senders()).containsExactlyInAnyOrder(EventType.Sender.CENTRE, EventType.Sender.HUB);
        for (EventType type : EventType.values()) {
            boolean kioskWork = List.of(EventType.CHECKED_IN, EventType.TICKET_ISSUED, EventType.REACTIVATED,
                    EventType.TICKET_PRINTED, EventType.APPROACHING, EventType.HELP_REQUESTED).contains(type);
            assertThat(type.mayBeSentBy(EventType.Sender.KIOSK)).as(type.name()).isEqualTo(kioskWork);
        }
    }

    @Test
    void theHlcCarriesIntoTheNextMillisecondInsteadOfOverflowing() {
        Hlc full = new Hlc(1_000, Integer.MAX_VALUE);
        assertThat(Hlc.tick(full, 10)).isEqualTo(new Hlc(1_001, 0));
        assertThat(Hlc.observe(new Hlc(5, 0), new Hlc(Long.MAX_VALUE, Integer.MAX_VALUE), 1_000))
                .as("a remote clock far ahead is never adopted").isEqualTo(new Hlc(5, 0));
    }

    @Test
    void numbersOnTheWireAreWholeNumbersOrTheEventIsMalformed() throws Exception {
        for (String hlc : List.of("\"abc\"", "1e300", "1.5", "-1", "\"123\"", "99999999999999999999999")) {
            JsonNode node = codec.mapper().readTree("{\"device\":\"kiosk-1\",\"seq\":1,\"hlc\":" + hlc
                    + ",\"hlcCounter\":0,\"time\":\"2026-11-23T02:05:00Z\",\"type\":\"COUNTER_PAUSED\","
                    + "\"body\":{\"counter\":1}}");
            assertThatThrownBy(() -> codec.fromJson(node)).as(hlc).isInstanceOf(EventCodec.MalformedEventException.class);
        }
        JsonNode floatCounter = codec.mapper().readTree("{\"device\":\"hub\",\"seq\":1,\"hlc\":5,\"hlcCounter\":0,"
                + "\"time\":\"2026-11-23T02:05:00Z\",\"type\":\"COUNTER_PAUSED\",\"body\":{\"counter\":5.7}}");
        assertThatThrownBy(() -> codec.fromJson(floatCounter)).isInstanceOf(EventCodec.MalformedEventException.class);
        JsonNode nullTicket = codec.mapper().readTree("{\"device\":\"hub\",\"seq\":1,\"hlc\":5,\"hlcCounter\":0,"
                + "\"time\":\"2026-11-23T02:05:00Z\",\"type\":\"CALLED\",\"body\":{\"ticket\":null,\"counter\":5}}");
        assertThatThrownBy(() -> codec.fromJson(nullTicket)).isInstanceOf(EventCodec.MalformedEventException.class);
    }

    @Test
    void aDevicesTimestampsMayNotGoBackAlongItsSequenceNumbers() {
        EventAdmission admission = new EventAdmission(DemoBranch.create(), DeviceTokens.none());
        DeviceIdentity kiosk = new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK);
        Event late = new Event("kiosk-1", 9, new Hlc(clock.millis() - 60_000, 0), clock.instant(),
                new QueueEvent.TicketIssued(new vn.luot.core.domain.TicketId(java.time.LocalDate.of(2026, 11, 23), "HT", 505),
                        Purpose.SUBMIT, vn.luot.core.domain.TimeSlot.parse("09:00-09:30"), false));
        assertThat(admission.judge(kiosk, late, clock.millis(), java.util.Optional.of(new Hlc(clock.millis(), 0))))
                .map(EventAdmission.Refusal::code).contains("CLOCK_BACKWARDS");
        assertThat(admission.judge(kiosk, late, clock.millis(), java.util.Optional.empty())).isEmpty();
    }

    @Test
    void anyKioskOfTheBranchMayReprintAndReactivateAWalkInThroughItsTicketButADisplayMayNotReactivate() {
        EventAdmission admission = new EventAdmission(DemoBranch.create(), DeviceTokens.none());
        DeviceIdentity otherKiosk = new DeviceIdentity("kiosk-2", DemoBranch.ID, DeviceIdentity.Role.KIOSK);
        DeviceIdentity display = new DeviceIdentity("display", DemoBranch.ID, DeviceIdentity.Role.DISPLAY);
        // HT-505 was issued from kiosk-1's block; its citizen rescans the ticket at kiosk-2
        vn.luot.core.domain.TicketId walkIn = new vn.luot.core.domain.TicketId(java.time.LocalDate.of(2026, 11, 23),
                "HT", 505);
        Hlc now = new Hlc(clock.millis(), 0);
        Event reactivated = new Event("kiosk-2", 1, now, clock.instant(),
                new QueueEvent.Reactivated(walkIn, vn.luot.core.domain.TimeSlot.parse("09:00-09:30")));
        Event printed = new Event("kiosk-2", 2, now, clock.instant(), new QueueEvent.TicketPrinted(walkIn));

        assertThat(admission.judge(otherKiosk, reactivated, clock.millis(), java.util.Optional.empty())).isEmpty();
        assertThat(admission.judge(otherKiosk, printed, clock.millis(), java.util.Optional.empty())).isEmpty();
        Event fromDisplay = new Event("display", 1, now, clock.instant(), reactivated.body());
        assertThat(admission.judge(display, fromDisplay, clock.millis(), java.util.Optional.empty()))
                .map(EventAdmission.Refusal::code).contains("ROLE");
    }

    @Test
    void aHelpRequestComesOnlyFromAKioskAndIsHeldOnceAcrossARestartOfTheHub() {
        LocalQueue kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1")
                .branch(DemoBranch.create()).clock(clock).open();
        List<Event> asked = kiosk.requestHelp();
        kiosk.close();
        assertThat(asked).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(EventType.HELP_REQUESTED));
        Event wire = codec.fromJson(codec.toJson(asked.get(0)));
        assertThat(wire).isEqualTo(asked.get(0));

        EventAdmission admission = new EventAdmission(DemoBranch.create(), DeviceTokens.none());
        DeviceIdentity display = new DeviceIdentity("display", DemoBranch.ID, DeviceIdentity.Role.DISPLAY);
        Event fromDisplay = new Event("display", 1, wire.hlc(), wire.deviceTime(), wire.body());
        assertThat(admission.judge(display, fromDisplay, clock.millis(), java.util.Optional.empty()))
                .map(EventAdmission.Refusal::code).contains("ROLE");
        assertThat(admission.judge(display, wire, clock.millis(), java.util.Optional.empty()))
                .map(EventAdmission.Refusal::code).contains("NOT_YOURS");

        java.time.Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        LocalQueue hub = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        hub.receive(List.of(wire));
        assertThat(hub.helpRequestsSince(hourAgo)).extracting(vn.luot.core.queue.HelpRequest::deviceId)
                .containsExactly("kiosk-1");
        hub.close();
        LocalQueue reopened = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub")
                .branch(DemoBranch.create()).clock(clock).open();
        reopened.receive(List.of(wire));
        assertThat(reopened.helpRequestsSince(hourAgo)).as("kept across the restart, and a repeat is a duplicate")
                .hasSize(1);
        assertThat(reopened.eventCount()).isEqualTo(1);
        reopened.close();
    }

    @Test
    void aZeroLengthDatabaseIsDetectedNotTakenForANewOne() throws Exception {
        Path file = dir.resolve("queue.db");
        Files.createFile(file);
        assertThatThrownBy(() -> LocalQueue.builder().file(file).deviceId("kiosk-1").branch(DemoBranch.create())
                .clock(clock).open())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.EMPTY_FILE);
                    assertThat(e.getMessage()).contains(file.toString()).contains("issues no walk-in number until");
                });
    }

    @Test
    void theReprintCountIsInTheLogSoADeviceThatLostItsFileKeepsTheLimit() {
        LocalQueue kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1")
                .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(500, 699)).open();
        Ticket t = kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket();
        kiosk.recordPrint(t.id());
        kiosk.recordPrint(t.id());
        List<Event> log = kiosk.read(s -> s.loadEvents());
        kiosk.close();
        LocalQueue fresh = LocalQueue.builder().file(dir.resolve("fresh.db")).deviceId("kiosk-9")
                .branch(DemoBranch.create()).clock(clock).open();
        fresh.receive(log);
        assertThat(fresh.printCount(t.id())).isEqualTo(2);
        fresh.close();
    }

    @Test
    void aKioskOneDayBehindDecidesOnTheUpstreamsDayOnceItHasSeenIt() {
        MutableClock kioskClock = MutableClock.at("2026-11-22T09:05");
        ClockTrust trust = new ClockTrust(kioskClock, Duration.ofMinutes(2));
        trust.observe(Instant.parse("2026-11-23T02:05:00Z"));
        assertThat(trust.state()).isEqualTo(ClockTrust.State.SKEWED);
        assertThat(vn.luot.core.domain.BranchTime.now(trust.correctedClock()).toLocalDate())
                .isEqualTo(java.time.LocalDate.of(2026, 11, 23));
    }
}
