package vn.luot.core.cccd;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the kiosk keeps from a citizen ID card (CCCD / thẻ căn cước) QR: the ID number (for the rule
 * "at most so many bookings per person", which should keep only a keyed hash of it), the birth date
 * (for the priority number) and a masked name, the only form of the name that may be shown. The full
 * name, address and gender are dropped at parsing and never reach this record.
 *
 * @param idNumber   the 12-digit personal identification number (số định danh cá nhân)
 * @param maskedName e.g. {@code N*** V** A} for Nguyễn Văn A
 */
public record CitizenCard(String idNumber, LocalDate birthDate, String maskedName) {

    /** Age from which a citizen gets a priority number (số ưu tiên). */
    public static final int PRIORITY_AGE = 75;
    private static final int MAX_STARS = 3;

    public CitizenCard {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(maskedName, "maskedName");
        if (!CccdParser.isIdNumber(idNumber)) {
            throw new IllegalArgumentException("an ID number is 12 digits");
        }
    }

    /**
     * Whether the citizen is {@value #PRIORITY_AGE} or older on {@code onDay}; the birthday itself counts.
     * Someone born on 29 February turns a year older on 28 February in common years: of the two candidate
     * days it is the earlier one, so no elderly citizen waits an extra day for priority.
     */
    public boolean isPriority(LocalDate onDay) {
        return !birthDate.plusYears(PRIORITY_AGE).isAfter(onDay);
    }

    /**
     * Keeps the first letter of each word and replaces the rest with at most three stars, so a long
     * name does not give away its length: {@code Nguyễn Văn A} becomes {@code N*** V** A}.
     */
    public static String maskName(String fullName) {
        String name = Normalizer.normalize(fullName, Normalizer.Form.NFC).strip();
        StringBuilder masked = new StringBuilder(name.length());
        for (String word : name.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!masked.isEmpty()) {
                masked.append(' ');
            }
            int first = word.codePointAt(0);
            masked.appendCodePoint(first);
            int rest = word.codePointCount(Character.charCount(first), word.length());
            masked.append("*".repeat(Math.min(rest, MAX_STARS)));
        }
        return masked.toString();
    }

    /** The ID number with all but its last three digits hidden, e.g. {@code *********345}. */
    public String maskedIdNumber() {
        return "*".repeat(idNumber.length() - 3) + idNumber.substring(idNumber.length() - 3);
    }

    @Override
    public String toString() {
        return "CitizenCard[id=" + maskedIdNumber() + ", name=" + maskedName + "]";
    }
}
