package vn.luot.kiosk.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.luot.core.config.BranchConfig;
import vn.luot.core.config.ConfigException;
import vn.luot.core.config.ConfigFile;
import vn.luot.core.domain.Branch;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.UpstreamHttp;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.profile.VietnameseStrategy;
import vn.luot.printer.transport.PrinterTransport;

/** The kiosk's config file; {@code demo-kiosk.toml} documents every key. */
public record KioskConfig(String deviceId, String dataDir, String orientation, Integer idleTimeoutSeconds,
                          Integer minutesPerCitizen, String walkInNumbers, String statusUrlBase, String branch,
                          String citizenKeyFile, String ticketKeyFile, Upstream upstream, Printer printer, Scanner scanner,
                          Screen screen) {

    /**
     * @param pins       optional certificate pins of an https upstream ({@code sha256/...})
     * @param keySetRoot the central server's key set root ({@code ed25519:...}): only a key set it signed is taken
     */
    public record Upstream(String url, String token, String tokenFile, java.util.List<String> pins, String keySetRoot) {
        @Override
        public String toString() {
            return "Upstream[url=" + url + ", token=" + (token == null ? "none" : "***") + ", tokenFile=" + tokenFile
                    + ", pins=" + pins + ", keySetRoot=" + keySetRoot + "]";
        }

        /** The pinned root key, or null when none is configured. */
        public java.security.PublicKey keySetRootKey() {
            return keySetRoot == null || keySetRoot.isBlank() ? null : vn.luot.core.token.KeySet.fromPin(keySetRoot);
        }
    }

    /**
     * @param status     "query" (default): DLE EOT before and after each ticket; "none": never asked
     * @param vietnamese optional override of the profile's strategy: raster, tcvn3 or cp1258
     */
    public record Printer(Boolean simulated, String ticketsDir, String profile, String transport, String status,
                          String vietnamese) {
    }

    public record Scanner(String kind, String port, Integer baud) {
    }

    /**
     * The screen's output and its rotation, applied by {@code luot-run} with wlr-randr inside the cage or
     * labwc session before the kiosk starts (a portrait screen mounted on a landscape output needs "90").
     *
     * @param output    the connector, e.g. HDMI-A-1 (the Pi's port next to the power socket)
     * @param transform normal, 90, 180, 270, flipped, flipped-90, flipped-180 or flipped-270 (wlr-randr's names)
     */
    public record Screen(String output, String transform) {

        public static final java.util.List<String> TRANSFORMS = java.util.List.of("normal", "90", "180", "270",
                "flipped", "flipped-90", "flipped-180", "flipped-270");
    }

    private static final Path DEMO = Path.of("demo-kiosk.toml (built in)");

    public static KioskConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read the config file: " + e.getMessage());
        }
        KioskConfig config = ConfigFile.parse(file, text, KioskConfig.class);
        config.validate(file, text);
        return config;
    }

    public static KioskConfig demo() {
        try (InputStream in = KioskConfig.class.getResourceAsStream("/demo-kiosk.toml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            KioskConfig config = ConfigFile.parse(DEMO, text, KioskConfig.class);
            config.validate(DEMO, text);
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("the demo kiosk config is missing from the jar", e);
        }
    }

    private void validate(Path file, String text) {
        require(file, text, deviceId, "device_id");
        if (!deviceId.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw error(file, text, "device_id", "'" + deviceId + "' must be lowercase letters, digits and dashes");
        }
        require(file, text, dataDir, "data_dir");
        if (orientation != null && !orientation.equals("portrait") && !orientation.equals("landscape")) {
            throw error(file, text, "orientation", "'" + orientation + "' is neither portrait nor landscape");
        }
        walkInBlock(file, text);
        branchDefinition(file, text);
        require(file, text, upstream, "upstream");
        require(file, text, upstream.url(), "upstream.url");
        try {
            UpstreamHttp.checkPins(upstream.url(), upstream.pins());
        } catch (IllegalArgumentException e) {
            throw error(file, text, "upstream.pins", e.getMessage());
        }
        if ((upstream.token() == null || upstream.token().isBlank())
                && (upstream.tokenFile() == null || upstream.tokenFile().isBlank())) {
            throw error(file, text, "upstream", "needs token or token_file");
        }
        try {
            upstream.keySetRootKey();
        } catch (IllegalArgumentException e) {
            throw error(file, text, "upstream.key_set_root", e.getMessage());
        }
        require(file, text, printer, "printer");
        printerProfile(file, text);
        printerStatusQueries(file, text);
        if (!Boolean.TRUE.equals(printer.simulated())) {
            printerTransport(file, text);
        }
        if (screen != null && screen.transform() != null && !Screen.TRANSFORMS.contains(screen.transform())) {
            throw error(file, text, "screen.transform", "'" + screen.transform() + "' is not one of " + String.join(", ", Screen.TRANSFORMS));
        }
        if (screen != null && screen.output() != null && !screen.output().matches("[A-Za-z]+(-[A-Za-z0-9]+)*-\\d+")) {
            throw error(file, text, "screen.output", "'" + screen.output() + "' is not a connector name such as HDMI-A-1");
        }
        require(file, text, scanner, "scanner");
        if (!"keyboard".equals(scanner.kind()) && !"serial".equals(scanner.kind())) {
            throw error(file, text, "scanner.kind", "'" + scanner.kind() + "' is neither keyboard nor serial");
        }
    }

    /** The branch this kiosk serves: the built-in demo branch, or the branch file the config names. */
    public Branch branchDefinition() {
        return branchDefinition(DEMO, "");
    }

    private Branch branchDefinition(Path file, String text) {
        if (branch == null || branch.isBlank()) {
            throw error(file, text, "branch", "is required: \"demo\" or the path of the branch file");
        }
        if (!branch.equals("demo") && !Files.isReadable(Path.of(branch))) {
            throw error(file, text, "branch", "the branch file " + branch + " cannot be read");
        }
        return BranchConfig.named(branch);
    }

    /** The printer's profile, by built-in name; {@code generic-80mm} when not set. */
    public PrinterProfile printerProfile() {
        return printerProfile(DEMO, "");
    }

    /** Whether the printer is asked for its status (DLE EOT): {@code printer.status}, "query" unless "none". */
    public boolean printerStatusQueries() {
        return printerStatusQueries(DEMO, "");
    }

    private boolean printerStatusQueries(Path file, String text) {
        String mode = printer.status() == null ? "query" : printer.status();
        return switch (mode) {
            case "query" -> true;
            case "none" -> false;
            default -> throw error(file, text, "printer.status", "'" + mode + "' is neither \"query\" nor \"none\"");
        };
    }

    /** Where a real printer is reached; only meaningful when the printer is not simulated. */
    public PrinterTransport printerTransport() {
        return printerTransport(DEMO, "");
    }

    private PrinterProfile printerProfile(Path file, String text) {
        String name = printer.profile() == null ? "generic-80mm" : printer.profile();
        if (!PrinterProfiles.BUILT_IN.contains(name)) {
            throw error(file, text, "printer.profile", "unknown printer profile '" + name + "'; one of "
                    + String.join(", ", PrinterProfiles.BUILT_IN));
        }
        PrinterProfile profile = PrinterProfiles.builtIn(name);
        if (printer.vietnamese() == null || printer.vietnamese().isBlank()) {
            return profile;
        }
        try {
            return profile.withVietnamese(VietnameseStrategy.parse(printer.vietnamese()));
        } catch (IllegalArgumentException e) {
            throw error(file, text, "printer.vietnamese", "'" + printer.vietnamese() + "' does not fit profile " + name
                    + " (raster, or tcvn3/cp1258 where the profile has their pages): " + e.getMessage());
        }
    }

    private PrinterTransport printerTransport(Path file, String text) {
        String spec = printer.transport() == null ? "" : printer.transport().strip();
        String[] p = spec.split(":");
        try {
            return switch (p[0]) {
                case "usb" -> PrinterTransport.usbDevice(Path.of(spec.substring(4)));
                case "serial" -> PrinterTransport.serial(p[1], p.length > 2 ? Integer.parseInt(p[2]) : 115200);
                case "tcp" -> PrinterTransport.tcp(p[1], p.length > 2 ? Integer.parseInt(p[2]) : 9100);
                default -> throw new IllegalArgumentException(p[0]);
            };
        } catch (RuntimeException e) {
            throw error(file, text, "printer.transport", "'" + spec
                    + "' is not usb:/dev/usb/lp0, serial:/dev/luot-printer:115200 or tcp:HOST:9100");
        }
    }

    public NumberBlock walkInBlock() {
        return walkInBlock(DEMO, "");
    }

    private NumberBlock walkInBlock(Path file, String text) {
        String spec = walkInNumbers == null ? "500-699" : walkInNumbers;
        try {
            return NumberBlock.parse(spec);
        } catch (IllegalArgumentException e) {
            throw error(file, text, "walk_in_numbers", "'" + spec + "' is not FIRST-LAST within 1-9999");
        }
    }

    private static void require(Path file, String text, Object value, String key) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw error(file, text, key, "is required");
        }
    }

    private static ConfigException error(Path file, String text, String key, String problem) {
        return new ConfigException(file, ConfigFile.lineOf(text, key), key, problem);
    }
}
