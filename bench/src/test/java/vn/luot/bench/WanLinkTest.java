package vn.luot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WanLinkTest {

    private ServerSocket echo;
    private WanLink link;

    @BeforeEach
    void echoServerBehindTheLink() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        link = new WanLink(echo.getLocalPort());
    }

    @AfterEach
    void close() throws IOException {
        link.close();
        echo.close();
    }

    @Test
    void relaysBothWaysWhileUp() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "xin chào")).isEqualTo("xin chào");
            assertThat(roundTrip(s, "lần hai")).isEqualTo("lần hai");
        }
    }

    @Test
    void aCutKillsOpenConnectionsAndLeavesNewOnesSilentUntilTheLineIsBack() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "a")).isEqualTo("a");
            link.cut();
            assertThatThrownBy(() -> {
                before.getOutputStream().write('b');
                if (before.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            }).isInstanceOf(IOException.class);
        }
        try (Socket during = connect()) {
            during.getOutputStream().write("c".getBytes());
            assertThatThrownBy(() -> during.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            link.restore();
            // the connection held during the outage is dropped, not replayed
            assertThat(closedByPeer(during)).isTrue();
        }
        try (Socket after = connect()) {
            assertThat(roundTrip(after, "d")).isEqualTo("d");
        }
    }

    /** End of stream, or a reset (the relay closed with the client's bytes unread): not a timeout. */
    private static boolean closedByPeer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), link.port());
        s.setSoTimeout(500);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s.getOutputStream().write(bytes);
        byte[] back = s.getInputStream().readNBytes(bytes.length);
        return new String(back, java.nio.charset.StandardCharsets.UTF_8);
    }
}
