package vn.luot.printer.virtual;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a {@link VirtualPrinter} on a TCP port like a network printer on 9100. {@link #close()}
 * drops every connection, as pulling the network cable would; start a new server on the same
 * port to plug it back.
 */
public final class VirtualPrinterServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(VirtualPrinterServer.class.getName());

    private final VirtualPrinter printer;
    private final ServerSocket server;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    private VirtualPrinterServer(VirtualPrinter printer, ServerSocket server) {
        this.printer = printer;
        this.server = server;
    }

    /** Listens on {@code port} (0 picks a free one) on {@code bindAddress} and starts accepting. */
    public static VirtualPrinterServer start(VirtualPrinter printer, InetAddress bindAddress, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bindAddress, port));
        VirtualPrinterServer s = new VirtualPrinterServer(printer, socket);
        Thread acceptor = new Thread(s::acceptLoop, "virtual-printer-accept:" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return s;
    }

    public static VirtualPrinterServer startOnLoopback(VirtualPrinter printer, int port) throws IOException {
        return start(printer, InetAddress.getLoopbackAddress(), port);
    }

    public int port() {
        return server.getLocalPort();
    }

    public VirtualPrinter printer() {
        return printer;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                // One-byte status answers must not wait for Nagle and the client's delayed ACK.
                client.setTcpNoDelay(true);
                clients.add(client);
                Thread t = new Thread(() -> serve(client), "virtual-printer-client:" + client.getPort());
                t.setDaemon(true);
                t.start();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed", e);
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            printer.serve(client.getInputStream(), client.getOutputStream());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client gone: {0}", e.getMessage());
        } finally {
            clients.remove(client);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket c : clients) {
            c.close();
        }
    }
}
