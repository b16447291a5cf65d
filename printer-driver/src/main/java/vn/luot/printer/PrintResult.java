package vn.luot.printer;

import java.util.Objects;

/**
 * The outcome of one ticket, returned to the caller. {@link Printed} is only returned when the
 * whole ticket was handed to the printer and the printer still reported a printable state
 * afterwards; anything else is {@link Failed}, so nothing is reported printed that was not.
 */
public sealed interface PrintResult {

    /** Status reported after the attempt (or the reason it stopped). */
    PrinterStatus status();

    default boolean printed() {
        return this instanceof Printed;
    }

    record Printed(PrinterStatus status) implements PrintResult {
        public Printed {
            Objects.requireNonNull(status);
        }
    }

    /**
     * @param status       why it failed, e.g. PAPER_OUT
     * @param partlySent   true when some or all ticket bytes reached the printer: the citizen
     *                     may hold a torn or incomplete ticket, reprint it
     * @param reason       a sentence for the operator log (never shown to the citizen)
     */
    record Failed(PrinterStatus status, boolean partlySent, String reason) implements PrintResult {
        public Failed {
            Objects.requireNonNull(status);
            Objects.requireNonNull(reason);
        }
    }
}
