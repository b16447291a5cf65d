package vn.luot.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.token.TokenVerifier.Reason;
import vn.luot.core.token.TokenVerifier.Verification;

class TokenTest {

    private static final KeyPair KEY = SigningKeys.generate();
    private static final KeyPair PREVIOUS = SigningKeys.generate();
    private static final Instant NOW = Instant.parse("2026-11-23T01:30:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-11-23T17:00:00Z");

    private final TokenSigner signer = new TokenSigner(2, KEY.getPrivate());
    private final TokenVerifier verifier = new TokenVerifier(KeySet.empty().with(2, KEY.getPublic())
            .with(1, PREVIOUS.getPublic()));

    private static BookingToken token(int keyId) {
        return new BookingToken(1, keyId, 123_456, DemoBranch.ID, LocalDate.of(2026, 11, 23),
                TimeSlot.parse("09:00-09:30"), "CTR", Purpose.COLLECT, 412, true, EXPIRES);
    }

    private Reason reason(String text) {
        Verification v = verifier.verify(text, NOW);
        assertThat(v).isInstanceOf(Verification.Invalid.class);
        return ((Verification.Invalid) v).reason();
    }

    @Test
    void aSignedTokenVerifiesToTheSameBookingAndFitsASmallQr() {
        String qr = signer.sign(token(2));
        assertThat(verifier.verify(qr + "\r\n", NOW)).isEqualTo(new Verification.Valid(token(2)));
        assertThat(qr).startsWith("LT1:").hasSizeLessThanOrEqualTo(160);
        assertThat(qr.chars().allMatch(c -> Base45.isAlphabet((char) c))).as("QR alphanumeric mode").isTrue();
        assertThat(token(2).toBooking().ticketId().label()).isEqualTo("CTR-412");
    }

    @Test
    void everySingleBitFlipIsRejected() {
        String qr = signer.sign(token(2));
        byte[] bytes = Base45.decode(qr.substring(4));
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Verification v = verifier.verify("LT1:" + Base45.encode(flipped), NOW);
            assertThat(v).as("bit " + bit).isInstanceOf(Verification.Invalid.class);
        }
    }

    @Test
    void everyTruncationIsRejected() {
        String qr = signer.sign(token(2));
        for (int length = 0; length < qr.length(); length++) {
            assertThat(verifier.verify(qr.substring(0, length), NOW)).as("length " + length)
                    .isInstanceOf(Verification.Invalid.class);
        }
    }

    @Test
    void garbageForeignCodesAndHugeInputsNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            String text = (random.nextBoolean() ? "LT1:" : "") + new String(junk, StandardCharsets.ISO_8859_1);
            assertThat(verifier.verify(text, NOW)).isInstanceOf(Verification.Invalid.class);
        }
        assertThat(reason("001099012345|123456789|Nguyễn Văn A|01011950|Nam|Hà Nội|01012021"))
                .isEqualTo(Reason.NOT_A_LUOT_CODE);
        assertThat(reason("https://dichvucong.hanoi.gov.vn/")).isEqualTo(Reason.NOT_A_LUOT_CODE);
        assertThat(reason("")).isEqualTo(Reason.NOT_A_LUOT_CODE);
        assertThat(verifier.verify(null, NOW)).isEqualTo(new Verification.Invalid(Reason.NOT_A_LUOT_CODE));
        assertThat(reason("LT1:" + "A".repeat(100_000))).isEqualTo(Reason.MALFORMED);
        String qr = signer.sign(token(2));
        assertThat(reason(qr + qr)).as("two codes run together").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void anUnknownKeyAForgedSignatureAndAnExpiredTokenAreToldApart() {
        assertThat(reason(new TokenSigner(9, KEY.getPrivate()).sign(token(9)))).isEqualTo(Reason.UNKNOWN_KEY);
        KeyPair forger = SigningKeys.generate();
        assertThat(reason(new TokenSigner(2, forger.getPrivate()).sign(token(2)))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(verifier.verify(signer.sign(token(2)), EXPIRES)).isEqualTo(new Verification.Invalid(Reason.EXPIRED));
    }

    @Test
    void tokensOfThePreviousKeyStillVerifyAfterRotation() {
        String old = new TokenSigner(1, PREVIOUS.getPrivate()).sign(token(1));
        assertThat(verifier.verify(old, NOW)).isInstanceOf(Verification.Valid.class);
        TokenVerifier afterRetirement = new TokenVerifier(KeySet.empty().with(2, KEY.getPublic()));
        assertThat(afterRetirement.verify(old, NOW)).isEqualTo(new Verification.Invalid(Reason.UNKNOWN_KEY));
    }

    @Test
    void theKeySetRoundTripsThroughItsJson() {
        KeySet set = KeySet.empty().with(2, KEY.getPublic()).with(1, PREVIOUS.getPublic());
        KeySet back = KeySet.fromJson(set.toJson());
        assertThat(new TokenVerifier(back).verify(signer.sign(token(2)), NOW)).isInstanceOf(Verification.Valid.class);
        assertThat(set.toJson()).contains("\"kid\":1").contains("\"alg\":\"Ed25519\"");
        assertThatThrownBy(() -> KeySet.fromJson("{\"keys\":[{\"kid\":1,\"alg\":\"RSA\",\"x\":\"AA\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySet.fromJson("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSigningKeyFileIsOwnerOnlyAndRefusedOtherwise(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("signing.key");
        KeyPair created = SigningKeys.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyPair loaded = SigningKeys.load(file);
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(created.getPublic().getEncoded());
        String qr = new TokenSigner(2, loaded.getPrivate()).sign(token(2));
        assertThat(new TokenVerifier(KeySet.empty().with(2, created.getPublic())).verify(qr, NOW))
                .isInstanceOf(Verification.Valid.class);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void base45MatchesTheRfcExamplesAndRefusesWhatIsNotBase45() {
        assertThat(Base45.encode("AB".getBytes(StandardCharsets.US_ASCII))).isEqualTo("BB8");
        assertThat(Base45.encode("Hello!!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("%69 VD92EX0");
        assertThat(Base45.encode("base-45".getBytes(StandardCharsets.US_ASCII))).isEqualTo("UJCLQE7W581");
        assertThat(new String(Base45.decode("QED8WEX0"), StandardCharsets.US_ASCII)).isEqualTo("ietf!");
        assertThatThrownBy(() -> Base45.decode("GGW")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base45.decode("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base45.decode("BB8B")).isInstanceOf(IllegalArgumentException.class);
    }
}
