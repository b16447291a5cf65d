package vn.luot.printer.status;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.transport.PrinterLink;

/**
 * Asks a printer for its real-time status over an open link, within a deadline.
 *
 * <p>Some printers (and the usblp driver) hand an answer back one request late. Each request is
 * therefore sent twice and the last valid byte is kept: a printer in step answers the same byte
 * twice, a printer one behind answers the stale byte and then the fresh one. Stale input is
 * flushed before each request.
 */
public final class StatusReader {

    private static final int DLE = 0x10;
    private static final int EOT = 0x04;

    private final Duration timeout;

    public StatusReader(Duration timeout) {
        this.timeout = timeout;
    }

    /** The printer's status; OFFLINE when it does not answer in time, ERROR when it answers garbage. */
    public PrinterStatus read(PrinterLink link) throws IOException {
        return ask(link).orElse(PrinterStatus.OFFLINE);
    }

    /**
     * The printer's status, or empty when not one byte came back to the first request: a printer
     * that is silent, as opposed to one that answered and then stopped (OFFLINE).
     */
    public Optional<PrinterStatus> ask(PrinterLink link) throws IOException {
        int printer = query(link, 1);
        if (printer == NO_ANSWER) {
            return Optional.empty();
        }
        return Optional.of(rest(link, printer));
    }

    private PrinterStatus rest(PrinterLink link, int printer) throws IOException {
        int offline = query(link, 2);
        int paper = query(link, 4);
        if (offline == NO_ANSWER || paper == NO_ANSWER) {
            return PrinterStatus.OFFLINE;
        }
        return StatusBits.decode(printer, offline, paper);
    }

    private static final int NO_ANSWER = -1;
    private static final int GARBAGE = 0x100;

    private int query(PrinterLink link, int n) throws IOException {
        link.discardInput();
        link.write(new byte[] {DLE, EOT, (byte) n, DLE, EOT, (byte) n});
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[16];
        int last = NO_ANSWER;
        int answers = 0;
        while (answers < 2) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            int read = link.read(buffer, Duration.ofNanos(left));
            for (int i = 0; i < read; i++) {
                int b = buffer[i] & 0xff;
                answers++;
                if (StatusBits.isStatusByte(b)) {
                    last = b;
                } else if (last == NO_ANSWER) {
                    last = GARBAGE;
                }
            }
        }
        return last;
    }
}
