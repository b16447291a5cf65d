package vn.luot.printer.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.IntFunction;

/** A tiny TCP "printer" that answers DLE EOT n with whatever the test wants, or nothing at all. */
final class FakePrinterServer implements AutoCloseable {

    private final ServerSocket server;

    FakePrinterServer(IntFunction<byte[]> answerToStatusRequest) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    int b;
                    int previous = -1;
                    int beforeThat = -1;
                    while ((b = in.read()) >= 0) {
                        if (beforeThat == 0x10 && previous == 0x04) {
                            out.write(answerToStatusRequest.apply(b));
                            out.flush();
                        }
                        beforeThat = previous;
                        previous = b;
                    }
                } catch (IOException e) {
                    // client went away or server closed: accept the next one
                }
            }
        }, "fake-printer");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
