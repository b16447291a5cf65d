package vn.luot.printer.virtual;

import java.nio.file.Path;

/**
 * One ticket the virtual printer finished (at a cut or a tear-off feed).
 *
 * @param text decoded text, UTF-8 NFC; images appear as "[raster WxH]" and QR codes as "[QR] data"
 */
public record PrintedTicket(int number, Path bin, Path png, Path txt, String text) {
}
