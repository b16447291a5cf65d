package vn.luot.display.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * One way of talking to LED boards on an RS-485 bus. Pure: bytes in, bytes out; never sees a port.
 * Implementations must be safe for concurrent use (they hold no state).
 */
public interface BoardProtocol {

    String name();

    /** Whether boards of this protocol can do {@code command} at all. */
    boolean supports(BoardCommand command);

    /**
     * Writes the request frame for {@code command} to board {@code address}.
     *
     * @throws IllegalArgumentException if the protocol cannot express the command or address
     */
    void encode(int address, BoardCommand command, OutputStream out) throws IOException;

    default byte[] encode(int address, BoardCommand command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        try {
            encode(address, command, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The request that reads back what {@code command} left on board {@code address}, when the board model can be
     * read; empty when it cannot (then an acknowledgement is all the proof there is).
     */
    default java.util.Optional<byte[]> readBack(int address, BoardCommand command) {
        return java.util.Optional.empty();
    }

    /** Whether {@code read}, the answer to {@link #readBack}, holds what {@code command} wrote. */
    default boolean shows(BoardCommand command, Answer.Read read) {
        return true;
    }

    /** Whether an address means "every board, nobody answers". */
    boolean isBroadcast(int address);

    /** Reads the first {@code length} bytes received after {@code request} as the answer of board {@code address}. */
    Answer parseAnswer(int address, byte[] request, byte[] received, int length);

    // ---- the board's side (used by the simulated board, and by a board maker's test bench) ---------------------

    /** Reads a request frame at the start of {@code buffer}. */
    Decoded decodeRequest(byte[] buffer, int length);

    /** The bytes a board sends back: an acknowledgement, or a refusal with {@code reason}. */
    byte[] encodeAnswer(Decoded.Request request, boolean accepted, int statusOrReason);

    /** The outcome of reading a request frame from the front of a buffer. */
    sealed interface Decoded {
        /** Could become a frame with more bytes. */
        record NeedMore() implements Decoded {
        }

        /** Cannot be a frame of this protocol starting here: drop the first byte and look again. */
        record NotAFrame() implements Decoded {
        }

        /**
         * A whole, valid frame of {@code length} bytes. {@code command} is null when the frame is valid but the
         * board does not know what it asks ({@code rawCommand} says which).
         */
        record Request(BoardProtocol protocol, int address, BoardCommand command, int rawCommand, byte[] frame)
                implements Decoded {
            public int length() {
                return frame.length;
            }
        }

        Decoded NEED_MORE = new NeedMore();
        Decoded NOT_A_FRAME = new NotAFrame();
    }
}
