package vn.luot.printer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.status.StatusReader;
import vn.luot.printer.transport.PrinterLink;
import vn.luot.printer.transport.PrinterTransport;

/**
 * A real ESC/POS printer behind a transport. Each ticket: (re)connect, read the status, send the
 * ticket, read the status again. Only a printable status after the ticket counts as printed.
 *
 * <p>A printer that has never answered a status request is asked again at once, up to
 * {@link Builder#silentQueriesBeforeUnsupported} times; then it is taken as one that cannot
 * answer (many USB clones): from then on tickets are sent without status and the status is
 * {@link PrinterStatus#STATUS_UNSUPPORTED}. A printer that answered once and then falls silent
 * is OFFLINE, as before: silence from a printer known to answer is a fault, not a model.
 *
 * <p>Thread policy: calls are serialised on this object and run on the caller's thread; there is
 * no background thread whose failure could be lost. A dead link is closed and reopened on the
 * next call, which is how a replugged cable or a returning network is picked up.
 */
public final class EscPosTicketPrinter implements TicketPrinter {

    private static final System.Logger LOG = System.getLogger(EscPosTicketPrinter.class.getName());

    private final TicketLayout layout;
    private final PrinterTransport transport;
    private final StatusReader statusReader;
    private final boolean statusQueries;
    private final int silentLimit;
    private PrinterLink link;
    private boolean everAnswered;
    private int silentQueries;
    private boolean statusUnsupported;

    private EscPosTicketPrinter(Builder b) {
        this.layout = new TicketLayout(b.profile, b.fonts != null ? b.fonts : BundledFonts.load());
        this.transport = b.transport;
        this.statusReader = new StatusReader(b.statusTimeout);
        this.statusQueries = b.statusQueries;
        this.silentLimit = b.silentLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized PrintResult print(TicketSlip slip) {
        return printDocument(layout.render(slip));
    }

    /** The profile this printer lays tickets out for. */
    public PrinterProfile profile() {
        return layout.profile();
    }

    /** Sends finished ESC/POS bytes (a test page, say) with the same status checks as a ticket. */
    public synchronized PrintResult printDocument(byte[] ticket) {
        PrinterStatus before = status();
        if (!before.canPrint()) {
            return new PrintResult.Failed(before, false, "printer " + transport.describe() + " is " + before + "; ticket not sent");
        }
        try {
            link.write(ticket);
        } catch (IOException e) {
            drop();
            return new PrintResult.Failed(PrinterStatus.OFFLINE, true,
                    "connection to " + transport.describe() + " lost while sending the ticket: " + e.getMessage());
        }
        PrinterStatus after = before.reported() ? status() : before;
        if (!after.canPrint()) {
            return new PrintResult.Failed(after, true,
                    "printer " + transport.describe() + " reported " + after + " after the ticket was sent; it may be incomplete");
        }
        return new PrintResult.Printed(after);
    }

    @Override
    public synchronized PrinterStatus status() {
        try {
            if (link == null) {
                link = transport.open();
                LOG.log(Level.INFO, "connected to printer {0}", transport.describe());
            }
            if (!statusQueries) {
                return PrinterStatus.NOT_QUERIED;
            }
            if (statusUnsupported) {
                return PrinterStatus.STATUS_UNSUPPORTED;
            }
            while (true) {
                Optional<PrinterStatus> answer = statusReader.ask(link);
                if (answer.isPresent()) {
                    everAnswered = true;
                    silentQueries = 0;
                    if (answer.get() == PrinterStatus.OFFLINE) {
                        drop();
                    }
                    return answer.get();
                }
                if (everAnswered) {
                    // A silent printer may be a half-open socket: start from a fresh link next time.
                    drop();
                    return PrinterStatus.OFFLINE;
                }
                if (++silentQueries >= silentLimit) {
                    statusUnsupported = true;
                    LOG.log(Level.WARNING, "printer {0} answered none of {1} status requests (DLE EOT): "
                            + "printing without status from now on", transport.describe(), silentQueries);
                    return PrinterStatus.STATUS_UNSUPPORTED;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "printer {0} unreachable: {1}", transport.describe(), e.getMessage());
            drop();
            return PrinterStatus.OFFLINE;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }

    private void drop() {
        if (link != null) {
            try {
                link.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing printer link failed", e);
            }
            link = null;
        }
    }

    /** Builds a printer from a profile and a transport; the fonts can be shared between printers. */
    public static final class Builder {
        private PrinterProfile profile;
        private PrinterTransport transport;
        private Duration statusTimeout = Duration.ofMillis(1000);
        private boolean statusQueries = true;
        private int silentLimit = 3;
        private BundledFonts fonts;

        public Builder profile(PrinterProfile profile) {
            this.profile = profile;
            return this;
        }

        public Builder transport(PrinterTransport transport) {
            this.transport = transport;
            return this;
        }

        /** How long a status answer may take before the printer counts as OFFLINE. */
        public Builder statusTimeout(Duration timeout) {
            this.statusTimeout = timeout;
            return this;
        }

        /**
         * Turn off for a printer whose link cannot be read (some usblp printers): no DLE EOT is
         * sent, tickets are reported printed once written, and the status is NOT_QUERIED.
         */
        public Builder statusQueries(boolean enabled) {
            this.statusQueries = enabled;
            return this;
        }

        /** Status requests without a single answer byte after which a never-answering printer is printed to blind. */
        public Builder silentQueriesBeforeUnsupported(int queries) {
            if (queries < 1) {
                throw new IllegalArgumentException("at least one status request, got " + queries);
            }
            this.silentLimit = queries;
            return this;
        }

        public Builder fonts(BundledFonts fonts) {
            this.fonts = fonts;
            return this;
        }

        public EscPosTicketPrinter build() {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(transport, "transport");
            return new EscPosTicketPrinter(this);
        }
    }
}
