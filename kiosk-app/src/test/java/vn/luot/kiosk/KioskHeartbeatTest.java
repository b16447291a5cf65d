package vn.luot.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.core.health.Heartbeat;
import vn.luot.printer.PrinterStatus;

/** The kiosk's printer as its heartbeat reports it to the supervisor and the city (issue 19 §3, issue 20 §4). */
class KioskHeartbeatTest {

    @Test
    void everyPrinterStatusIsOneOfTheSixStatesPeopleActOn() {
        assertThat(Kiosk.printerState(PrinterStatus.READY)).isEqualTo(Heartbeat.Printer.READY);
        assertThat(Kiosk.printerState(PrinterStatus.PAPER_NEAR_END)).isEqualTo(Heartbeat.Printer.PAPER_LOW);
        assertThat(Kiosk.printerState(PrinterStatus.PAPER_OUT)).isEqualTo(Heartbeat.Printer.PAPER_OUT);
        assertThat(Kiosk.printerState(PrinterStatus.COVER_OPEN)).isEqualTo(Heartbeat.Printer.COVER_OPEN);
        assertThat(Kiosk.printerState(PrinterStatus.OFFLINE)).isEqualTo(Heartbeat.Printer.OFFLINE);
        assertThat(Kiosk.printerState(PrinterStatus.ERROR)).isEqualTo(Heartbeat.Printer.OFFLINE);
        assertThat(Kiosk.printerState(PrinterStatus.STATUS_UNSUPPORTED)).isEqualTo(Heartbeat.Printer.UNSUPPORTED);
        assertThat(Kiosk.printerState(PrinterStatus.NOT_QUERIED)).isEqualTo(Heartbeat.Printer.UNSUPPORTED);
    }
}
