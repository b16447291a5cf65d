package vn.luot.core.config;

import java.nio.file.Path;

/** A config file that cannot be used, with where and why: {@code /etc/luot/kiosk.toml:12: printer.buad: unknown key}. */
public final class ConfigException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String key;

    public ConfigException(Path file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key == null ? "" : key + ": ") + problem);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public Path file() {
        return file;
    }

    /** 1-based, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The dotted path of the offending key, or null. */
    public String key() {
        return key;
    }
}
