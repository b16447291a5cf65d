package vn.luot.printer.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * What the layout needs to know about one printer model. Loaded from JSON resources
 * ({@link PrinterProfiles}); page numbers and their sources are in hardware-docs/printers.md.
 *
 * @param id               file name of the profile, e.g. "epson-tm-t20"
 * @param name             human name for logs and {@code luot doctor}
 * @param paperWidthDots   printable width: 576 for 80 mm at 203 dpi, 512 for 80 mm at 180 dpi (TM-T88),
 *                         384 for 58 mm paper
 * @param cutter           whether GS V cuts; otherwise the ticket is fed out for tearing
 * @param nativeQr         whether GS ( k prints QR codes; otherwise the QR is sent as an image
 * @param vietnamese       strategy for Vietnamese text
 * @param tcvn3LowerPage   ESC t page of TCVN-3 lowercase (Epson: 30); -1 when absent
 * @param tcvn3UpperPage   ESC t page of TCVN-3 uppercase (Epson: 31); -1 when absent
 * @param cp1258Page       ESC t page of Windows-1258 (Epson: 52); -1 when absent
 * @param cancelKanji      send {@code FS .} after {@code ESC @}: Chinese firmware starts in Kanji/Chinese
 *                         mode, where bytes from 0x80 pair up into one double-byte character
 */
@JsonIgnoreProperties(value = {"notes"})
public record PrinterProfile(
        String id,
        String name,
        int paperWidthDots,
        boolean cutter,
        boolean nativeQr,
        VietnameseStrategy vietnamese,
        int tcvn3LowerPage,
        int tcvn3UpperPage,
        int cp1258Page,
        boolean cancelKanji) {

    public PrinterProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vietnamese, "vietnamese");
        if (paperWidthDots < 200 || paperWidthDots % 8 != 0) {
            throw new IllegalArgumentException(
                    "profile " + id + ": paperWidthDots must be a multiple of 8 and at least 200, was " + paperWidthDots);
        }
        if (vietnamese == VietnameseStrategy.TCVN3 && (tcvn3LowerPage < 0 || tcvn3UpperPage < 0)) {
            throw new IllegalArgumentException("profile " + id + ": tcvn3 needs tcvn3LowerPage and tcvn3UpperPage");
        }
        if (vietnamese == VietnameseStrategy.CP1258 && cp1258Page < 0) {
            throw new IllegalArgumentException("profile " + id + ": cp1258 needs cp1258Page");
        }
    }

    /** Characters of font A (12 × 24 dots) that fit on one line at normal size: 48 on 576 dots, 42 on 512. */
    public int fontAColumns() {
        return paperWidthDots / 12;
    }

    /** The same printer with another Vietnamese strategy, e.g. chosen in the branch config. */
    public PrinterProfile withVietnamese(VietnameseStrategy strategy) {
        return new PrinterProfile(id, name, paperWidthDots, cutter, nativeQr, strategy,
                tcvn3LowerPage, tcvn3UpperPage, cp1258Page, cancelKanji);
    }
}
