package vn.luot.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.luot.core.config.BranchConfig;
import vn.luot.core.config.ConfigException;
import vn.luot.core.config.ConfigFile;
import vn.luot.core.domain.Branch;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.token.KeySet;
import vn.luot.server.identity.CitizenAccess;
import vn.luot.server.operator.Operators;

/** The booking server's config file (see {@code demo-server.toml}, which documents every key). */
public record ServerConfig(Integer port, Integer capacityPerField, Integer bookedNumbersUpTo,
                           Integer citizenRetentionDays, Integer citizenWritesPerMinute,
                           Integer addressRequestsPerMinute, List<IdentityIssuer> identityIssuers,
                           List<DeviceEntry> devices, List<OperatorEntry> operators,
                           List<BranchConfig> branches, StoreSettings store, String metricsTokenSha256) {

    /** Where bookings live ({@code [store]}); SQLite unless the config says otherwise. */
    public StoreSettings storeOrDefault() {
        return store == null ? StoreSettings.SQLITE : store;
    }

    public record DeviceEntry(String id, String branch, String role, String tokenSha256) {
    }

    /** A person who may use the operator API (enrol, list and revoke devices, read the audit log). */
    public record OperatorEntry(String name, String tokenSha256) {
    }

    /** An identity provider whose citizen credentials the booking API takes: its {@code iss} and its key pin. */
    public record IdentityIssuer(String id, String key) {
    }

    /** {@code base} with the config's identity providers and retention period. */
    public CitizenAccess citizenAccess(CitizenAccess base) {
        CitizenAccess access = citizenRetentionDays == null ? base
                : base.withRetention(java.time.Period.ofDays(citizenRetentionDays));
        if (citizenWritesPerMinute != null || addressRequestsPerMinute != null) {
            access = access.withRateLimits(
                    citizenWritesPerMinute != null ? citizenWritesPerMinute : access.citizenWritesPerMinute(),
                    addressRequestsPerMinute != null ? addressRequestsPerMinute : access.addressRequestsPerMinute());
        }
        for (IdentityIssuer issuer : identityIssuers == null ? List.<IdentityIssuer>of() : identityIssuers) {
            access = access.withIssuer(issuer.id(), KeySet.fromPin(issuer.key()));
        }
        return access;
    }

    private static final Path DEMO = Path.of("demo-server.toml (built in)");

    public static ServerConfig load(Path file) {
        String text;
        try {
            text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read the config file: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** {@code text} as the config file {@code file}, checked like {@link #load}. */
    public static ServerConfig parse(Path file, String text) {
        ServerConfig config = ConfigFile.parse(file, text, ServerConfig.class);
        config.validate(file);
        config.storeOrDefault().validate(file, text);
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
                .map(BranchConfig::capacityPerField).orElse(null);
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
        operators(file);
        if (metricsTokenSha256 != null && !metricsTokenSha256.matches("[0-9a-fA-F]{64}")) {
            throw new ConfigException(file, 0, "metrics_token_sha256", "is the SHA-256 of the scrape token (64 hex digits)");
        }
        if (citizenWritesPerMinute != null && citizenWritesPerMinute < 1) {
            throw new ConfigException(file, 0, "citizen_writes_per_minute", "is at least 1");
        }
        if (addressRequestsPerMinute != null && addressRequestsPerMinute < 1) {
            throw new ConfigException(file, 0, "address_requests_per_minute", "is at least 1");
        }
        if (citizenRetentionDays != null && citizenRetentionDays < 1) {
            throw new ConfigException(file, 0, "citizen_retention_days", "is at least 1 (the day of the booking)");
        }
        for (int i = 0; identityIssuers != null && i < identityIssuers.size(); i++) {
            IdentityIssuer issuer = identityIssuers.get(i);
            String at = "identity_issuers[" + i + "]";
            if (issuer.id() == null || issuer.id().isBlank()) {
                throw new ConfigException(file, 0, at + ".id", "names the provider as its credentials do (iss)");
            }
            try {
                KeySet.fromPin(issuer.key());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, 0, at + ".key", e.getMessage());
            }
        }
    }

    public List<Branch> toBranches() {
        return toBranches(DEMO);
    }

    private List<Branch> toBranches(Path file) {
        List<Branch> out = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            out.add(branches.get(i).toBranch(file, "branches[" + i + "]"));
        }
        return out;
    }

    public DeviceTokens tokens() {
        return tokens(DEMO);
    }

    public Operators operatorTokens() {
        return operators(DEMO);
    }

    private Operators operators(Path file) {
        Operators out = Operators.none();
        for (int i = 0; operators != null && i < operators.size(); i++) {
            OperatorEntry o = operators.get(i);
            if (o.name() == null || o.name().isBlank() || o.tokenSha256() == null
                    || !o.tokenSha256().matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException(file, 0, "operators[" + i + "]", "needs name and token_sha256 (64 hex digits)");
            }
            out = out.withDigest(o.name(), o.tokenSha256());
        }
        return out;
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
