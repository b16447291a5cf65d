package vn.luot.printer.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A network printer on raw TCP (port 9100, "JetDirect"). */
public final class TcpTransport implements PrinterTransport {

    private final String host;
    private final int port;
    private final Duration connectTimeout;

    public TcpTransport(String host, int port, Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public PrinterLink open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return new SocketLink(socket);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to printer at " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }

    private static final class SocketLink implements PrinterLink {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        SocketLink(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        @Override
        public int read(byte[] buffer, Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("printer closed the connection");
                }
                return n;
            } catch (SocketTimeoutException e) {
                return 0;
            }
        }

        @Override
        public void discardInput() throws IOException {
            byte[] sink = new byte[256];
            while (in.available() > 0) {
                if (in.read(sink, 0, Math.min(sink.length, in.available())) < 0) {
                    throw new IOException("printer closed the connection");
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
