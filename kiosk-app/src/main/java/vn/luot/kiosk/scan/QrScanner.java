package vn.luot.kiosk.scan;

import java.util.function.Consumer;

/**
 * The one seam every scanner feeds: a code, as text, when one is read. Implementations deliver on
 * their own reader thread (never the UI thread) and keep trying to reach an unplugged device.
 */
public interface QrScanner extends AutoCloseable {

    enum Status {
        CONNECTED,
        /** Not plugged in or not answering; the scanner keeps retrying. */
        DISCONNECTED
    }

    void start(Consumer<String> onScan);

    Status status();

    @Override
    void close();
}
