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
    ERROR,
    /**
     * The link works but the printer has never answered a status request (DLE EOT), as many USB
     * clones do: tickets are sent without status, so paper out and an open cover go unnoticed.
     */
    STATUS_UNSUPPORTED,
    /** Status requests are turned off in the config ({@code printer.status = "none"}). */
    NOT_QUERIED;

    /** Whether a ticket sent now is expected to come out (as far as anyone can tell). */
    public boolean canPrint() {
        return this == READY || this == PAPER_NEAR_END || this == STATUS_UNSUPPORTED || this == NOT_QUERIED;
    }

    /** Whether this came from the printer itself rather than from a printer that cannot say. */
    public boolean reported() {
        return this != STATUS_UNSUPPORTED && this != NOT_QUERIED;
    }
}
