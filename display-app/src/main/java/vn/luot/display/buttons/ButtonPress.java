package vn.luot.display.buttons;

import java.time.Instant;
import java.util.Objects;

/** One accepted press: a value handed to the listener, off the GPIO thread and never on the UI thread. */
public record ButtonPress(int counter, ButtonAction action, Instant at) {
    public ButtonPress {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }
}
