package vn.luot.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.luot.core.token.BookingTokenTest.EXPIRES;
import static vn.luot.core.token.BookingTokenTest.demoToken;

import java.security.KeyPair;
import java.time.Instant;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.luot.core.token.TokenVerifier.Reason;
import vn.luot.core.token.TokenVerifier.Verification;

class TokenVerifierTest {

    private static final KeyPair CURRENT = SigningKeys.generate();
    private static final KeyPair PREVIOUS = SigningKeys.generate();
    private static final Instant NOW = Instant.parse("2026-11-23T01:30:00Z");

    private final TokenSigner signer = new TokenSigner(2, CURRENT.getPrivate());
    private final TokenVerifier verifier = new TokenVerifier(
            KeySet.empty().with(2, CURRENT.getPublic()).with(1, PREVIOUS.getPublic()));

    @Test
    void aSignedTokenVerifiesAsTheSameToken() {
        assertThat(verifier.verify(signer.sign(demoToken(2)), NOW)).isEqualTo(new Verification.Valid(demoToken(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r", " ", "\t"})
    void ignoresWhatScannersAppendAroundTheCode(String around) {
        String qr = signer.sign(demoToken(2));
        assertThat(verifier.verify(around + qr + around, NOW)).isInstanceOf(Verification.Valid.class);
    }

    @Test
    void rejectsEverySingleBitFlipOfTheSignedBytes() {
        byte[] bytes = Base45.decode(signer.sign(demoToken(2)).substring(TokenSigner.PREFIX.length()));
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Verification v = verifier.verify(TokenSigner.PREFIX + Base45.encode(flipped), NOW);
            assertThat(v).as("bit %d", bit).isInstanceOf(Verification.Invalid.class);
        }
    }

    @Test
    void rejectsTheCodeTruncatedAtEveryLength() {
        String qr = signer.sign(demoToken(2));
        for (int length = 0; length < qr.length(); length++) {
            Verification v = verifier.verify(qr.substring(0, length), NOW);
            assertThat(v).as("length %d", length).isInstanceOf(Verification.Invalid.class);
            if (length >= TokenSigner.PREFIX.length()) {
                assertThat(v).as("length %d", length).isEqualTo(new Verification.Invalid(Reason.MALFORMED));
            }
        }
    }

    @Test
    void rejectsTheSignedBytesCutShortOrExtendedAtEveryLength() {
        byte[] bytes = Base45.decode(signer.sign(demoToken(2)).substring(TokenSigner.PREFIX.length()));
        for (int length = 0; length < bytes.length + 20; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            if (length != bytes.length) {
                assertThat(verifier.verify(TokenSigner.PREFIX + Base45.encode(cut), NOW)).as("%d bytes", length)
                        .isInstanceOf(Verification.Invalid.class);
            }
        }
    }

    @Test
    void neverThrowsForRandomTextOrRandomBase45() {
        Random random = new Random(20261123);
        for (int i = 0; i < 5_000; i++) {
            String text = switch (i % 3) {
                case 0 -> randomChars(random, 0x10000);
                case 1 -> TokenSigner.PREFIX + randomChars(random, 0x80);
                default -> TokenSigner.PREFIX + Base45.encode(randomBytes(random));
            };
            assertThat(verifier.verify(text, NOW)).as(text).isInstanceOf(Verification.Invalid.class);
        }
    }

    @Test
    void rejectsRandomBytesThatParseAsATokenForTheirSignature() {
        Random random = new Random(7);
        byte[] genuine = Base45.decode(signer.sign(demoToken(2)).substring(TokenSigner.PREFIX.length()));
        for (int i = 0; i < 500; i++) {
            byte[] forged = genuine.clone();
            byte[] signature = new byte[64];
            random.nextBytes(signature);
            System.arraycopy(signature, 0, forged, forged.length - 64, 64);
            assertThat(verifier.verify(TokenSigner.PREFIX + Base45.encode(forged), NOW))
                    .isEqualTo(new Verification.Invalid(Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void refusesA100KilobyteInputQuickly() {
        String huge = TokenSigner.PREFIX + "A".repeat(100_000);
        String hugeWithNewline = huge + "\r\n";
        String hugeForeign = "x".repeat(100_000);
        long start = cpuNanos();
        Verification hugeVerdict = verifier.verify(huge, NOW);
        Verification newlineVerdict = verifier.verify(hugeWithNewline, NOW);
        Verification foreignVerdict = verifier.verify(hugeForeign, NOW);
        long cpuMillis = (cpuNanos() - start) / 1_000_000;

        assertThat(hugeVerdict).isEqualTo(new Verification.Invalid(Reason.MALFORMED));
        assertThat(newlineVerdict).isEqualTo(new Verification.Invalid(Reason.MALFORMED));
        assertThat(foreignVerdict).isEqualTo(new Verification.Invalid(Reason.NOT_A_LUOT_CODE));
        assertThat(cpuMillis).as("CPU milliseconds for three 100 KB inputs").isLessThan(20);
    }

    @Test
    void twoCodesRunTogetherAreMalformed() {
        String qr = signer.sign(demoToken(2));
        assertThat(verifier.verify(qr + qr, NOW)).isEqualTo(new Verification.Invalid(Reason.MALFORMED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "001099012345|123456789|Nguyễn Văn A|01011950|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021",
            "https://dichvucong.hanoi.gov.vn/",
            "lt1:abc",
            "LT2:BB8",
            "LT1",
            "",
            "   \r\n"})
    void codesThatAreNotOursAreToldApart(String text) {
        assertThat(verifier.verify(text, NOW)).isEqualTo(new Verification.Invalid(Reason.NOT_A_LUOT_CODE));
    }

    @Test
    void nullIsNotOurCode() {
        assertThat(verifier.verify(null, NOW)).isEqualTo(new Verification.Invalid(Reason.NOT_A_LUOT_CODE));
    }

    @Test
    void aKeyIdTheDeviceDoesNotKnowIsUnknownKey() {
        String qr = new TokenSigner(9, CURRENT.getPrivate()).sign(demoToken(9));
        assertThat(verifier.verify(qr, NOW)).isEqualTo(new Verification.Invalid(Reason.UNKNOWN_KEY));
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAKnownKeyIdIsBadSignature() {
        String forged = new TokenSigner(2, SigningKeys.generate().getPrivate()).sign(demoToken(2));
        assertThat(verifier.verify(forged, NOW)).isEqualTo(new Verification.Invalid(Reason.BAD_SIGNATURE));
    }

    @Test
    void aGenuineTokenExpiresAtItsExpiryMinute() {
        String qr = signer.sign(demoToken(2));
        assertThat(verifier.verify(qr, EXPIRES.minusMillis(1))).isInstanceOf(Verification.Valid.class);
        assertThat(verifier.verify(qr, EXPIRES)).isEqualTo(new Verification.Invalid(Reason.EXPIRED));
    }

    @Test
    void anExpiredForgeryIsReportedAsAForgery() {
        String forged = new TokenSigner(2, SigningKeys.generate().getPrivate()).sign(demoToken(2));
        assertThat(verifier.verify(forged, EXPIRES.plusSeconds(3600)))
                .isEqualTo(new Verification.Invalid(Reason.BAD_SIGNATURE));
    }

    @Test
    void tokensOfThePreviousKeyVerifyWhileTheKeySetHoldsBoth() {
        String old = new TokenSigner(1, PREVIOUS.getPrivate()).sign(demoToken(1));
        assertThat(verifier.verify(old, NOW)).isEqualTo(new Verification.Valid(demoToken(1)));
        assertThat(verifier.verify(signer.sign(demoToken(2)), NOW)).isInstanceOf(Verification.Valid.class);

        TokenVerifier afterRetirement = new TokenVerifier(KeySet.empty().with(2, CURRENT.getPublic()));
        assertThat(afterRetirement.verify(old, NOW)).isEqualTo(new Verification.Invalid(Reason.UNKNOWN_KEY));
    }

    /** Thread CPU time: what the verification costs, not what other processes on a shared machine take. */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static String randomChars(Random random, int bound) {
        char[] chars = new char[random.nextInt(300)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(bound);
        }
        return new String(chars);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = 1;
        }
        return bytes;
    }
}
