package vn.luot.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.luot.core.config.ConfigException;
import vn.luot.core.config.ConfigFile;
import vn.luot.core.privacy.CitizenHasher;
import vn.luot.server.booking.BookingStore;

/**
 * The config's {@code [store]}: where bookings live. SQLite (the default) is the {@code --db} file; PostgreSQL
 * is for a city's central server with several processes over one database.
 *
 * @param kind         {@code sqlite} (default) or {@code postgresql}
 * @param url          {@code jdbc:postgresql://host:port/database} (postgresql only)
 * @param user         the database role (postgresql only)
 * @param passwordFile a file holding only the role's password, so it is never in the config (postgresql only)
 * @param poolSize     connections this process keeps open, default 8 (postgresql only)
 */
public record StoreSettings(String kind, String url, String user, String passwordFile, Integer poolSize) {

    public static final StoreSettings SQLITE = new StoreSettings("sqlite", null, null, null, null);

    public boolean postgresql() {
        return "postgresql".equals(kind);
    }

    void validate(Path file, String text) {
        if (kind != null && !kind.equals("sqlite") && !kind.equals("postgresql")) {
            throw new ConfigException(file, ConfigFile.lineOf(text, "store.kind"), "store.kind",
                    "'" + kind + "' is not sqlite or postgresql");
        }
        if (!postgresql()) {
            for (String key : new String[] {"url", "user", "password_file", "pool_size"}) {
                boolean set = switch (key) {
                    case "url" -> url != null;
                    case "user" -> user != null;
                    case "password_file" -> passwordFile != null;
                    default -> poolSize != null;
                };
                if (set) {
                    throw new ConfigException(file, ConfigFile.lineOf(text, "store." + key), "store." + key,
                            "is for kind = \"postgresql\"; the SQLite store is the --db file");
                }
            }
            return;
        }
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(file, ConfigFile.lineOf(text, "store.url"), "store.url",
                    "is jdbc:postgresql://HOST:PORT/DATABASE");
        }
        if (poolSize != null && (poolSize < 1 || poolSize > 200)) {
            throw new ConfigException(file, ConfigFile.lineOf(text, "store.pool_size"), "store.pool_size", "is 1-200");
        }
        if (passwordFile != null && !Files.isReadable(Path.of(passwordFile))) {
            throw new ConfigException(file, ConfigFile.lineOf(text, "store.password_file"), "store.password_file",
                    "'" + passwordFile + "' cannot be read");
        }
    }

    /** Opens the store: the SQLite {@code database} file, or PostgreSQL with the citizen key beside that file. */
    public BookingStore open(Path database) {
        if (!postgresql()) {
            return BookingStore.open(database);
        }
        return BookingStore.openPostgresql(url, user, password(), poolSize == null ? 8 : poolSize,
                CitizenHasher.keyFileBeside(database));
    }

    private String password() {
        if (passwordFile == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("store.password_file " + passwordFile + " cannot be read: " + e.getMessage(), e);
        }
    }
}
