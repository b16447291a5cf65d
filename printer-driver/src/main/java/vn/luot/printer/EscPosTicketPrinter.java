package vn.luot.printer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
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
    private PrinterLink link;

    private EscPosTicketPrinter(Builder b) {
        this.layout = new TicketLayout(b.profile, b.fonts != null ? b.fonts : BundledFonts.load());
        this.transport = b.transport;
        this.statusReader = new StatusReader(b.statusTimeout);
        this.statusQueries = b.statusQueries;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized PrintResult print(TicketSlip slip) {
        byte[] ticket = layout.render(slip);
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
        PrinterStatus after = status();
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
                return PrinterStatus.READY;
            }
            PrinterStatus status = statusReader.read(link);
            if (status == PrinterStatus.OFFLINE) {
                // A silent printer may be a half-open socket: start from a fresh link next time.
                drop();
            }
            return status;
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
         * Turn off for a printer whose link cannot be read (some usblp printers): tickets are
         * then reported printed once written, and the status is always READY.
         */
        public Builder statusQueries(boolean enabled) {
            this.statusQueries = enabled;
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
