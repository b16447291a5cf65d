package vn.luot.display.protocol;

/** What the bus made of the bytes a board sent back to one request. */
public sealed interface Answer {

    /** Not a whole answer yet: keep reading until the deadline. */
    record Incomplete() implements Answer {
    }

    /** The board did it. {@code boardStatus} is the protocol's status byte (0 when the protocol has none). */
    record Accepted(int boardStatus) implements Answer {
    }

    /** The board understood the frame and said no (NAK, Modbus exception): it is there, the request was wrong. */
    record Refused(int reason) implements Answer {
    }

    /** Bytes that are not a valid answer to this request (bad CRC, wrong address, noise). */
    record Garbage(String why) implements Answer {
    }

    Answer INCOMPLETE = new Incomplete();
}
