package vn.luot.printer.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** How Vietnamese letters reach the paper. */
public enum VietnameseStrategy {
    /** Lines with Vietnamese letters are drawn with the bundled font and sent as GS v 0 images. */
    RASTER,
    /** Native TCVN-3 text, switching between the lowercase and uppercase code pages as needed. */
    TCVN3,
    /** Native Windows-1258 text with combining tone marks. */
    CP1258;

    @JsonCreator
    public static VietnameseStrategy parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
