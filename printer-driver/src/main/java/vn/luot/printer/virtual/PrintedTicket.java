package vn.luot.printer.virtual;

import java.nio.file.Path;
import java.util.List;

/**
 * One ticket the virtual printer finished (at a cut or a tear-off feed).
 *
 * @param text        decoded text, UTF-8 NFC; images appear as "[raster WxH]" and QR codes as "[QR] data"
 * @param unprintable bytes sent on a page that has no character there (e.g. "page 30 byte 0xA1"): a real
 *                    printer leaves a gap, so a ticket with any of these lost letters
 */
public record PrintedTicket(int number, Path bin, Path png, Path txt, String text, List<String> unprintable) {

    public PrintedTicket {
        unprintable = List.copyOf(unprintable);
    }

    /** Whether every byte printed something: nothing refused by the page it was sent on. */
    public boolean printable() {
        return unprintable.isEmpty();
    }
}
