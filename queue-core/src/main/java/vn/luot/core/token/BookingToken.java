package vn.luot.core.token;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;

/**
 * What a booking QR code says, signed by the central server. It carries no personal data: who booked
 * is the central server's business; the branch needs only the priority flag.
 *
 * <p>Binary layout, version 1. Multi-byte integers are unsigned big-endian, except the booking id.
 * The 64-byte Ed25519 signature over all the bytes before it follows the last field.
 * <pre>
 * bytes  field
 *   1    version, 1
 *   1    key id, 0..255: which public key of the {@link KeySet} verifies the signature
 *   1    flags: bit 0 = priority number (số ưu tiên); bits 1..7 are zero
 *  1..9  booking id, 1..2^63-1, unsigned LEB128: 7 bits per byte, least significant group first,
 *        high bit set on every byte but the last; the shortest form only (no trailing 0x00 groups)
 *   1    branch id length n, 1..12
 *   n    branch id, ASCII [a-z0-9-]
 *   2    date: days since 2020-01-01 (up to 2199-06-06)
 *   2    slot start: minute of the day, 0..1438
 *   1    slot length in minutes, 1..255; the slot ends the same day
 *   1    field code length m, 1..4
 *   m    field code, ASCII [A-Z]
 *   1    purpose: ordinal of {@link Purpose} (0 SUBMIT, 1 COLLECT, 2 ADVICE)
 *   2    queue number, 1..9999
 *   4    expiry: minutes since 2020-01-01T00:00Z; the token is valid strictly before it
 *  64    Ed25519 signature (RFC 8032) over every byte above
 * </pre>
 * A realistic token for the demo branch is 34 bytes plus the signature: 147 Base45 characters, 151
 * with the {@code LT1:} prefix.
 *
 * <p>Values are checked on construction, so a parsed token is always within these ranges.
 * {@code expires} is truncated to the minute, never rounded up, so a token never lives longer than
 * its signer asked.
 */
