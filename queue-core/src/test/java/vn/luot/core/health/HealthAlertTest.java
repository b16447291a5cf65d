package vn.luot.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.luot.core.sync.ClockTrust;

class HealthAlertTest {

    private final Instant now = Instant.parse("2026-11-23T01:40:00Z");

    private SeenHeartbeat seen(Heartbeat h, Duration ago) {
        return SeenHeartbeat.received(h, now.minus(ago), Duration.ZERO, h.deviceId());
    }

    @Test
    void aHealthyDeviceHasNoAlert() {
        assertThat(HealthAlert.of(seen(Heartbeats.display("display-1", "b", now), Duration.ofSeconds(30)), now)).isEmpty();
        assertThat(HealthAlert.of(seen(Heartbeats.kiosk("kiosk-1", "b", now), Duration.ZERO), now)).isEmpty();
    }

    @Test
    void aDeviceSilentForMoreThanTwoMinutesIsOffline() {
        Heartbeat h = Heartbeats.kiosk("kiosk-1", "b", now.minusSeconds(121));
        assertThat(HealthAlert.of(seen(h, Duration.ofSeconds(120)), now)).isEmpty();
        assertThat(HealthAlert.of(seen(h, Duration.ofSeconds(121)), now)).containsExactly(HealthAlert.OFFLINE);
    }

    @Test
    void paperOutBoardsClockAndDiskAreAlertsMostUrgentFirst() {
        Heartbeat h = Heartbeats.withDisk(Heartbeats.withClock(Heartbeats.withBoards(Heartbeats.withPrinter(
                Heartbeats.kiosk("kiosk-1", "b", now), Heartbeat.Printer.PAPER_OUT),
                List.of(new Heartbeat.Board(3, Heartbeat.BoardState.NOT_ANSWERING))), ClockTrust.State.SKEWED),
                95, 100);
        assertThat(HealthAlert.of(seen(h, Duration.ofMinutes(5)), now)).containsExactly(HealthAlert.OFFLINE,
                HealthAlert.PAPER_OUT, HealthAlert.BOARD_NOT_ANSWERING, HealthAlert.CLOCK_UNTRUSTED, HealthAlert.DISK_FULL);
    }

    @Test
    void aClockTheDeviceTrustsButThatIsYearsOffTheReceiversIsUntrusted() {
        Heartbeat h = Heartbeats.kiosk("kiosk-1", "b", Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(HealthAlert.of(seen(h, Duration.ZERO), now)).containsExactly(HealthAlert.CLOCK_UNTRUSTED);
    }

    @Test
    void aBoardNotYetHeardFromAndADiskAtNinetyPercentAreNoAlert() {
        Heartbeat h = Heartbeats.withDisk(Heartbeats.withBoards(Heartbeats.display("display-1", "b", now),
                List.of(new Heartbeat.Board(1, Heartbeat.BoardState.UNKNOWN))), 90, 100);
        assertThat(HealthAlert.of(seen(h, Duration.ZERO), now)).isEmpty();
    }

    @Test
    void anOpenCoverIsAPrinterFault() {
        Heartbeat h = Heartbeats.withPrinter(Heartbeats.kiosk("kiosk-1", "b", now), Heartbeat.Printer.COVER_OPEN);
        assertThat(HealthAlert.of(seen(h, Duration.ZERO), now)).containsExactly(HealthAlert.PRINTER_FAULT);
    }
}
