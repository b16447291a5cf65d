package vn.luot.display.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What the display device asks of one LED board. Values; each protocol encodes the ones it supports. */
public sealed interface BoardCommand {

    /** Shows up to 8 printable ASCII characters, e.g. {@code HT-012} or {@code 012}. */
    record Show(String text) implements BoardCommand {
        public Show {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty() || text.length() > 8) {
                throw new IllegalArgumentException("a board shows 1 to 8 characters: '" + text + "'");
            }
            for (char c : text.toCharArray()) {
                if (c < 0x20 || c > 0x7E) {
                    throw new IllegalArgumentException("a board shows printable ASCII only: '" + text + "'");
                }
            }
        }

        public byte[] ascii() {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Blinks what is shown for {@code seconds} (0 stops blinking), then shows it steadily. */
    record Blink(int seconds) implements BoardCommand {
        public Blink {
            if (seconds < 0 || seconds > 255) {
                throw new IllegalArgumentException("blink seconds are 0..255: " + seconds);
            }
        }
    }

    record Clear() implements BoardCommand {
    }

    /** LED brightness, 0 (dimmest, still lit) to 15. */
    record Brightness(int level) implements BoardCommand {
        public Brightness {
            if (level < 0 || level > 15) {
                throw new IllegalArgumentException("brightness is 0..15: " + level);
            }
        }
    }

    /** Asks the board to answer without changing what it shows: how the bus learns a board is there. */
    record Ping() implements BoardCommand {
    }
}