public record BookingToken(int version, int keyId, long bookingId, String branchId, LocalDate date, TimeSlot slot,
                           String field, Purpose purpose, int number, boolean priority, Instant expires) {

    public static final int VERSION = 1;
    static final LocalDate EPOCH_DAY = LocalDate.of(2020, 1, 1);
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    /** The longest payload: every variable field at its maximum. */
    static final int MAX_PAYLOAD_BYTES = 3 + 9 + 1 + 12 + 2 + 2 + 1 + 1 + 4 + 1 + 2 + 4;
    private static final int MAX_BRANCH_LENGTH = 12;
    private static final int MAX_FIELD_LENGTH = 4;
    private static final int MINUTES_PER_DAY = 24 * 60;
    private static final long MAX_EXPIRY_MINUTES = 0xffff_ffffL;
    private static final Purpose[] PURPOSES = Purpose.values();
    /** The first and last days a token can name; its expiry, the end of that day, fits as well. */
    public static final LocalDate FIRST_DAY = EPOCH_DAY;
    public static final LocalDate LAST_DAY = EPOCH_DAY.plusDays(0xffff);

    /** Whether a token can name {@code day} and expire at its end (Hà Nội time), as the central server signs them. */
    public static boolean carries(LocalDate day) {
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            return false;
        }
        Instant endOfDay = day.atTime(LocalTime.MAX).atZone(vn.luot.core.domain.BranchTime.ZONE).toInstant();
        return !endOfDay.isBefore(EPOCH) && Duration.between(EPOCH, endOfDay).toMinutes() <= MAX_EXPIRY_MINUTES;
    }

    public BookingToken {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expires, "expires");
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown token version " + version);
        }
        if (keyId < 0 || keyId > 255) {
            throw new IllegalArgumentException("a key id is 0..255: " + keyId);
        }
        if (bookingId < 1) {
            throw new IllegalArgumentException("a booking id is positive: " + bookingId);
        }
        if (!isAscii(branchId, MAX_BRANCH_LENGTH, true)) {
            throw new IllegalArgumentException("a branch id is 1 to 12 of [a-z0-9-]: " + branchId);
        }
        if (!isAscii(field, MAX_FIELD_LENGTH, false)) {
            throw new IllegalArgumentException("a field code is 1 to 4 of [A-Z]: " + field);
        }
        if (number < 1 || number > 9999) {
            throw new IllegalArgumentException("a queue number is 1..9999: " + number);
        }
        long days = ChronoUnit.DAYS.between(EPOCH_DAY, date);
        if (days < 0 || days > 0xffff) {
            throw new IllegalArgumentException("a token date is 2020-01-01 or later, within 65535 days: " + date);
        }
        if (!isWholeMinute(slot.start()) || !isWholeMinute(slot.end())
                || Duration.between(slot.start(), slot.end()).toMinutes() > 255) {
            throw new IllegalArgumentException("a token slot is whole minutes, at most 255 long: " + slot);
        }
        expires = expires.truncatedTo(ChronoUnit.MINUTES);
        if (expires.isBefore(EPOCH) || Duration.between(EPOCH, expires).toMinutes() > MAX_EXPIRY_MINUTES) {
            throw new IllegalArgumentException("a token expiry is 2020-01-01T00:00Z or later, within 2^32 minutes");
        }
    }

    /** A token saying what {@code booking} says; {@code booking.id()} must be the server's numeric id. */
    public static BookingToken of(Booking booking, int keyId, Instant expires) {
        long id;
        try {
            id = Long.parseLong(booking.id());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a signed booking needs the server's numeric id: " + booking.id(), e);
        }
        return new BookingToken(VERSION, keyId, id, booking.branchId(), booking.date(), booking.slot(),
                booking.field(), booking.purpose(), booking.number(), booking.priority(), expires);
    }

    public Booking toBooking() {
        return new Booking(String.valueOf(bookingId), branchId, date, slot, field, purpose, number, priority);
    }

    /** The bytes the signature covers, laid out as in the class comment. */
    byte[] payload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_PAYLOAD_BYTES);
        out.write(version);
        out.write(keyId);
        out.write(priority ? 1 : 0);
        long id = bookingId;
        while ((id & ~0x7fL) != 0) {
            out.write((int) (id & 0x7f) | 0x80);
            id >>>= 7;
        }
        out.write((int) id);
        writeAscii(out, branchId);
        writeShort(out, (int) ChronoUnit.DAYS.between(EPOCH_DAY, date));
        writeShort(out, slot.start().toSecondOfDay() / 60);
        out.write((int) Duration.between(slot.start(), slot.end()).toMinutes());
        writeAscii(out, field);
        out.write(purpose.ordinal());
        writeShort(out, number);
        long minutes = Duration.between(EPOCH, expires).toMinutes();
        writeShort(out, (int) (minutes >>> 16));
        writeShort(out, (int) (minutes & 0xffff));
        return out.toByteArray();
    }

    /**
     * Reads exactly the first {@code length} bytes of {@code bytes} as a payload.
     *
     * @throws IllegalArgumentException for anything out of place: too short or too long, a value out of
     *                                  range, a non-canonical booking id, an unknown version or flag
     */
    static BookingToken parse(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown token version " + version);
            }
            int keyId = in.get() & 0xff;
            int flags = in.get() & 0xff;
            if ((flags & ~1) != 0) {
                throw new IllegalArgumentException("unknown token flags");
            }
            long bookingId = readVarint(in);
            String branch = readAscii(in, MAX_BRANCH_LENGTH);
            LocalDate date = EPOCH_DAY.plusDays(in.getShort() & 0xffff);
            int startMinute = in.getShort() & 0xffff;
            int slotMinutes = in.get() & 0xff;
            if (slotMinutes == 0 || startMinute + slotMinutes >= MINUTES_PER_DAY) {
                throw new IllegalArgumentException("token slot out of the day");
            }
            LocalTime start = LocalTime.ofSecondOfDay(startMinute * 60L);
            String field = readAscii(in, MAX_FIELD_LENGTH);
            int purpose = in.get() & 0xff;
            if (purpose >= PURPOSES.length) {
                throw new IllegalArgumentException("unknown token purpose");
            }
            int number = in.getShort() & 0xffff;
            long expiry = in.getInt() & 0xffff_ffffL;
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes after the token");
            }
            return new BookingToken(version, keyId, bookingId, branch, date,
                    new TimeSlot(start, start.plusMinutes(slotMinutes)), field, PURPOSES[purpose], number,
                    flags == 1, EPOCH.plus(Duration.ofMinutes(expiry)));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated token");
        }
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift <= 56; shift += 7) {
            int b = in.get() & 0xff;
            // A zero last group after the first byte would be a second spelling of the same id.
            if (b == 0 && shift > 0) {
                throw new IllegalArgumentException("non-canonical booking id");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("booking id longer than 63 bits");
    }

    private static String readAscii(ByteBuffer in, int maxLength) {
        int length = in.get() & 0xff;
        if (length == 0 || length > maxLength) {
            throw new IllegalArgumentException("bad text length in token");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }

    /** Branch ids are [a-z0-9-], field codes [A-Z]; 1 to {@code maxLength} characters. */
    private static boolean isAscii(String text, int maxLength, boolean branch) {
        if (text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = branch ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' : c >= 'A' && c <= 'Z';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWholeMinute(LocalTime time) {
        return time.getSecond() == 0 && time.getNano() == 0;
    }
}
