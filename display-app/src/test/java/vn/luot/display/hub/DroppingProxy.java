package vn.luot.display.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the hub. In dropping mode it delivers each request but swallows the answer and
 * cuts the connection: to the kiosk, exactly what a hub that stored a push and then died looks like.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private volatile int targetPort;
    private volatile boolean dropAnswers;
    final AtomicInteger dropped = new AtomicInteger();

    DroppingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "dropping-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void target(int port) {
        targetPort = port;
    }

    void dropAnswers(boolean drop) {
        dropAnswers = drop;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
                boolean drop = dropAnswers;
                pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
                if (drop) {
                    Thread t = new Thread(() -> {
                        try (client; upstream) {
                            upstream.getInputStream().read(new byte[1]); // the hub has answered: it stored the push
                            dropped.incrementAndGet();
                        } catch (IOException ignored) {
                            // connection gone either way
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } else {
                    pipe(upstream.getInputStream(), client.getOutputStream(), client);
                }
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out, Socket closeAfter) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    closeAfter.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
