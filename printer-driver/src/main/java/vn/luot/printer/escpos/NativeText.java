package vn.luot.printer.escpos;

/**
 * Turns Unicode text into bytes of the printer's own character set, switching code pages in the
 * buffer when needed. Implementations never emit '?': what cannot be encoded goes through
 * {@link VietnameseText#fallback}.
 */
public interface NativeText {

    void write(String text, EscPosBuffer out);

    /** Whether every character of {@code text} prints as itself (no fallback needed). */
    boolean canEncode(String text);

    /** Plain ASCII, for printers whose Vietnamese lines go out as images. */
    static NativeText ascii() {
        return new NativeText() {
            @Override
            public void write(String text, EscPosBuffer out) {
                String safe = VietnameseText.fallback(text, cp -> cp >= 0x20 && cp < 0x7f);
                out.text(safe.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }

            @Override
            public boolean canEncode(String text) {
                return VietnameseText.isPrintableAscii(text);
            }
        };
    }
}
