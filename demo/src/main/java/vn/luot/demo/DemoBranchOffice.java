package vn.luot.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.KeySet;
import vn.luot.display.Display;
import vn.luot.display.config.DisplayConfig;
import vn.luot.kiosk.Kiosk;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.server.BookingServer;
import vn.luot.server.BookingServerMain;
import vn.luot.server.ServerConfig;
import vn.luot.server.SignedCodes;
import vn.luot.server.demo.DemoBookings;

/**
 * A whole branch on one machine, as {@code ./luot demo} runs it: the central booking server, the display
 * device with its hub, LED boards, buttons and voice, and a kiosk with its printer, all on one demo clock.
 * Each part is the real program started from its own config file (written into the demo folder, where a
 * curious reader can open them), and they talk only over their real protocols: HTTP on loopback between
 * kiosk, hub and server, ESC/POS over TCP to the virtual printer, Lượt frames over socat ptys to the
 * LED boards, GPIO through Pi4J's mock platform.
 */
public final class DemoBranchOffice implements AutoCloseable {

    private final Path dir;
    private final Clock clock;
    private final ServerConfig serverConfig;
    private final int serverPort;
    private final SignedCodes codes;
    private BookingServer server;
    private final Display display;
    private final Kiosk kiosk;

    private DemoBranchOffice(Path dir, Clock clock, int basePort) throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.serverConfig = ServerConfig.demo();
        this.serverPort = basePort;
        this.codes = new SignedCodes(1, SigningKeys.loadOrCreate(dir.resolve("server/signing-key")), KeySet.empty(),
                SigningKeys.loadOrCreate(dir.resolve("server/key-set-root")));
        this.server = startServer(true);
        DemoStaff.seed(dir.resolve("display"), clock);
        this.display = Display.start(DisplayConfig.load(write("display.toml", displayConfig(basePort + 10))), clock);
        this.kiosk = Kiosk.start(KioskConfig.load(write("kiosk.toml", kioskConfig(basePort + 10))), clock);
    }

    /**
     * Starts the branch in {@code dir} (created; a previous demo there is continued). The server listens on
     * {@code basePort}, the hub on {@code basePort + 10}.
     */
    public static DemoBranchOffice start(Path dir, Clock clock, int basePort) throws IOException {
        Files.createDirectories(dir.resolve("server"));
        DemoBranchOffice office = new DemoBranchOffice(dir, clock, basePort);
        office.awaitKeysAtTheHub(Duration.ofSeconds(30));
        return office;
    }

    /** The branch is ready when its hub holds the booking-code keys (pulled from the server at start). */
    private void awaitKeysAtTheHub(Duration timeout) throws IOException {
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        okhttp3.Request keys = new okhttp3.Request.Builder().url(hubUrl() + "/v1/keys").build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (okhttp3.Response r = http.newCall(keys).execute()) {
                if (r.code() == 200) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the hub got no booking-code keys from " + serverUrl() + " within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the hub", e);
            }
        }
    }

    private BookingServer startServer(boolean seed) throws IOException {
        String branchId = serverConfig.toBranches().get(0).id();
        DeviceTokens demoTokens = DeviceTokens.none()
                .withToken(BookingServerMain.DEMO_KIOSK_TOKEN, new DeviceIdentity("kiosk-1", branchId, DeviceIdentity.Role.KIOSK))
                .withToken(BookingServerMain.DEMO_HUB_TOKEN, new DeviceIdentity("hub", branchId, DeviceIdentity.Role.HUB));
        BookingServer s = BookingServer.builder().config(serverConfig).database(dir.resolve("server/server.db"))
                .clock(clock).codes(codes).bindAddress("127.0.0.1").port(serverPort).extraTokens(demoTokens)
                .extraOperators(vn.luot.server.operator.Operators.none().withToken("demo-operator",
                        BookingServerMain.DEMO_OPERATOR_TOKEN))
                .housekeepingEvery(Duration.ofMinutes(1)).demoIdentityProvider(true).build();
        Branch branch = serverConfig.toBranches().get(0);
        if (seed && s.bookings().from(branch.id(), s.now().toLocalDate()).isEmpty()) {
            DemoBookings.seed(s.bookings(), branch, s.queue(branch.id()), serverConfig.capacityFor(branch.id()),
                    serverConfig.bookedNumbersUpToOrDefault(), s.now().toLocalDate(), s.now(), 300, 2026L);
        }
        return s.start();
    }

    /** The WAN goes down: the central server stops answering (the branch carries on through its hub). */
    public synchronized void wanDown() {
        server.close();
        server = null;
    }

    /** The WAN is back: the central server answers again, from the same database. */
    public synchronized void wanUp() throws IOException {
        if (server == null) {
            server = startServer(false);
        }
    }

    public synchronized boolean wanIsUp() {
        return server != null;
    }

    /** The central server; null while the WAN is down. */
    public synchronized BookingServer server() {
        return server;
    }

    public Display display() {
        return display;
    }

    public Kiosk kiosk() {
        return kiosk;
    }

    public Clock clock() {
        return clock;
    }

    public Path dir() {
        return dir;
    }

    public String serverUrl() {
        return "http://127.0.0.1:" + serverPort;
    }

    public String hubUrl() {
        return display.hub().url();
    }

    public Path ticketsDir() {
        return dir.resolve("kiosk/tickets");
    }

    public Path announcementsDir() {
        return dir.resolve("display/announcements");
    }

    /** A booking code, as the citizen's phone shows it. */
    public String codeFor(Booking booking) {
        return codes.qrFor(booking);
    }

    /** Today's bookings that have not been checked in yet, earliest slot first: the sample codes to scan. */
    public synchronized List<Booking> bookingsToScan(int limit) {
        Branch branch = serverConfig.toBranches().get(0);
        LocalDate today = vn.luot.core.domain.BranchTime.now(clock).toLocalDate();
        return readOnlyBookings(branch.id(), today).stream()
                .filter(b -> kiosk.queue().ticket(b.ticketId()).map(t -> t.status() == TicketStatus.BOOKED).orElse(true))
                .filter(b -> !b.slot().end().isBefore(vn.luot.core.domain.BranchTime.now(clock).toLocalTime()))
                .sorted(Comparator.comparing((Booking b) -> b.slot().start()).thenComparing(Booking::field)
                        .thenComparingInt(Booking::number))
                .limit(limit).toList();
    }

    private List<Booking> readOnlyBookings(String branchId, LocalDate day) {
        BookingServer s = server;
        if (s == null) {
            return List.of();
        }
        return s.bookings().from(branchId, day).stream().filter(st -> st.cancelled() == null)
                .map(st -> st.booking()).filter(b -> b.date().equals(day)).toList();
    }

    // ---- the device configs: the shipped demo files, pointed at this folder and these ports --------

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String displayConfig(int hubPort) {
        return resource("/demo-display.toml")
                .replace("data_dir = \"luot-data/display\"", "data_dir = \"" + dir.resolve("display") + "\"")
                .replace("wav_dir = \"luot-data/display/announcements\"", "wav_dir = \"" + announcementsDir() + "\"")
                .replace("bind = \"0.0.0.0\"", "bind = \"127.0.0.1\"")
                .replace("port = 8090", "port = " + hubPort)
                .replace("url = \"http://127.0.0.1:8080\"", "url = \"" + serverUrl() + "\"")
                .replace("key_set_root = \"\"", "key_set_root = \"" + codes.rootPin() + "\"");
    }

    private String kioskConfig(int hubPort) {
        return resource("/demo-kiosk.toml")
                .replace("data_dir = \"luot-data/kiosk-1\"", "data_dir = \"" + dir.resolve("kiosk") + "\"")
                .replace("tickets_dir = \"luot-data/kiosk-1/tickets\"", "tickets_dir = \"" + ticketsDir() + "\"")
                .replace("status_url_base = \"http://luot.local/t/\"", "status_url_base = \"http://127.0.0.1:" + hubPort + "/t/\"")
                .replace("ticket_key_file = \"\"", "ticket_key_file = \"" + dir.resolve("display/ticket.key") + "\"")
                .replace("url = \"http://127.0.0.1:8090\"", "url = \"http://127.0.0.1:" + hubPort + "\"")
                .replace("key_set_root = \"\"", "key_set_root = \"" + codes.rootPin() + "\"");
    }

    private static String resource(String name) {
        try (InputStream in = DemoBranchOffice.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(name + " is missing from the class path", e);
        }
    }

    @Override
    public synchronized void close() {
        kiosk.close();
        display.close();
        if (server != null) {
            server.close();
        }
    }
}
