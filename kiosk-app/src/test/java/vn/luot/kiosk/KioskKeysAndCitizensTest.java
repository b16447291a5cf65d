package vn.luot.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Purpose;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.token.BookingToken;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TokenSigner;
import vn.luot.core.token.VerificationKeys;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.kiosk.flow.Screen;

/**
 * The whole kiosk from its config against an upstream on loopback that the test controls: an impostor on the
 * LAN serving its own key set, and the day roll-over that must forget citizen references.
 */
class KioskKeysAndCitizensTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:40");
    private final List<String> keyLog = new CopyOnWriteArrayList<>();
    private final Logger keysLogger = Logger.getLogger(VerificationKeys.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            keyLog.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        keysLogger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        keysLogger.removeHandler(handler);
    }

    /** The impostor's key set: its own key under the real key's id, signed by a root of its own. */
    private static String impostorKeys(KeyPair attacker, boolean signed) {
        KeySet set = KeySet.empty().with(1, attacker.getPublic());
        return signed ? set.toSignedJson(SigningKeys.generate().getPrivate()) : set.toJson();
    }

    private static String forgedPriorityCode(KeyPair attacker, KioskRig codes) {
        Booking b = codes.booking("HT", 30, "09:00-09:30", true);
        return new TokenSigner(1, attacker.getPrivate()).sign(BookingToken.of(b, 1, Instant.parse("2026-11-24T00:00:00Z")));
    }

    @Test
    void aPinnedKioskRefusesAnImpostorsKeySetAndItsForgedPriorityCode() throws Exception {
        KeyPair root = SigningKeys.generate();
        KeyPair attacker = SigningKeys.generate();
        for (boolean impostorSigns : new boolean[] {false, true}) {
            Path data = Files.createDirectories(dir.resolve("pinned-" + impostorSigns));
            Files.writeString(data.resolve("keys.json"), KioskRig.keys().toSignedJson(root.getPrivate()));
            keyLog.clear();
            try (FakeUpstream impostor = new FakeUpstream(clock, () -> impostorKeys(attacker, impostorSigns));
                 KioskRig codes = new KioskRig(Files.createDirectories(data.resolve("rig")), Runnable::run);
                 Kiosk kiosk = Kiosk.start(KioskConfig.load(config(data, impostor.url(), KeySet.pinOf(root.getPublic()))),
                         clock)) {
                await(() -> keyLog.stream().anyMatch(m -> m.contains("REFUSED")));
                assertThat(keyLog).filteredOn(m -> m.contains("REFUSED")).first().asString()
                        .contains(impostor.url() + "/v1/keys")
                        .contains(impostorSigns ? "not the pinned root key's" : "not signed")
                        .contains("key_set_root");

                kiosk.flow().scanned(forgedPriorityCode(attacker, codes));
                await(() -> kiosk.flow().state().screen() instanceof Screen.Refused);
                assertThat(kiosk.queue().tickets()).isEmpty();

                kiosk.flow().home();
                kiosk.flow().scanned(codes.qr(codes.booking("HT", 21, "09:00-09:30", false)));
                // Checked in (whether the printer keeps up on a loaded machine is not this test's business).
                await(() -> kiosk.queue().tickets().size() == 1);
            }
            assertThat(KeySet.fromSignedJson(Files.readString(data.resolve("keys.json")), root.getPublic()))
                    .as("the cached keys are still the real ones").isEqualTo(KioskRig.keys());
        }
    }

    @Test
    void withoutAPinTheImpostorsForgedPriorityCodeVerifies() throws Exception {
        // The attack the pin stops, as it worked before: the negative control of the test above.
        KeyPair attacker = SigningKeys.generate();
        Path data = Files.createDirectories(dir.resolve("unpinned"));
        Files.writeString(data.resolve("keys.json"), KioskRig.keys().toJson());
        try (FakeUpstream impostor = new FakeUpstream(clock, () -> impostorKeys(attacker, false));
             KioskRig codes = new KioskRig(Files.createDirectories(data.resolve("rig")), Runnable::run);
             Kiosk kiosk = Kiosk.start(KioskConfig.load(config(data, impostor.url(), "")), clock)) {
            await(() -> keyLog.stream().anyMatch(m -> m.contains("taken unverified")));
            kiosk.flow().scanned(forgedPriorityCode(attacker, codes));
            await(() -> kiosk.queue().tickets().size() == 1);
            assertThat(kiosk.queue().tickets()).singleElement().matches(t -> t.priority());
        }
    }

    @Test
    void theKioskForgetsCitizenReferencesOfEarlierDaysOnceItsClockIsTrusted() throws Exception {
        Path data = Files.createDirectories(dir.resolve("purge"));
        Path key = dir.resolve("secrets/citizen.key");
        try (FakeUpstream upstream = new FakeUpstream(clock, () -> null);
             Kiosk kiosk = Kiosk.start(KioskConfig.load(config(data, upstream.url(), "", key.toString())), clock)) {
            // The fake upstream serves keys only: say for it what a real one answers a new kiosk (no events of yours).
            kiosk.queue().confirmHistory(0);
            kiosk.queue().issueWalkIn("HT", Purpose.SUBMIT, true, "001045012345");
            assertThat(kiosk.queue().store().citizenRefCount()).isEqualTo(1);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .as("the configured key file, owner only").isEqualTo("rw-------");
            assertThat(data.resolve("queue.db.citizen-key")).doesNotExist();

            clock.advance(Duration.ofDays(1));
            await(() -> kiosk.queue().store().citizenRefCount() == 0);
        }
    }

    private Path config(Path data, String upstream, String root) throws IOException {
        return config(data, upstream, root, "");
    }

    private Path config(Path data, String upstream, String root, String citizenKeyFile) throws IOException {
        Path file = data.resolve("kiosk.toml");
        Files.writeString(file, """
                citizen_key_file = "%s"
                device_id = "kiosk-7"
                data_dir = "%s"
                branch = "demo"
                [upstream]
                url = "%s"
                token = "t"
                key_set_root = "%s"
                [printer]
                simulated = true
                tickets_dir = "%s"
                profile = "xprinter-xp80"
                [scanner]
                kind = "keyboard"
                """.formatted(citizenKeyFile, data, upstream, root, data.resolve("tickets")), StandardCharsets.UTF_8);
        return file;
    }

    private static void await(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within " + WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
