package vn.luot.display.board;

/** How a counter's LED board is doing, as openHAB reports a Thing: a value, never an exception. */
public enum BoardStatus {
    /** Not heard from since the bus (re)opened. */
    UNKNOWN,
    /** Answered its last requests. */
    ONLINE,
    /** The bus is up but this board did not answer (or answered garbage) several times in a row. */
    NOT_ANSWERING,
    /**
     * Answers, but reads back something other than what was written (or refuses the registers): the configured
     * profile does not match the board's model. The board may show garbage.
     */
    WRONG_CONTENT,
    /** The bus itself is gone: the USB RS-485 adapter is unplugged or its port cannot be opened. */
    OFFLINE
}
