package vn.luot.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * An upstream on loopback that a test fully controls: it serves {@code /v1/keys} with whatever body it is
 * given (an impostor's key set) and answers everything else 404, every answer dated by the test's clock (so
 * the kiosk's clock trust follows it). Plain sockets: the JDK server would date its answers by the real clock.
 */
final class FakeUpstream implements AutoCloseable {

    private final ServerSocket socket;
    private final Clock clock;
    private final Supplier<String> keys;
    private final Thread acceptor;

    FakeUpstream(Clock clock, Supplier<String> keys) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.clock = clock;
        this.keys = keys;
        this.acceptor = new Thread(this::serve, "fake-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String request = in.readLine();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // headers are not needed
                }
                String body = request != null && request.startsWith("GET /v1/keys ") ? keys.get() : null;
                byte[] bytes = (body == null ? "{\"error\":\"NOT_FOUND\"}" : body).getBytes(StandardCharsets.UTF_8);
                String head = (body == null ? "HTTP/1.1 404 Not Found" : "HTTP/1.1 200 OK") + "\r\n"
                        + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC))
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n";
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // a client that hung up, or the socket closed: go on or stop
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
