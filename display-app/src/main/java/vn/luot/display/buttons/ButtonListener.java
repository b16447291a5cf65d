package vn.luot.display.buttons;

/** Receives button events on the buttons' delivery executor, one at a time. */
public interface ButtonListener {

    void pressed(ButtonPress press);

    default void stuck(ButtonStuck stuck) {
    }
}
