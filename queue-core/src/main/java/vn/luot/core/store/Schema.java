package vn.luot.core.store;

import java.util.List;

/**
 * The versioned schema. Migration n (1-based) takes {@code PRAGMA user_version} from n-1 to n; they
 * are applied in order at open, each in its own transaction. Never edit a released migration: add one.
 */
final class Schema {

    /** 'LUOT' in ASCII: marks a file as ours, so a foreign SQLite file is refused, not migrated. */
    static final int APPLICATION_ID = 0x4C554F54;

    static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE device (
              key   TEXT PRIMARY KEY,
              value TEXT NOT NULL
            ) STRICT;

            CREATE TABLE events (
              device_id   TEXT    NOT NULL,
              seq         INTEGER NOT NULL,
              hlc_wall    INTEGER NOT NULL,
              hlc_counter INTEGER NOT NULL,
              device_time TEXT    NOT NULL,
              type        TEXT    NOT NULL,
              ticket      TEXT,
              payload     TEXT    NOT NULL,
              PRIMARY KEY (device_id, seq)
            ) STRICT;
            CREATE INDEX events_by_ticket ON events (ticket);

            CREATE TABLE tickets (
              day    TEXT    NOT NULL,
              field  TEXT    NOT NULL,
              number INTEGER NOT NULL,
              status TEXT    NOT NULL,
              state  TEXT    NOT NULL,
              PRIMARY KEY (day, field, number)
            ) STRICT;

            CREATE TABLE counters (
              number INTEGER PRIMARY KEY,
              paused INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE number_series (
              day         TEXT    NOT NULL,
              field       TEXT    NOT NULL,
              next_number INTEGER NOT NULL,
              PRIMARY KEY (day, field)
            ) STRICT;

            CREATE TABLE citizen_refs (
              ticket       TEXT PRIMARY KEY,
              day          TEXT NOT NULL,
              citizen_hash TEXT NOT NULL
            ) STRICT;
            CREATE INDEX citizen_refs_by_day ON citizen_refs (day);

            CREATE TABLE sync_cursors (
              name  TEXT PRIMARY KEY,
              value TEXT NOT NULL
            ) STRICT;
            """,
            // 2: sync. Events pulled from upstream are marked so they are never pushed back; the
            // events table's rowid is the arrival order a device serves to the devices below it.
            """
            ALTER TABLE events ADD COLUMN from_upstream INTEGER NOT NULL DEFAULT 0;

            CREATE TABLE idempotency (
              key      TEXT PRIMARY KEY,
              response TEXT NOT NULL,
              created  TEXT NOT NULL
            ) STRICT;
            """,
            // 3: the sync boundary. Refused events and reused sequence numbers are recorded for the
            // supervisor; a push's idempotency answer is tied to the hash of the body it answered.
            """
            CREATE TABLE sync_alarms (
              id      INTEGER PRIMARY KEY,
              at      TEXT    NOT NULL,
              kind    TEXT    NOT NULL,
              code    TEXT    NOT NULL,
              pusher  TEXT    NOT NULL,
              device  TEXT,
              seq     INTEGER,
              type    TEXT,
              reason  TEXT    NOT NULL
            ) STRICT;

            ALTER TABLE idempotency ADD COLUMN body_hash TEXT;
            """);

    static int latestVersion() {
        return MIGRATIONS.size();
    }

    private Schema() {
    }
}
