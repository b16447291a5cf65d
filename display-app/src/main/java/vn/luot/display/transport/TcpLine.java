package vn.luot.display.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;

/**
 * The RS-485 bus behind an Ethernet serial-device server in raw TCP ("TCP server") mode: the bytes on the
 * connection are the bytes on the wire, no Modbus TCP header. {@code boards.port = "tcp://host:port"};
 * {@code hardware-docs/led-protocol.md} lists the gateway settings. Also the simulated boards' end of the demo's
 * loopback bus ({@link #accept}).
 */
public final class TcpLine implements Line {

    private static final int READ_SLICE_MILLIS = 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String path;
    private volatile boolean gone;

    private TcpLine(Socket socket, String path) throws IOException {
        this.socket = socket;
        this.path = path;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_SLICE_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static boolean isTcp(String path) {
        return path.startsWith("tcp://");
    }

    /** Connects to {@code tcp://host:port}. */
    public static Line.Opening connect(String path) {
        URI uri;
        try {
            uri = URI.create(path);
        } catch (IllegalArgumentException e) {
            return new Line.Opening.Failed("not a tcp://host:port address: " + path);
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            return new Line.Opening.Failed("not a tcp://host:port address: " + path);
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MILLIS);
            return new Line.Opening.Opened(new TcpLine(socket, path));
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was open
            }
            return new Line.Opening.Failed("cannot connect to " + path + ": " + e.getMessage());
        }
    }

    /** Waits up to {@code timeoutMillis} for a connection on {@code server}; empty-handed is a Failed opening. */
    public static Line.Opening accept(ServerSocket server, int timeoutMillis) {
        try {
            server.setSoTimeout(timeoutMillis);
            Socket s = server.accept();
            return new Line.Opening.Opened(new TcpLine(s, "tcp://" + s.getRemoteSocketAddress()));
        } catch (IOException e) {
            return new Line.Opening.Failed("no connection on port " + server.getLocalPort() + ": " + e.getMessage());
        }
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            gone = true;
            return false;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (gone) {
            return -1;
        }
        try {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                gone = true;
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            gone = true;
            return -1;
        }
    }

    @Override
    public int discardInput() {
        try {
            int discarded = 0;
            while (in.available() > 0) {
                int n = in.read(new byte[Math.min(in.available(), 256)]);
                if (n < 0) {
                    gone = true;
                    return -1;
                }
                discarded += n;
            }
            return gone ? -1 : discarded;
        } catch (IOException e) {
            gone = true;
            return -1;
        }
    }

    @Override
    public boolean isAlive() {
        return !gone && !socket.isClosed();
    }

    @Override
    public void close() {
        gone = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
