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

    /** The registers a board read out (Modbus function 03): it answered; whether they are right is the caller's. */
    record Read(int[] registers) implements Answer {
        @Override
        public boolean equals(Object o) {
            return o instanceof Read r && java.util.Arrays.equals(registers, r.registers);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(registers);
        }

        @Override
        public String toString() {
            return "Read" + java.util.Arrays.toString(registers);
        }
    }

    /** Bytes that are not a valid answer to this request (bad CRC, wrong address, noise). */
    record Garbage(String why) implements Answer {
    }

    Answer INCOMPLETE = new Incomplete();
}
