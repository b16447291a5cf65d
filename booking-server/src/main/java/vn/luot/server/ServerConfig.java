package vn.luot.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.luot.core.config.ConfigException;
import vn.luot.core.config.ConfigFile;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;

/** The booking server's config file (see {@code demo-server.toml}, which documents every key). */
public record ServerConfig(Integer port, Integer capacityPerField, Integer bookedNumbersUpTo,
                           List<DeviceEntry> devices, List<BranchEntry> branches) {

    public record DeviceEntry(String id, String branch, String role, String tokenSha256) {
    }

    public record BranchEntry(String id, String name, List<String> hours, Integer slotMinutes,
                              Integer capacityPerField, List<FieldEntry> fields, List<CounterEntry> counters) {
    }

    public record FieldEntry(String code, String nameVi, String nameEn) {
    }

    public record CounterEntry(Integer number, List<String> fields) {
    }

    private static final Path DEMO = Path.of("demo-server.toml (built in)");

    public static ServerConfig load(Path file) {
        ServerConfig config = ConfigFile.load(file, ServerConfig.class);
        config.validate(file);
        return config;
    }

    public static ServerConfig demo() {
        try (InputStream in = ServerConfig.class.getResourceAsStream("/demo-server.toml")) {
            ServerConfig config = ConfigFile.parse(DEMO, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    ServerConfig.class);
            config.validate(DEMO);
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("the demo config is missing from the jar", e);
        }
    }

    public int portOrDefault() {
        return port == null ? 8080 : port;
    }

    public int capacityFor(String branchId) {
        Integer own = branches.stream().filter(b -> b.id().equals(branchId)).findFirst()
                .map(BranchEntry::capacityPerField).orElse(null);
        return own != null ? own : capacityPerField == null ? 40 : capacityPerField;
    }

    public int bookedNumbersUpToOrDefault() {
        return bookedNumbersUpTo == null ? 499 : bookedNumbersUpTo;
    }

    private void validate(Path file) {
        if (branches == null || branches.isEmpty()) {
            throw new ConfigException(file, 0, "branches", "at least one [[branches]] is needed");
        }
        toBranches(file);
        tokens(file);
    }

    public List<Branch> toBranches() {
        return toBranches(DEMO);
    }

    private List<Branch> toBranches(Path file) {
        List<Branch> out = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            BranchEntry b = branches.get(i);
            String at = "branches[" + i + "]";
            try {
                List<ServiceField> fields = new ArrayList<>();
                for (FieldEntry f : required(b.fields(), at + ".fields")) {
                    fields.add(new ServiceField(f.code(), f.nameVi(), f.nameEn()));
                }
                List<Counter> counters = new ArrayList<>();
                for (CounterEntry c : required(b.counters(), at + ".counters")) {
                    counters.add(new Counter(c.number() == null ? 0 : c.number(), Set.copyOf(c.fields())));
                }
                out.add(new Branch(b.id(), b.name(), fields, slots(b, at), counters));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(file, 0, at, e.getMessage() == null ? "a required key is missing" : e.getMessage());
            }
        }
        return out;
    }

    private static <T> List<T> required(List<T> list, String key) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return list;
    }

    private static List<TimeSlot> slots(BranchEntry b, String at) {
        int minutes = b.slotMinutes() == null ? 30 : b.slotMinutes();
        if (minutes < 5 || minutes > 240) {
            throw new IllegalArgumentException(at + ".slot_minutes must be 5..240");
        }
        List<TimeSlot> slots = new ArrayList<>();
        for (String block : required(b.hours(), at + ".hours")) {
            TimeSlot hours;
            try {
                hours = TimeSlot.parse(block);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(at + ".hours: '" + block + "' is not HH:MM-HH:MM");
            }
            for (LocalTime t = hours.start(); !t.plusMinutes(minutes).isAfter(hours.end()) && t.isBefore(hours.end());
                 t = t.plusMinutes(minutes)) {
                slots.add(new TimeSlot(t, t.plusMinutes(minutes)));
            }
        }
        return slots;
    }

    public DeviceTokens tokens() {
        return tokens(DEMO);
    }

    private DeviceTokens tokens(Path file) {
        DeviceTokens tokens = DeviceTokens.none();
        if (devices == null) {
            return tokens;
        }
        for (int i = 0; i < devices.size(); i++) {
            DeviceEntry d = devices.get(i);
            String at = "devices[" + i + "]";
            if (d.id() == null || d.branch() == null || d.tokenSha256() == null
                    || !d.tokenSha256().matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException(file, 0, at, "needs id, branch and token_sha256 (64 hex digits)");
            }
            DeviceIdentity.Role role;
            try {
                role = DeviceIdentity.Role.valueOf(d.role() == null ? "KIOSK" : d.role());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, 0, at + ".role", "'" + d.role() + "' is not KIOSK, DISPLAY or HUB");
            }
            tokens = tokens.withDigest(d.tokenSha256(), new DeviceIdentity(d.id(), d.branch(), role));
        }
        return tokens;
    }
}
