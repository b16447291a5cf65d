package vn.luot.printer.virtual;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Attaches a {@link VirtualPrinter} to the printer's end of a pseudo-terminal pair (for example
 * the second link of {@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}); the kiosk opens
 * the other end as a serial port. The reader stops when the pty goes away.
 */
public final class VirtualPrinterPty implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(VirtualPrinterPty.class.getName());

    private final InputStream in;
    private final OutputStream out;
    private final Thread reader;

    private VirtualPrinterPty(VirtualPrinter printer, Path device) throws IOException {
        this.in = new FileInputStream(device.toFile());
        this.out = new FileOutputStream(device.toFile());
        this.reader = new Thread(() -> {
            try {
                printer.serve(in, out);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.INFO, "pty {0} closed: {1}", device, e.getMessage());
            }
        }, "virtual-printer-pty:" + device);
        reader.setDaemon(true);
        reader.start();
    }

    public static VirtualPrinterPty attach(VirtualPrinter printer, Path device) throws IOException {
        return new VirtualPrinterPty(printer, device);
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
