package vn.luot.core.cccd;

import java.time.DateTimeException;
import java.time.LocalDate;
import vn.luot.core.cccd.CccdResult.Reason;

/**
 * Reads the QR code of a chip-based citizen ID card (CCCD) or the 2024 thẻ căn cước:
 * {@code id|oldId|name|ddMMyyyy birth|gender|address|ddMMyyyy issue date}, UTF-8. Newer cards may
 * carry fewer or more fields; only the first four are read, and at least 6 must be present. The old
 * ID may be empty. Never throws: anything else is a {@link CccdResult.Rejected} with its reason.
 */
public final class CccdParser {

    private static final int MIN_FIELDS = 6;
    private static final int ID = 0;
    private static final int NAME = 2;
    private static final int BIRTH = 3;
    private static final int EARLIEST_BIRTH_YEAR = 1900;
    /** Far more than any card QR holds; a longer scan is not one. */
    private static final int MAX_LENGTH = 1024;

    private CccdParser() {
    }

    public static CccdResult parse(String scanned) {
        try {
            return read(scanned);
        } catch (RuntimeException e) {
            // A case missed below must still leave the kiosk with a verdict, not a stack trace.
            return rejected(Reason.NOT_A_CCCD);
        }
    }

    private static CccdResult read(String scanned) {
        if (scanned == null || scanned.length() > MAX_LENGTH) {
            return rejected(Reason.NOT_A_CCCD);
        }
        // Scanners append CR/LF; a UTF-8 byte order mark can survive a keyboard-wedge scanner.
        String text = scanned.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        if (text.indexOf('|') < 0) {
            return rejected(Reason.NOT_A_CCCD);
        }
        String[] fields = text.split("\\|", -1);
        if (fields.length < MIN_FIELDS) {
            return rejected(Reason.TOO_FEW_FIELDS);
        }
        String id = fields[ID].strip();
        if (!isIdNumber(id)) {
            return rejected(Reason.BAD_ID);
        }
        LocalDate birth = birthDate(fields[BIRTH].strip());
        if (birth == null) {
            return rejected(Reason.BAD_BIRTH_DATE);
        }
        return new CccdResult.Parsed(new CitizenCard(id, birth, CitizenCard.maskName(fields[NAME])));
    }

    static boolean isIdNumber(String text) {
        return text.length() == 12 && allAsciiDigits(text);
    }

    /** {@code ddMMyyyy}, a real calendar date, or null. */
    private static LocalDate birthDate(String text) {
        if (text.length() != 8 || !allAsciiDigits(text)) {
            return null;
        }
        int day = Integer.parseInt(text.substring(0, 2));
        int month = Integer.parseInt(text.substring(2, 4));
        int year = Integer.parseInt(text.substring(4));
        if (year < EARLIEST_BIRTH_YEAR) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean allAsciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static CccdResult rejected(Reason reason) {
        return new CccdResult.Rejected(reason);
    }
}
