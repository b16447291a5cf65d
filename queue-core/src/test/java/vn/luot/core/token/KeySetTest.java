package vn.luot.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySetTest {

    private static final KeyPair CURRENT = SigningKeys.generate();
    private static final KeyPair PREVIOUS = SigningKeys.generate();

    @Test
    void roundTripsThroughItsJson() {
        KeySet set = KeySet.empty().with(2, CURRENT.getPublic()).with(1, PREVIOUS.getPublic());
        KeySet back = KeySet.fromJson(set.toJson());
        assertThat(back).isEqualTo(set);
        assertThat(back.keyIds()).containsExactly(1, 2);
        assertThat(back.toJson()).isEqualTo(set.toJson());
    }

    @Test
    void publishesRawBase64UrlKeysInTheDocumentedShape() {
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(KeySet.raw(CURRENT.getPublic()));
        assertThat(KeySet.empty().with(1, CURRENT.getPublic()).toJson())
                .isEqualTo("{\"keys\":[{\"kid\":1,\"alg\":\"Ed25519\",\"x\":\"" + x + "\"}]}");
        assertThat(x).hasSize(43);
    }

    @Test
    void readsTheRfc8037ExampleKey() {
        // RFC 8037, appendix A.2: the public half of the RFC 8032 test key 1.
        KeySet set = KeySet.fromJson("{\"keys\":[{\"kid\":7,\"alg\":\"Ed25519\","
                + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}");
        assertThat(KeySet.raw(set.key(7).orElseThrow())).asHexString()
                .isEqualToIgnoringCase("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    @Test
    void rotationAddsAKeyWithoutChangingTheOldSet() {
        KeySet before = KeySet.empty().with(1, PREVIOUS.getPublic());
        KeySet after = before.with(2, CURRENT.getPublic());
        assertThat(before.keyIds()).containsExactly(1);
        assertThat(after.keyIds()).containsExactly(1, 2);
        assertThat(after.key(1)).contains(PREVIOUS.getPublic());
        assertThat(after.toString()).isEqualTo("KeySet[1, 2]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "",
            "{}",
            "{\"keys\":{}}",
            "{\"keys\":[{\"kid\":1,\"alg\":\"RSA\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}",
            "{\"keys\":[{\"kid\":256,\"alg\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}",
            "{\"keys\":[{\"kid\":\"1\",\"alg\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}",
            "{\"keys\":[{\"kid\":1,\"alg\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcH\"}]}",
            "{\"keys\":[{\"kid\":1,\"alg\":\"Ed25519\",\"x\":\"not base64!\"}]}",
            "{\"keys\":[{\"kid\":1,\"alg\":\"Ed25519\"}]}",
            "{\"keys\":[{\"kid\":1,\"alg\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"},"
                    + "{\"kid\":1,\"alg\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}"})
    void refusesWhatIsNotAKeySet(String json) {
        assertThatThrownBy(() -> KeySet.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesKeysOtherThanEd25519() throws Exception {
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThatThrownBy(() -> KeySet.empty().with(1, ed448.getPublic())).isInstanceOf(IllegalArgumentException.class);
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThatThrownBy(() -> KeySet.empty().with(1, ec.getPublic())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySet.empty().with(256, CURRENT.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedKeySetVerifiesWithItsRootOnlyAndUnchanged() {
        KeyPair root = SigningKeys.generate();
        KeySet set = KeySet.empty().with(1, CURRENT.getPublic()).with(2, PREVIOUS.getPublic());
        String signed = set.toSignedJson(root.getPrivate());
        assertThat(KeySet.fromSignedJson(signed, root.getPublic())).isEqualTo(set);
        assertThat(KeySet.fromJson(signed)).as("readers that know no signature still read it").isEqualTo(set);

        assertThatThrownBy(() -> KeySet.fromSignedJson(set.toJson(), root.getPublic()))
                .hasMessageContaining("not signed");
        assertThatThrownBy(() -> KeySet.fromSignedJson(signed, SigningKeys.generate().getPublic()))
                .hasMessageContaining("not the pinned root key's");
        // The impostor keeps the signature and slips its own key in.
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(KeySet.raw(SigningKeys.generate().getPublic()));
        String widened = signed.replace("\"keys\":[", "\"keys\":[{\"kid\":9,\"alg\":\"Ed25519\",\"x\":\"" + x + "\"},");
        assertThat(KeySet.fromJson(widened).keyIds()).contains(9);
        assertThatThrownBy(() -> KeySet.fromSignedJson(widened, root.getPublic()))
                .hasMessageContaining("not the pinned root key's");
        assertThatThrownBy(() -> KeySet.fromSignedJson(signed.replace("\"signature\":\"", "\"signature\":\"A"),
                root.getPublic())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRootKeyPinRoundTripsAndAWrongPinIsRefusedSayingTheShape() {
        KeyPair root = SigningKeys.generate();
        String pin = KeySet.pinOf(root.getPublic());
        assertThat(pin).startsWith("ed25519:").hasSize("ed25519:".length() + 43);
        assertThat(KeySet.fromPin(pin)).isEqualTo(root.getPublic());
        for (String bad : new String[] {"", "ed25519:", "ed25519:abc", "rsa:" + pin.substring(8), pin + "AA"}) {
            assertThatThrownBy(() -> KeySet.fromPin(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ed25519:<base64url");
        }
    }
}
