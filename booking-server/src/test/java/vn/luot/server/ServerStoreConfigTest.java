package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.config.ConfigException;

/** The config's [store]: SQLite by default, PostgreSQL when asked, and every mistake named by file, line and key. */
class ServerStoreConfigTest {

    @TempDir
    Path dir;

    static String demoWithStore(String store) {
        try (InputStream in = ServerStoreConfigTest.class.getResourceAsStream("/demo-server.toml")) {
            String demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(demo).contains("[store]\nkind = \"sqlite\"\n");
            return demo.replace("[store]\nkind = \"sqlite\"\n", store);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ServerConfig load(String store) throws IOException {
        Path file = dir.resolve("server.toml");
        Files.writeString(file, demoWithStore(store));
        return ServerConfig.load(file);
    }

    private static int lineOf(String text, String line) {
        return text.substring(0, text.indexOf(line)).split("\n", -1).length;
    }

    @Test
    void theDemoAndAConfigWithoutAStoreUseSqlite() throws IOException {
        assertThat(ServerConfig.demo().storeOrDefault().postgresql()).isFalse();
        assertThat(load("").storeOrDefault()).isEqualTo(StoreSettings.SQLITE);
    }

    @Test
    void aPostgresqlStoreIsRead() throws IOException {
        Path password = Files.writeString(dir.resolve("db-password"), "s3cret\n");
        StoreSettings store = load("""
                [store]
                kind = "postgresql"
                url = "jdbc:postgresql://db:5432/luot"
                user = "luot"
                password_file = "%s"
                pool_size = 4
                """.formatted(password)).storeOrDefault();
        assertThat(store).isEqualTo(new StoreSettings("postgresql", "jdbc:postgresql://db:5432/luot", "luot",
                password.toString(), 4));
    }

    @Test
    void aMisspelledKeyIsNamedWithItsFileAndLine() {
        String store = "[store]\nkind = \"postgresql\"\nurll = \"jdbc:postgresql://db/luot\"\n";
        int line = lineOf(demoWithStore(store), "urll =");
        assertThatThrownBy(() -> load(store)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("server.toml") + ":" + line + ": store.urll: unknown key 'urll'");
    }

    @Test
    void anUnknownKindIsNamedWithItsLine() {
        String store = "[store]\nkind = \"postgres\"\n";
        int line = lineOf(demoWithStore(store), "kind = \"postgres\"");
        assertThatThrownBy(() -> load(store)).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("server.toml") + ":" + line + ": store.kind: 'postgres' is not sqlite or postgresql");
    }

    @Test
    void postgresqlNeedsAJdbcUrlAndAReadablePasswordFile() {
        assertThatThrownBy(() -> load("[store]\nkind = \"postgresql\"\nurl = \"postgres://db/luot\"\n"))
                .hasMessageContaining("store.url: is jdbc:postgresql://HOST:PORT/DATABASE");
        assertThatThrownBy(() -> load("[store]\nkind = \"postgresql\"\nurl = \"jdbc:postgresql://db/luot\"\n"
                + "password_file = \"/nonexistent/pw\"\n"))
                .hasMessageContaining("store.password_file: '/nonexistent/pw' cannot be read");
        assertThatThrownBy(() -> load("[store]\nkind = \"postgresql\"\nurl = \"jdbc:postgresql://db/luot\"\n"
                + "pool_size = 0\n")).hasMessageContaining("store.pool_size: is 1-200");
    }

    @Test
    void postgresqlKeysOnASqliteStoreAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> load("[store]\nurl = \"jdbc:postgresql://db/luot\"\n"))
                .hasMessageContaining("store.url: is for kind = \"postgresql\"");
    }
}
