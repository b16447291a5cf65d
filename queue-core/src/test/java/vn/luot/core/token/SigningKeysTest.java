package vn.luot.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void savesTheKeyReadableByItsOwnerOnlyAndLoadsTheSamePair() throws IOException {
        Path file = dir.resolve("keys/signing.key");
        KeyPair created = SigningKeys.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        KeyPair loaded = SigningKeys.loadOrCreate(file);
        assertThat(loaded.getPublic()).isEqualTo(created.getPublic());
        assertThat(loaded.getPrivate().getEncoded()).isEqualTo(created.getPrivate().getEncoded());

        String qr = new TokenSigner(2, loaded.getPrivate()).sign(BookingTokenTest.demoToken(2));
        assertThat(new TokenVerifier(KeySet.empty().with(2, created.getPublic()))
                .verify(qr, Instant.parse("2026-11-23T01:30:00Z"))).isInstanceOf(TokenVerifier.Verification.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"})
    void refusesAKeyFileOthersCanReadOrWrite(String permissions) throws IOException {
        Path file = dir.resolve("signing.key");
        SigningKeys.save(SigningKeys.generate().getPrivate(), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("readable by others").hasMessageContaining(permissions)
                .hasMessageContaining("chmod 600 " + file);
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(file)).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAFileThatIsNotAKey() throws IOException {
        Path file = dir.resolve("signing.key");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "not a key");
        assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an Ed25519 PKCS#8 key");
    }

    @Test
    void replacingAKeyKeepsTheFileOwnerOnly() throws IOException {
        Path file = dir.resolve("signing.key");
        SigningKeys.save(SigningKeys.generate().getPrivate(), file);
        KeyPair next = SigningKeys.generate();
        SigningKeys.save(next.getPrivate(), file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SigningKeys.load(file).getPublic()).isEqualTo(next.getPublic());
        assertThat(dir.resolve("signing.key.tmp")).doesNotExist();
    }
}
