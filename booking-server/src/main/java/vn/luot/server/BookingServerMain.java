package vn.luot.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.core.config.ConfigException;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.store.StoreException;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.server.demo.DemoBookings;
import vn.luot.server.operator.Operators;

/**
 * {@code ./luot server [--port 8080] [--db FILE] [--config FILE] [--key FILE] [--demo] [--now ISO]}.
 */
@Command(name = "luot server", sortOptions = false,
        description = "The reference central booking server (booking API + sync endpoints).")
public final class BookingServerMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    /** Well-known tokens of the demo devices, accepted only with --demo. */
    public static final String DEMO_KIOSK_TOKEN = "demo-kiosk-1";
    public static final String DEMO_KIOSK2_TOKEN = "demo-kiosk-2";
    public static final String DEMO_HUB_TOKEN = "demo-hub";
    /** The demo operator's token (the operator API: enrolment codes, devices, audit), only with --demo. */
    public static final String DEMO_OPERATOR_TOKEN = "demo-operator";

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: the config's port, 8080)")
    Integer port;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "luot-server.db",
            description = "bookings database, created if missing (branch queue logs live beside it); default ${DEFAULT-VALUE}")
    Path db;

    @Option(names = "--config", paramLabel = "FILE",
            description = "server config (TOML); default: the demo branch (booking-server/src/main/resources/demo-server.toml)")
    Path config;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Ed25519 signing key of the booking QR codes, created 0600 if missing")
    Path key;

    @Option(names = "--key-id", paramLabel = "N", defaultValue = "1",
            description = "the signing key's id (default 1); rotate by giving a new key and id, and the old one as --previous-key")
    int keyId;

    @Option(names = "--previous-key", paramLabel = "ID:FILE",
            description = "a key whose codes are still honoured (repeatable)")
    List<String> previousKeys = new ArrayList<>();

    @Option(names = "--key-set-root", paramLabel = "FILE",
            description = "Ed25519 key that signs the published key set, created 0600 if missing; its pin (printed at start)"
                    + " goes into every device's upstream.key_set_root")
    Path root;

    @Option(names = "--demo", description = "seed today's bookings, accept the demo devices' well-known tokens and run the"
            + " demo identity provider that hands a citizen credential to anyone")
    boolean demo;

    @Option(names = "--now", paramLabel = "2026-11-23T07:00",
            description = "start the clock at this Ha Noi local time and let it run from there")
    LocalDateTime start;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BookingServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        KeySet previous = KeySet.empty();
        Clock clock = start == null ? Clock.system(BranchTime.ZONE) : BranchTime.startingAt(start);
        try {
            ServerConfig cfg = config == null ? ServerConfig.demo() : ServerConfig.load(config);
            Path keyFile = key != null ? key : db.toAbsolutePath().resolveSibling(db.getFileName() + ".signing-key");
            for (String spec : previousKeys) {
                int colon = spec.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("--previous-key is ID:FILE, e.g. 1:/etc/luot/server/key-1");
                }
                previous = previous.with(Integer.parseInt(spec.substring(0, colon)),
                        SigningKeys.load(Path.of(spec.substring(colon + 1))).getPublic());
            }
            Path rootFile = root != null ? root : db.toAbsolutePath().resolveSibling(db.getFileName() + ".key-set-root");
            SignedCodes codes = new SignedCodes(keyId, SigningKeys.loadOrCreate(keyFile), previous,
                    SigningKeys.loadOrCreate(rootFile));
            DeviceTokens demoTokens = DeviceTokens.none();
            if (demo) {
                String branch = cfg.toBranches().get(0).id();
                demoTokens = demoTokens
                        .withToken(DEMO_KIOSK_TOKEN, new DeviceIdentity("kiosk-1", branch, DeviceIdentity.Role.KIOSK))
                        .withToken(DEMO_KIOSK2_TOKEN, new DeviceIdentity("kiosk-2", branch, DeviceIdentity.Role.KIOSK))
                        .withToken(DEMO_HUB_TOKEN, new DeviceIdentity("hub", branch, DeviceIdentity.Role.HUB));
            }
            BookingServer server = BookingServer.builder().config(cfg).database(db).clock(clock).codes(codes)
                    .port(port == null ? cfg.portOrDefault() : port).extraTokens(demoTokens).demoIdentityProvider(demo)
                    .extraOperators(demo ? Operators.none().withToken("demo-operator", DEMO_OPERATOR_TOKEN) : Operators.none())
                    .build();
            if (demo) {
                Branch branch = cfg.toBranches().get(0);
                int made = DemoBookings.seed(server.bookings(), branch, server.queue(branch.id()),
                        cfg.capacityFor(branch.id()), cfg.bookedNumbersUpToOrDefault(), server.now().toLocalDate(),
                        server.now(), 300, 2026L);
                out.println("demo: " + made + " bookings seeded for " + server.now().toLocalDate() + " at " + branch.name());
                out.println("demo device tokens (never use --demo in production): kiosk-1=" + DEMO_KIOSK_TOKEN
                        + " kiosk-2=" + DEMO_KIOSK2_TOKEN + " hub=" + DEMO_HUB_TOKEN + "; operator API token "
                        + DEMO_OPERATOR_TOKEN);
            }
            server.start();
            out.println("Lượt booking server on " + server.url() + "  (clock " + server.now().withNano(0) + " Hà Nội)");
            out.println("  GET  " + server.url() + "/v1/branches");
            out.println("  fleet page " + server.url() + "/fleet (an operator's token" + (demo ? ": " + DEMO_OPERATOR_TOKEN : "")
                    + "), metrics " + server.url() + "/metrics");
            out.println("  data " + db.toAbsolutePath() + ", signing key " + keyFile);
            out.println("  key set root " + rootFile + "; pin it in every kiosk and display config:");
            out.println("    [upstream] key_set_root = \"" + codes.rootPin() + "\"");
            if (demo) {
                out.println("  demo identity provider: POST " + server.url() + "/v1/demo/credentials"
                        + " {citizenId, fullName, birthDate} (never use --demo in production)");
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "luot-server-shutdown"));
            stopped.await();
        } catch (ConfigException | StoreException | IllegalArgumentException e) {
            System.err.println("luot server: " + e.getMessage());
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("luot server: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
