package vn.luot.kiosk.ui;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import vn.luot.kiosk.scan.QrScanner;

/**
 * A USB HID "keyboard wedge" scanner: it types the code as keystrokes, much faster than a person,
 * and ends with Enter. Keys are caught at the scene, wherever the focus is; a pause longer than
 * {@code maxGapNanos} starts a new code, so a person tapping a (hidden) keyboard never produces a scan.
 * In simulated mode, Ctrl+V pastes the clipboard as one scan. Delivers on the JavaFX thread: the
 * handler must only hand the code on (the kiosk flow does its work on its own worker).
 */
public final class KeyboardWedge implements QrScanner {

    private static final int MIN_CODE = 4;

    private final Scene scene;
    private final LongSupplier nanoTime;
    private final long maxGapNanos;
    private final boolean allowPaste;
    private final StringBuilder buffer = new StringBuilder();
    private long lastKey;
    private EventHandler<KeyEvent> typed;
    private EventHandler<KeyEvent> pressed;

    public KeyboardWedge(Scene scene, LongSupplier nanoTime, long maxGapNanos, boolean allowPaste) {
        this.scene = Objects.requireNonNull(scene, "scene");
        this.nanoTime = nanoTime;
        this.maxGapNanos = maxGapNanos;
        this.allowPaste = allowPaste;
    }

    @Override
    public void start(Consumer<String> onScan) {
        typed = e -> {
            String ch = e.getCharacter();
            if (ch.isEmpty() || ch.equals(KeyEvent.CHAR_UNDEFINED)) {
                return;
            }
            long now = nanoTime.getAsLong();
            if (now - lastKey > maxGapNanos) {
                buffer.setLength(0);
            }
            lastKey = now;
            char c = ch.charAt(0);
            if (c == '\r' || c == '\n') {
                if (buffer.length() >= MIN_CODE) {
                    onScan.accept(buffer.toString());
                }
                buffer.setLength(0);
                e.consume();
            } else if (!Character.isISOControl(c) && buffer.length() < 8192) {
                buffer.append(ch);
            }
        };
        pressed = e -> {
            if (allowPaste && e.isShortcutDown() && e.getCode() == KeyCode.V) {
                String text = Clipboard.getSystemClipboard().getString();
                if (text != null && !text.isBlank()) {
                    onScan.accept(text);
                }
                e.consume();
            }
        };
        scene.addEventFilter(KeyEvent.KEY_TYPED, typed);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, pressed);
    }

    /** A keyboard cannot be unplugged from the kiosk's point of view: the OS hides it. */
    @Override
    public Status status() {
        return Status.CONNECTED;
    }

    @Override
    public void close() {
        if (typed != null) {
            scene.removeEventFilter(KeyEvent.KEY_TYPED, typed);
            scene.removeEventFilter(KeyEvent.KEY_PRESSED, pressed);
        }
    }
}
