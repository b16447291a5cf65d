package vn.luot.printer;

/** What the printer reported, reduced to what the kiosk and the operator act on. */
public enum PrinterStatus {
    READY,
    /** Still prints; the roll should be changed soon. */
    PAPER_NEAR_END,
    PAPER_OUT,
    COVER_OPEN,
    /** Not connected, or did not answer a status request in time. */
    OFFLINE,
    /** The printer reported an error, or answered something that is not a status byte. */
    ERROR;

    /** Whether a ticket sent now is expected to come out. */
    public boolean canPrint() {
        return this == READY || this == PAPER_NEAR_END;
    }
}
