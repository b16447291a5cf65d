package vn.luot.core.store;

import java.nio.file.Path;

/**
 * The device's queue database cannot be used, or a write did not happen. The message names the file
 * and says what an operator can do; nothing was half-written.
 */
public final class StoreException extends RuntimeException {

    /** What went wrong, so callers can pick a screen or a doctor hint without parsing text. */
    public enum Kind {
        NOT_A_DATABASE,
        FOREIGN_DATABASE,
        NEWER_SCHEMA,
        CORRUPT,
        DISK_FULL,
        READ_ONLY,
        CANNOT_OPEN,
        /** The file exists but holds nothing (0 bytes): truncated, not a new database. */
        EMPTY_FILE,
        /**
         * This device does not yet know its own history (a new or replaced database): it issues no event
         * and no number until its upstream has said which sequence numbers it already used.
         */
        HISTORY_UNKNOWN,
        IO
    }

    private final Kind kind;
    private final Path file;

    public StoreException(Kind kind, Path file, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.file = file;
    }

    public Kind kind() {
        return kind;
    }

    public Path file() {
        return file;
    }
}
