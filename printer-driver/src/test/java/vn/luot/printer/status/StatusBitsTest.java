package vn.luot.printer.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.luot.printer.PrinterStatus;

class StatusBitsTest {

    @Test
    void fixedBitsOnlyIsReady() {
        assertThat(StatusBits.decode(0x12, 0x12, 0x12)).isEqualTo(PrinterStatus.READY);
    }

    @Test
    void rollSensorNearEndBitsMeanPaperNearEnd() {
        assertThat(StatusBits.decode(0x12, 0x12, 0x1e)).isEqualTo(PrinterStatus.PAPER_NEAR_END);
    }

    @Test
    void rollSensorPaperEndBitsMeanPaperOut() {
        assertThat(StatusBits.decode(0x1a, 0x32, 0x72)).isEqualTo(PrinterStatus.PAPER_OUT);
    }

    @Test
    void coverOpenWinsOverOffline() {
        assertThat(StatusBits.decode(0x1a, 0x16, 0x12)).isEqualTo(PrinterStatus.COVER_OPEN);
    }

    @Test
    void errorBitOfTheOfflineCauseIsAnError() {
        assertThat(StatusBits.decode(0x1a, 0x52, 0x12)).isEqualTo(PrinterStatus.ERROR);
    }

    @Test
    void offlineWithoutAKnownCauseIsOffline() {
        assertThat(StatusBits.decode(0x1a, 0x12, 0x12)).isEqualTo(PrinterStatus.OFFLINE);
    }

    @Test
    void bytesBreakingTheFixedBitsAreRejectedAsGarbage() {
        assertThat(StatusBits.isStatusByte(0x00)).isFalse();
        assertThat(StatusBits.isStatusByte(0xff)).isFalse();
        assertThat(StatusBits.isStatusByte(0x13)).isFalse();
        assertThat(StatusBits.isStatusByte(0x92)).isFalse();
        assertThat(StatusBits.decode(0x12, 0x41, 0x12)).isEqualTo(PrinterStatus.ERROR);
    }
}
