package vn.luot.deploy.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.luot.core.config.ConfigException;
import vn.luot.core.config.ConfigFile;
import vn.luot.display.config.DisplayConfig;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.server.ServerConfig;

/**
 * Examines one device's config and everything it names. The app's own validator judges the config
 * (so the doctor and the program never disagree about a key); the device checks then take the values
 * the program takes (the display's from its {@link DisplayConfig}, the rest from the file, with their
 * line) and try the real thing: open the port, ask the printer, read the pins.
 */
public final class Doctor {

    /** Which program a config file belongs to. */
    enum Kind { KIOSK, DISPLAY, SERVER }

    private final Host host;
    private final java.util.function.Supplier<Optional<String>> wlrRandr;

    public Doctor(Host host) {
        this(host, null);
    }

    /** @param wlrRandr what wlr-randr prints in the screen session (tests); null: run it when in a session */
    Doctor(Host host, java.util.function.Supplier<Optional<String>> wlrRandr) {
        this.host = host;
        this.wlrRandr = wlrRandr;
    }

    public List<Finding> examine(Path file) {
        List<Finding> findings = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            findings.add(Finding.fail("config", file + ": cannot read (" + e.getMessage() + ")",
                    "check the path; the packages install /etc/luot/kiosk.toml, display.toml, server.toml"));
            return findings;
        }
        JsonNode tree = null;
        try {
            tree = new TomlMapper().readTree(text);
        } catch (IOException e) {
            // The validator below reports it with the file and line.
        }
        Optional<Kind> kind = kind(file, tree);
        if (kind.isEmpty()) {
            findings.add(Finding.fail("config", file + ": neither a kiosk, a display nor a server config",
                    "pass one of /etc/luot/kiosk.toml, display.toml, server.toml"));
            return findings;
        }
        Object loaded = null;
        try {
            loaded = load(kind.get(), file);
            findings.add(Finding.ok("config", file + ": valid " + kind.get().name().toLowerCase(java.util.Locale.ROOT) + " config"));
        } catch (ConfigException e) {
            findings.add(Finding.fail("config", e.getMessage(), "fix " + (e.key() == null ? "the file" : "'" + e.key() + "'")
                    + (e.line() > 0 ? " on line " + e.line() : "") + "; every key is explained in the packaged template"));
        } catch (RuntimeException e) {
            findings.add(Finding.fail("config", file + ": " + e.getMessage(), "compare with the packaged template"));
        }
        if (tree == null) {
            findings.add(Finding.warn("devices", "not checked: the config could not be read", "fix the config first"));
            return findings;
        }
        Settings settings = new Settings(file, text, tree);
        DeviceChecks checks = new DeviceChecks(host, settings);
        switch (kind.get()) {
            case KIOSK -> {
                findings.add(checks.token());
                findings.add(checks.printer());
                findings.add(checks.scanner());
                findings.add(checks.ticketKey(true));
                findings.add(checks.screen("kiosk touch screen"));
                findings.addAll(checks.upstreamAndClock());
                findings.add(checks.database());
            }
            case DISPLAY -> {
                findings.add(checks.token());
                if (loaded instanceof DisplayConfig display) {
                    findings.add(checks.hub(display.hub()));
                    Finding leds = checks.ledBus(display.boards());
                    findings.add(leds);
                    if (leds.level() == Finding.Level.OK) {
                        findings.addAll(checks.ledBoards(display.boards()));
                    }
                    findings.addAll(checks.buttons(display.buttons()));
                    findings.addAll(checks.audio(display));
                } else {
                    findings.add(Finding.warn("devices", "hub, leds, buttons, i2c and audio not checked: the config is invalid",
                            "fix the config line first"));
                }
                findings.add(checks.ticketKey(false));
                findings.add(checks.staffAccounts());
                findings.add(checks.screen("TV board"));
                findings.addAll(checks.upstreamAndClock());
                findings.add(checks.database());
            }
            case SERVER -> findings.add(checks.serverPort());
        }
        findings.addAll(systemChecks(kind.get(), settings));
        return findings;
    }

    /** Branch file, screen output, time source, RTC and SD card protection (SystemChecks), per program. */
    private List<Finding> systemChecks(Kind kind, Settings settings) {
        SystemChecks system = wlrRandr == null ? SystemChecks.onThisMachine(host, settings)
                : new SystemChecks(host, settings, wlrRandr);
        List<Finding> out = new ArrayList<>();
        switch (kind) {
            case KIOSK -> {
                out.add(system.branch(settings.flag("printer.simulated")));
                out.add(system.output("kiosk screen", !"landscape".equals(settings.text("orientation")),
                        settings.text("screen.transform"), settings.text("screen.output")));
            }
            case DISPLAY -> {
                out.add(system.branch(settings.flag("boards.simulated") && settings.flag("buttons.simulated")));
                out.add(system.output("TV board", false, settings.text("screen.transform"), settings.text("screen.output")));
            }
            case SERVER -> {
                return out;
            }
        }
        out.add(system.timeSource());
        out.add(system.rtc());
        out.add(system.storage(settings.text("data_dir")));
        return out;
    }

    static Optional<Kind> kind(Path file, JsonNode tree) {
        if (tree != null) {
            if (tree.has("printer") || tree.has("scanner")) {
                return Optional.of(Kind.KIOSK);
            }
            if (tree.has("branches")) {
                return Optional.of(Kind.SERVER);
            }
            if (tree.has("boards") || tree.has("buttons") || tree.has("hub") || tree.has("voice") || tree.has("staff")) {
                return Optional.of(Kind.DISPLAY);
            }
        }
        String name = file.getFileName().toString();
        for (Kind k : Kind.values()) {
            if (name.contains(k.name().toLowerCase(java.util.Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The program's own reading of its config: it throws what the program would stop on. */
    private static Object load(Kind kind, Path file) {
        return switch (kind) {
            case KIOSK -> KioskConfig.load(file);
            case DISPLAY -> DisplayConfig.load(file);
            case SERVER -> ServerConfig.load(file);
        };
    }

    /** The config's values as written, with where each key is, for findings that name file, line and key. */
    record Settings(Path file, String text, JsonNode tree) {

        String text(String path) {
            JsonNode n = node(path);
            return n == null || n.isNull() ? null : n.asText();
        }

        boolean flag(String path) {
            JsonNode n = node(path);
            return n != null && n.asBoolean(false);
        }

        int number(String path, int otherwise) {
            JsonNode n = node(path);
            return n == null || !n.canConvertToInt() ? otherwise : n.asInt();
        }

        JsonNode node(String path) {
            JsonNode n = tree;
            for (String part : path.split("\\.")) {
                n = n == null ? null : n.get(part);
            }
            return n;
        }

        /** {@code /etc/luot/kiosk.toml:41: printer.transport} */
        String where(String path) {
            int line = lineOf(path);
            return file + (line > 0 ? ":" + line : "") + ": " + path;
        }

        /** The 1-based line of {@code section.key} (the key inside its [section]), 0 if absent. */
        int lineOf(String path) {
            return ConfigFile.lineOf(text, path);
        }
    }
}
