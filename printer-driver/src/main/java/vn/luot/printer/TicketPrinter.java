package vn.luot.printer;

/**
 * The one seam the kiosk prints through. Implementations are safe for concurrent use; calls
 * block the calling thread (never call from the UI thread) and are bounded by the configured
 * status timeout, so an unplugged printer returns {@link PrinterStatus#OFFLINE} rather than hanging.
 */
public interface TicketPrinter extends AutoCloseable {

    /** Prints one ticket; failures come back as {@link PrintResult.Failed}, never as an exception. */
    PrintResult print(TicketSlip slip);

    /** Asks the printer for its real-time status (reconnecting first if needed). */
    PrinterStatus status();

    @Override
    void close();
}
