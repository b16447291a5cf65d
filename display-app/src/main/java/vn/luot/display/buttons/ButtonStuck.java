package vn.luot.display.buttons;

import java.time.Instant;

/** A button held down longer than the stuck threshold (jammed key, shorted wire): reported once per hold. */
public record ButtonStuck(int counter, ButtonAction action, Instant since) {
}
