package vn.luot.core.health;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import vn.luot.core.sync.ClockTrust;
import vn.luot.core.sync.SyncLoop;

/**
 * A device's own heartbeat, made from what its composition root wires in: the sync loop's status (outbox, last
 * sync), the clock trust, the data folder's disk, the machine's probes and the suppliers of the device's hardware
 * states. {@link #current()} is cheap (no I/O but a few {@code /sys} reads) and safe for concurrent use.
 */
public final class DeviceHealth {

    private final String deviceId;
    private final String branchId;
    private final Heartbeat.Kind kind;
    private final String version;
    private final Clock clock;
    private final Instant started;
    private final ClockTrust clockTrust;
    private final Path dataFolder;
    private final SystemProbes probes;
    private final Supplier<Heartbeat.Printer> printer;
    private final Supplier<List<Heartbeat.Board>> boards;
    private final Supplier<Heartbeat.Voice> voice;
    private volatile SyncLoop.Status sync;
    private volatile Instant lastSync;

    private DeviceHealth(Builder b) {
        this.deviceId = b.deviceId;
        this.branchId = b.branchId;
        this.kind = b.kind;
        this.version = b.version;
        this.clock = b.clock;
        this.started = b.clock.instant();
        this.clockTrust = b.clockTrust;
        this.dataFolder = b.dataFolder;
        this.probes = b.probes;
        this.printer = b.printer;
        this.boards = b.boards;
        this.voice = b.voice;
    }

    public static Builder builder(String deviceId, String branchId, Heartbeat.Kind kind, Clock clock) {
        return new Builder(deviceId, branchId, kind, clock);
    }

    /** The version of the running jars (their manifest), or {@code dev} from a build folder. */
    public static String programVersion() {
        String v = DeviceHealth.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** A {@link SyncLoop} listener: the outbox depth and, when the upstream answered, the last sync. */
    public void syncStatus(SyncLoop.Status status) {
        this.sync = status;
        if (status.online()) {
            lastSync = clock.instant();
        }
    }

    public Heartbeat current() {
        Instant now = clock.instant();
        SyncLoop.Status s = sync;
        Heartbeat.Clock c = clockTrust == null ? new Heartbeat.Clock(ClockTrust.State.UNKNOWN, null)
                : new Heartbeat.Clock(clockTrust.state(), clockTrust.offset().map(Duration::toMillis).orElse(null));
        return new Heartbeat(deviceId, branchId, kind, version, now, Duration.between(started, now), c,
                dataFolder == null ? null : SystemProbes.disk(dataFolder).orElse(null),
                probes.sdWearPercent().orElse(null), probes.cpuCelsius().orElse(null),
                printer == null ? null : printer.get(), boards == null ? List.of() : boards.get(),
                voice == null ? null : voice.get(), s == null ? 0 : s.outboxDepth(), lastSync);
    }

    /** What a device has; the identity and clock are required, the rest absent unless given. */
    public static final class Builder {
        private final String deviceId;
        private final String branchId;
        private final Heartbeat.Kind kind;
        private final Clock clock;
        private String version = programVersion();
        private ClockTrust clockTrust;
        private Path dataFolder;
        private SystemProbes probes = SystemProbes.linux();
        private Supplier<Heartbeat.Printer> printer;
        private Supplier<List<Heartbeat.Board>> boards;
        private Supplier<Heartbeat.Voice> voice;

        private Builder(String deviceId, String branchId, Heartbeat.Kind kind, Clock clock) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            this.branchId = Objects.requireNonNull(branchId, "branchId");
            this.kind = Objects.requireNonNull(kind, "kind");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder clockTrust(ClockTrust trust) {
            this.clockTrust = trust;
            return this;
        }

        public Builder dataFolder(Path folder) {
            this.dataFolder = folder;
            return this;
        }

        public Builder probes(SystemProbes probes) {
            this.probes = probes;
            return this;
        }

        public Builder printer(Supplier<Heartbeat.Printer> printer) {
            this.printer = printer;
            return this;
        }

        public Builder boards(Supplier<List<Heartbeat.Board>> boards) {
            this.boards = boards;
            return this;
        }

        public Builder voice(Supplier<Heartbeat.Voice> voice) {
            this.voice = voice;
            return this;
        }

        public DeviceHealth build() {
            return new DeviceHealth(this);
        }
    }
}
