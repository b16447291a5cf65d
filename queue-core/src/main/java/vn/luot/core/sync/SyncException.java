package vn.luot.core.sync;

/** A sync exchange that did not complete. Local state is unchanged; the outbox keeps its events. */
public class SyncException extends Exception {

    public enum Kind {
        /** No connection, a time-out, or the connection dropped mid-answer. */
        UNREACHABLE,
        /** The upstream answered 5xx. */
        SERVER_ERROR,
        /** The upstream refused this device's token (401/403): an installer must fix the config. */
        UNAUTHORIZED,
        /** The answer was not what the protocol says (garbage, truncated JSON, wrong shape). */
        BAD_RESPONSE
    }

    private final Kind kind;

    public SyncException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
