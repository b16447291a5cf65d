package vn.luot.kiosk.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.luot.core.config.ConfigException;
import vn.luot.core.config.ConfigFile;
import vn.luot.core.store.NumberBlock;

/** The kiosk's config file; {@code demo-kiosk.toml} documents every key. */
public record KioskConfig(String deviceId, String dataDir, String orientation, Integer idleTimeoutSeconds,
                          Integer minutesPerCitizen, String walkInNumbers, String statusUrlBase, String branch,
                          Upstream upstream, Printer printer, Scanner scanner) {

    public record Upstream(String url, String token, String tokenFile) {
    }

    public record Printer(Boolean simulated, String ticketsDir, String profile, String transport) {
    }

    public record Scanner(String kind, String port, Integer baud) {
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
        require(file, text, upstream, "upstream");
        require(file, text, upstream.url(), "url");
        if ((upstream.token() == null || upstream.token().isBlank())
                && (upstream.tokenFile() == null || upstream.tokenFile().isBlank())) {
            throw error(file, text, "upstream", "needs token or token_file");
        }
        require(file, text, printer, "printer");
        if (!Boolean.TRUE.equals(printer.simulated()) && (printer.transport() == null || printer.transport().isBlank())) {
            throw error(file, text, "transport", "a real printer needs a transport (usb:, serial: or tcp:)");
        }
        require(file, text, scanner, "scanner");
        if (!"keyboard".equals(scanner.kind()) && !"serial".equals(scanner.kind())) {
            throw error(file, text, "kind", "'" + scanner.kind() + "' is neither keyboard nor serial");
        }
    }

    public NumberBlock walkInBlock() {
        return walkInBlock(DEMO, "");
    }

    private NumberBlock walkInBlock(Path file, String text) {
        String spec = walkInNumbers == null ? "500-699" : walkInNumbers;
        String[] parts = spec.split("-");
        try {
            return new NumberBlock(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (RuntimeException e) {
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
