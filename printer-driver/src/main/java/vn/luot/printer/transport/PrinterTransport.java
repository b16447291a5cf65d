package vn.luot.printer.transport;

import java.io.IOException;

/** Where a printer is attached; opens a fresh {@link PrinterLink} each time it is asked. */
public interface PrinterTransport {

    /** Opens the printer, failing fast (bounded time) when it is not there. */
    PrinterLink open() throws IOException;

    /** For logs and {@code luot doctor}, e.g. "tcp://192.168.1.40:9100". */
    String describe();

    static PrinterTransport tcp(String host, int port) {
        return new TcpTransport(host, port, java.time.Duration.ofSeconds(2));
    }

    static PrinterTransport serial(String path, int baud) {
        return new SerialTransport(path, baud);
    }

    static PrinterTransport usbDevice(java.nio.file.Path device) {
        return new UsbDeviceTransport(device);
    }
}
