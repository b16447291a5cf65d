package vn.luot.printer.status;

import vn.luot.printer.PrinterStatus;

/**
 * Decodes the answers to DLE EOT 1, 2 and 4 (Epson ESC/POS real-time status). Pure.
 *
 * <p>Every answer has bit 1 and bit 4 set and bits 0 and 7 clear; a byte that breaks this rule
 * is not a status byte (line noise, a late answer of another command, the wrong device).
 */
public final class StatusBits {

    private static final int FIXED_MASK = 0b1001_0011;
    private static final int FIXED_VALUE = 0b0001_0010;

    private StatusBits() {
    }

    public static boolean isStatusByte(int b) {
        return b >= 0 && (b & FIXED_MASK) == FIXED_VALUE;
    }

    /**
     * @param printer   answer to n=1 (bit 3: offline)
     * @param offline   answer to n=2 (bit 2: cover open, bit 5: stopped at paper end, bit 6: error)
     * @param paper     answer to n=4 (bits 2–3: near end, bits 5–6: paper end)
     */
    public static PrinterStatus decode(int printer, int offline, int paper) {
        if (!isStatusByte(printer) || !isStatusByte(offline) || !isStatusByte(paper)) {
            return PrinterStatus.ERROR;
        }
        if ((offline & 0x04) != 0) {
            return PrinterStatus.COVER_OPEN;
        }
        if ((paper & 0x60) != 0 || (offline & 0x20) != 0) {
            return PrinterStatus.PAPER_OUT;
        }
        if ((offline & 0x40) != 0) {
            return PrinterStatus.ERROR;
        }
        if ((printer & 0x08) != 0) {
            return PrinterStatus.OFFLINE;
        }
        if ((paper & 0x0c) != 0) {
            return PrinterStatus.PAPER_NEAR_END;
        }
        return PrinterStatus.READY;
    }
}
