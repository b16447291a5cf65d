package vn.luot.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;

class BookingTokenTest {

    static final Instant EXPIRES = Instant.parse("2026-11-23T17:00:00Z");

    /** Realistic values for the demo branch: the longest field code, a seven-digit booking id. */
    static BookingToken demoToken(int keyId) {
        return new BookingToken(1, keyId, 1_234_567, DemoBranch.ID, LocalDate.of(2026, 11, 23),
                TimeSlot.parse("09:00-09:30"), "CTR", Purpose.COLLECT, 412, true, EXPIRES);
    }

    @Test
    void laysOutEveryFieldByteForByteAsDocumented() {
        BookingToken token = new BookingToken(1, 2, 123_456, "hn-hoankiem", LocalDate.of(2026, 11, 23),
                TimeSlot.parse("09:00-09:30"), "CTR", Purpose.COLLECT, 412, true, EXPIRES);
        String expected = "01" + "02" + "01"          // version, key id, flags: priority
                + "c0c407"                            // 123456 as LEB128
                + "0b" + "686e2d686f616e6b69656d"     // "hn-hoankiem"
                + "09d6"                              // 2518 days after 2020-01-01
                + "021c" + "1e"                       // 09:00 = minute 540, 30 minutes
                + "03" + "435452"                     // "CTR"
                + "01"                                // COLLECT
                + "019c"                              // 412
                + "003757bc";                         // 3626940 minutes after 2020-01-01T00:00Z
        assertThat(HexFormat.of().formatHex(token.payload())).isEqualTo(expected);
        byte[] bytes = HexFormat.of().parseHex(expected);
        assertThat(BookingToken.parse(bytes, bytes.length)).isEqualTo(token);
    }

    @Test
    void aRealisticDemoTokenFitsAVersion8QrAtErrorCorrectionM() {
        String qr = new TokenSigner(2, SigningKeys.generate().getPrivate()).sign(demoToken(2));
        // 8-M holds 195 alphanumeric characters; 160 leaves room for longer booking ids.
        assertThat(qr).startsWith("LT1:").hasSizeLessThanOrEqualTo(160).hasSize(151);
        assertThat(qr.chars().allMatch(c -> Base45.isAlphabet((char) c))).as("QR alphanumeric mode only").isTrue();
    }

    @Test
    void theLongestPossibleTokenStillFitsAVersion8Qr() {
        BookingToken longest = new BookingToken(1, 255, Long.MAX_VALUE, "abcdefghijkl", LocalDate.of(2199, 6, 6),
                TimeSlot.parse("23:00-23:59"), "ABCD", Purpose.ADVICE, 9999, true,
                Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(longest.payload()).hasSize(BookingToken.MAX_PAYLOAD_BYTES);
        assertThat(new TokenSigner(255, SigningKeys.generate().getPrivate()).sign(longest)).hasSizeLessThanOrEqualTo(195);
    }

    @Test
    void roundTripsBookingIdsAcrossEveryVarintLength() {
        for (int bits = 0; bits < 63; bits++) {
            for (long id : new long[]{(1L << bits) - 1, 1L << bits, (1L << bits) + 1, Long.MAX_VALUE >>> (62 - bits)}) {
                if (id >= 1) {
                    byte[] payload = withId(id).payload();
                    assertThat(BookingToken.parse(payload, payload.length)).as("id %d", id).isEqualTo(withId(id));
                }
            }
        }
    }

    @Test
    void refusesASecondSpellingOfTheSameBookingId() {
        byte[] canonical = withId(1).payload();
        byte[] padded = new byte[canonical.length + 1];
        System.arraycopy(canonical, 0, padded, 0, 3);
        padded[3] = (byte) 0x81;
        padded[4] = 0x00;
        System.arraycopy(canonical, 4, padded, 5, canonical.length - 4);
        assertThatThrownBy(() -> BookingToken.parse(padded, padded.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void becomesTheBookingItSays() {
        Booking booking = demoToken(2).toBooking();
        assertThat(booking).isEqualTo(new Booking("1234567", DemoBranch.ID, LocalDate.of(2026, 11, 23),
                TimeSlot.parse("09:00-09:30"), "CTR", Purpose.COLLECT, 412, true));
        assertThat(BookingToken.of(booking, 2, EXPIRES)).isEqualTo(demoToken(2));
        assertThat(booking.ticketId().label()).isEqualTo("CTR-412");
    }

    @Test
    void keepsTheExpiryToTheMinuteWithoutEverExtendingIt() {
        BookingToken token = BookingToken.of(demoToken(2).toBooking(), 2, Instant.parse("2026-11-23T16:59:59.999Z"));
        assertThat(token.expires()).isEqualTo(Instant.parse("2026-11-23T16:59:00Z"));
    }

    @Test
    void refusesValuesTheLayoutCannotCarry() {
        LocalDate day = LocalDate.of(2026, 11, 23);
        TimeSlot slot = TimeSlot.parse("09:00-09:30");
        assertRefused(() -> new BookingToken(2, 1, 1, "hn", day, slot, "HT", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 256, 1, "hn", day, slot, "HT", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, -1, 1, "hn", day, slot, "HT", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 0, "hn", day, slot, "HT", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "HN", day, slot, "HT", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "abcdefghijklm", day, slot, "HT", Purpose.SUBMIT, 1, false,
                EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "", day, slot, "HT", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", day, slot, "HTXYZ", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", day, slot, "ht", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", day, slot, "HT", Purpose.SUBMIT, 0, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", day, slot, "HT", Purpose.SUBMIT, 10_000, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", LocalDate.of(2019, 12, 31), slot, "HT", Purpose.SUBMIT, 1,
                false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", day, new TimeSlot(LocalTime.of(9, 0, 30),
                LocalTime.of(9, 30)), "HT", Purpose.SUBMIT, 1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", day, TimeSlot.parse("08:00-12:30"), "HT", Purpose.SUBMIT,
                1, false, EXPIRES));
        assertRefused(() -> new BookingToken(1, 1, 1, "hn", day, slot, "HT", Purpose.SUBMIT, 1, false,
                Instant.parse("2019-12-31T23:59:00Z")));
    }

    private static BookingToken withId(long id) {
        return new BookingToken(1, 0, id, "hn", LocalDate.of(2026, 1, 2), TimeSlot.parse("08:00-08:30"), "HT",
                Purpose.SUBMIT, 1, false, EXPIRES);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable construction) {
        assertThatThrownBy(construction).isInstanceOf(IllegalArgumentException.class);
    }
}
