package vn.luot.core.store;

/** Where a walk-in number is taken relative to the transaction that records the ticket. */
public enum NumberAllocation {
    /** Number, ticket and event in one transaction: a crash leaves all or nothing. The only safe choice. */
    IN_TRANSACTION,
    /**
     * The number is committed in a transaction of its own before the ticket's. A crash between the two
     * skips a number. Exists only as the crash drill's negative control, to prove the drill can fail.
     */
    SEPARATE_COMMIT_FOR_CRASH_DRILL_ONLY
}
