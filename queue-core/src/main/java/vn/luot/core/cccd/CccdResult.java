package vn.luot.core.cccd;

/** The outcome of reading a scanned text as a citizen ID card QR: a card, or why not. */
public sealed interface CccdResult {

    /** Why a scanned text is not a usable card QR. */
    enum Reason {
        /** Not a card QR at all: a booking code, a URL, random text. */
        NOT_A_CCCD,
        /** Fewer than the 6 fields every card QR has: a partial or damaged scan. */
        TOO_FEW_FIELDS,
        /** The first field is not a 12-digit ID number. */
        BAD_ID,
        /** The birth date is not a real date written ddMMyyyy. */
        BAD_BIRTH_DATE
    }

    record Parsed(CitizenCard card) implements CccdResult {
    }

    record Rejected(Reason reason) implements CccdResult {
    }
}
