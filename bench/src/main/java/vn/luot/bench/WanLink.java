package vn.luot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The branch's WAN line in the simulated day: a TCP relay on loopback between the hub and the central
 * server that the bench can cut. While it is cut, new connections are accepted and then left silent, as
 * when a router upstream drops packets (the hub's client must time out, not get a quick refusal), and the
 * connections open at the moment of the cut die. The server keeps running all the while, so citizens'
 * phones still book and cancel at the centre during the outage.
 */
final class WanLink implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;

    WanLink(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "wan-link");
        accept.setDaemon(true);
        accept.start();
    }

    /** The port the hub's upstream URL points at. */
    int port() {
        return listener.getLocalPort();
    }

    boolean up() {
        return up;
    }

    /** Cuts the line: every open connection dies; new ones hang until the line is back. */
    void cut() {
        up = false;
        closeAll();
    }

    /** The line is back: the connections held while it was cut are dropped, so their clients retry at once. */
    void restore() {
        up = true;
        closeAll();
    }

    private void closeAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                if (!up) {
                    continue; // held, silent, until restore() or close()
                }
                Socket server = new Socket();
                open.add(server);
                try {
                    server.connect(target, 2_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(server);
                    continue;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // the listener closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away (or the line was cut): the other side goes with it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "wan-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        closeAll();
    }
}
