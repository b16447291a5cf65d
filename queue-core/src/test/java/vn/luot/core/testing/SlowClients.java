package vn.luot.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The slow-loris attacker: sockets on loopback that send a request's first part at once and then trickle the
 * rest one byte per period, each from a chosen local address (Linux routes all of 127/8 to loopback, so a test
 * can play several clients). Bounded: a trickle stops when its text is sent or at {@link #close()}.
 */
public final class SlowClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-clients");
        t.setDaemon(true);
        return t;
    });

    /**
     * Opens {@code count} connections from {@code from} to {@code port} on loopback; each sends {@code head} at
     * once, then one byte of {@code trickle} per {@code period}.
     */
    public static SlowClients open(InetAddress from, int port, int count, String head, String trickle, Duration period)
            throws IOException {
        SlowClients clients = new SlowClients();
        byte[] rest = trickle.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            clients.sockets.add(s);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int[] next = {0};
            clients.ticker.scheduleAtFixedRate(() -> {
                if (next[0] >= rest.length || s.isClosed()) {
                    return;
                }
                try {
                    out.write(rest[next[0]++]);
                    out.flush();
                } catch (IOException e) {
                    next[0] = rest.length; // the server hung up: that is the point
                }
            }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return clients;
    }

    /** A local address of the loopback range to play another client (127.0.0.{@code n}). */
    public static InetAddress loopback(int n) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    }

    public int count() {
        return sockets.size();
    }

    /**
     * What the server answered on each connection before closing it, waiting at most {@code deadline} per
     * connection; a connection still open then answers {@code "(still open)"}.
     */
    public List<String> answers(Duration deadline) throws IOException {
        List<String> answers = new ArrayList<>();
        for (Socket s : sockets) {
            s.setSoTimeout((int) deadline.toMillis());
            StringBuilder text = new StringBuilder();
            try {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
                answers.add(text.toString());
            } catch (SocketTimeoutException e) {
                answers.add("(still open)" + text);
            } catch (IOException e) {
                answers.add(text + "(reset)");
            }
        }
        return answers;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing the attacker's side
            }
        }
    }
}
