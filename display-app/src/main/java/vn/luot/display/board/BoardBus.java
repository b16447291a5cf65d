package vn.luot.display.board;

import vn.luot.display.protocol.Answer;
import vn.luot.display.protocol.BoardProtocol;

/**
 * A shared wire to several boards, each at its own address. Requests are serialised: one request and its
 * answer at a time. Implementations must be safe for concurrent use.
 */
public interface BoardBus {

    /** Sends {@code request} and waits for board {@code address}'s answer, retrying per the bus's policy. */
    default Exchange exchange(BoardProtocol protocol, int address, byte[] request) {
        return exchange(protocol, address, request, Priority.CALL);
    }

    /** As {@link #exchange(BoardProtocol, int, byte[])}; a waiting CALL goes ahead of every waiting REFRESH. */
    default Exchange exchange(BoardProtocol protocol, int address, byte[] request, Priority priority) {
        return inTurn(protocol, address, java.util.List.of(request), priority, () -> true).get(0);
    }

    /**
     * Sends {@code requests} to one board in a single turn on the wire, nothing else between them (a write and
     * its read-back), stopping after the first that got no valid answer. {@code stillWanted} is asked once the
     * turn has come: false sends nothing and returns an empty list (a refresh overtaken by a call must not
     * re-show the number it read before that call).
     */
    java.util.List<Exchange> inTurn(BoardProtocol protocol, int address, java.util.List<byte[]> requests,
                                    Priority priority, java.util.function.BooleanSupplier stillWanted);

    /** Who waits for the wire first. */
    enum Priority {
        /** A citizen is being called: as soon as the exchange on the wire ends. */
        CALL,
        /** Re-showing, clearing or checking boards: when no call waits. */
        REFRESH
    }

    BoardStatus status(int address);

    /**
     * Says that a call is being decided (the queue's durable commit) and will want the wire: from now on no
     * refresh starts an exchange, and one on the wire skips its read-back and retries, so the call finds the
     * wire free, or waits only for the exchange already on it, the one wait a half-duplex master cannot avoid.
     * Close it when the call's exchanges are done, or when the call turned out not to need the board.
     */
    default CallAhead callComing() {
        return CallAhead.NONE;
    }

    /** A call announced by {@link #callComing()}; closing it twice is harmless. */
    interface CallAhead extends AutoCloseable {
        CallAhead NONE = () -> { };

        @Override
        void close();
    }

    /**
     * The outcome of one request.
     *
     * @param answer the board's answer, or null when none arrived (or the request was a broadcast)
     */
    record Exchange(BoardStatus status, Answer answer) {
    }

    /** Told when a board's status or the port's changes; called on the bus's threads, so it must not block. */
    interface StatusListener {
        void boardStatusChanged(int address, BoardStatus status);

        default void portChanged(boolean open, String detail) {
        }
    }
}
