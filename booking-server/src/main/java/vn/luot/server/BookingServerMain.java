package vn.luot.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;
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
public final class BookingServerMain {

    /** Well-known tokens of the demo devices, accepted only with --demo. */
    public static final String DEMO_KIOSK_TOKEN = "demo-kiosk-1";
    public static final String DEMO_KIOSK2_TOKEN = "demo-kiosk-2";
    public static final String DEMO_HUB_TOKEN = "demo-hub";
    /** The demo operator's token (the operator API: enrolment codes, devices, audit), only with --demo. */
    public static final String DEMO_OPERATOR_TOKEN = "demo-operator";

    private BookingServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Integer port = null;
        Path db = Path.of("luot-server.db");
        Path config = null;
        Path key = null;
        Path root = null;
        int keyId = 1;
        KeySet previous = KeySet.empty();
        java.util.List<String> previousKeys = new java.util.ArrayList<>();
        boolean demo = false;
        LocalDateTime start = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "--db" -> db = Path.of(value(args, ++i));
                    case "--config" -> config = Path.of(value(args, ++i));
                    case "--key" -> key = Path.of(value(args, ++i));
                    case "--key-set-root" -> root = Path.of(value(args, ++i));
                    case "--key-id" -> keyId = Integer.parseInt(value(args, ++i));
                    case "--previous-key" -> previousKeys.add(value(args, ++i));
                    case "--demo" -> demo = true;
                    case "--now" -> start = LocalDateTime.parse(value(args, ++i));
                    case "-h", "--help" -> {
                        usage(out);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            System.err.println("luot server: " + e.getMessage());
            usage(System.err);
            System.exit(2);
        }
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
            System.exit(1);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("luot server: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(PrintStream out) {
        out.println("usage: luot server [--port 8080] [--db FILE] [--config FILE] [--key FILE [--key-id N] [--previous-key ID:FILE]] [--key-set-root FILE] [--demo] [--now 2026-11-23T07:00]");
        out.println("  --db      bookings database, created if missing (branch queue logs live beside it)");
        out.println("  --config  server config (TOML); default: the demo branch (booking-server/src/main/resources/demo-server.toml)");
        out.println("  --key     Ed25519 signing key of the booking QR codes, created 0600 if missing");
        out.println("  --key-id  its key id (default 1); rotate by giving a new key and id, and the old one as");
        out.println("  --previous-key ID:FILE   a key whose codes are still honoured (repeatable)");
        out.println("  --key-set-root FILE  Ed25519 key that signs the published key set, created 0600 if missing;");
        out.println("            its pin (printed at start) goes into every device's upstream.key_set_root");
        out.println("  --demo    seed today's bookings, accept the demo devices' well-known tokens and run the");
        out.println("            demo identity provider that hands a citizen credential to anyone");
        out.println("  --now     start the clock at this Hà Nội local time and let it run from there");
    }
}
