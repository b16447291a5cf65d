package vn.luot.printer.transport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * An open byte pipe to a printer. Any {@link IOException} means the link is dead: close it and
 * open a new one from the {@link PrinterTransport} (that is how cables and networks come back).
 * Not thread-safe: one caller at a time.
 */
public interface PrinterLink extends Closeable {

    /** Writes all bytes and flushes them toward the printer. */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads what the printer sent, waiting at most {@code timeout} for the first byte.
     *
     * @return bytes read, 0 when nothing arrived in time
     */
    int read(byte[] buffer, Duration timeout) throws IOException;

    /** Drops bytes that arrived but were never read, e.g. a late answer to an old request. */
    void discardInput() throws IOException;
}
