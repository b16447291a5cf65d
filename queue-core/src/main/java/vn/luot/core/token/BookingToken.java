package vn.luot.core.token;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;

/**
 * What a booking QR code says, signed by the central server. No personal data.
 *
 * <p>Binary layout (all integers big-endian), followed by the 64-byte Ed25519 signature over it:
 * <pre>
 *  1  version (1)
 *  1  key id
 *  1  flags: bit 0 = priority
 *  n  booking id, unsigned LEB128
 *  1+ branch id: length, ASCII [a-z0-9-]{1,12}
 *  2  date: days since 2020-01-01
 *  2  slot start: minute of the day
 *  1  slot length in minutes
 *  1+ field code: length, ASCII [A-Z]{1,4}
 *  1  purpose (ordinal of {@link Purpose})
 *  2  number
 *  4  expiry: minutes since 2020-01-01T00:00Z
 * </pre>
 */
public record BookingToken(int version, int keyId, long bookingId, String branchId, LocalDate date, TimeSlot slot,
                           String field, Purpose purpose, int number, boolean priority, Instant expires) {

    public static final int VERSION = 1;
    static final LocalDate EPOCH_DAY = LocalDate.of(2020, 1, 1);
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    private static final Pattern BRANCH = Pattern.compile("[a-z0-9-]{1,12}");
    private static final Pattern FIELD = Pattern.compile("[A-Z]{1,4}");

    public BookingToken {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expires, "expires");
        if (version != VERSION || keyId < 0 || keyId > 255 || bookingId < 1 || !BRANCH.matcher(branchId).matches()
                || !FIELD.matcher(field).matches() || number < 1 || number > 9999) {
            throw new IllegalArgumentException("booking token value out of range");
        }
        long minutes = Duration.between(slot.start(), slot.end()).toMinutes();
        long days = ChronoUnit.DAYS.between(EPOCH_DAY, date);
        if (minutes < 1 || minutes > 255 || days < 0 || days > 0xffff) {
            throw new IllegalArgumentException("booking token slot or date out of range");
        }
        expires = expires.truncatedTo(ChronoUnit.MINUTES);
    }

    /** A token for {@code booking}, valid until the end of its day in Hanoi plus a margin. */
    public static BookingToken of(Booking booking, int keyId, Instant expires) {
        return new BookingToken(VERSION, keyId, Long.parseLong(booking.id()), booking.branchId(), booking.date(),
                booking.slot(), booking.field(), booking.purpose(), booking.number(), booking.priority(), expires);
    }

    public Booking toBooking() {
        return new Booking(Long.toString(bookingId), branchId, date, slot, field, purpose, number, priority);
    }

    byte[] payload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        out.write(version);
        out.write(keyId);
        out.write(priority ? 1 : 0);
        long id = bookingId;
        do {
            int b = (int) (id & 0x7f);
            id >>>= 7;
            out.write(id == 0 ? b : b | 0x80);
        } while (id != 0);
        writeAscii(out, branchId);
        writeShort(out, (int) ChronoUnit.DAYS.between(EPOCH_DAY, date));
        writeShort(out, slot.start().toSecondOfDay() / 60);
        out.write((int) Duration.between(slot.start(), slot.end()).toMinutes());
        writeAscii(out, field);
        out.write(purpose.ordinal());
        writeShort(out, number);
        long minutes = Duration.between(EPOCH, expires).toMinutes();
        out.write(ByteBuffer.allocate(4).putInt((int) minutes).array(), 0, 4);
        return out.toByteArray();
    }

    /**
     * Parses exactly {@code length} bytes of a payload.
     *
     * @throws IllegalArgumentException for anything out of place: a short or long payload, bad values
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
                throw new IllegalArgumentException("unknown flags");
            }
            long id = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 56) {
                    throw new IllegalArgumentException("booking id too long");
                }
                int b = in.get() & 0xff;
                id |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            String branch = readAscii(in);
            LocalDate date = EPOCH_DAY.plusDays(in.getShort() & 0xffff);
            int startMinute = in.getShort() & 0xffff;
            int slotMinutes = in.get() & 0xff;
            if (startMinute + slotMinutes > 24 * 60) {
                throw new IllegalArgumentException("slot past midnight");
            }
            LocalTime start = LocalTime.ofSecondOfDay(startMinute * 60L);
            String field = readAscii(in);
            int purpose = in.get() & 0xff;
            if (purpose >= Purpose.values().length) {
                throw new IllegalArgumentException("unknown purpose");
            }
            int number = in.getShort() & 0xffff;
            long expiry = in.getInt() & 0xffffffffL;
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new BookingToken(version, keyId, id, branch, date,
                    new TimeSlot(start, start.plusMinutes(slotMinutes)), field, Purpose.values()[purpose], number,
                    (flags & 1) == 1, EPOCH.plus(Duration.ofMinutes(expiry)));
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated token");
        }
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static String readAscii(ByteBuffer in) {
        int length = in.get() & 0xff;
        if (length == 0 || length > 12) {
            throw new IllegalArgumentException("bad text length");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value & 0xff);
    }
}
