package vn.luot.core.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventCodec;
import vn.luot.core.event.EventType;
import vn.luot.core.event.QueueEvent;

/**
 * A device's durable queue: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit
 * that returned survives power loss. Every state change is written with the event that caused it in
 * one transaction ({@link #write}).
 *
 * <p>Not safe for concurrent use: one owner (see {@link LocalQueue}) serialises access.
 */
public final class QueueStore implements AutoCloseable {

    private final Path file;
    private final Connection connection;
    private final EventCodec codec;
    private final PreparedStatement insertEvent;
    private final PreparedStatement upsertTicket;
    private final PreparedStatement upsertCounter;
    private final PreparedStatement selectSeries;
    private final PreparedStatement upsertSeries;

    private QueueStore(Path file, Connection connection, EventCodec codec) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.codec = codec;
        this.insertEvent = connection.prepareStatement("""
                INSERT OR IGNORE INTO events
                  (device_id, seq, hlc_wall, hlc_counter, device_time, type, ticket, payload, from_upstream)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        this.upsertTicket = connection.prepareStatement("""
                INSERT INTO tickets (day, field, number, status, state) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (day, field, number) DO UPDATE SET status = excluded.status, state = excluded.state""");
        this.upsertCounter = connection.prepareStatement("""
                INSERT INTO counters (number, paused) VALUES (?, ?)
                ON CONFLICT (number) DO UPDATE SET paused = excluded.paused""");
        this.selectSeries = connection.prepareStatement(
                "SELECT next_number FROM number_series WHERE day = ? AND field = ?");
        this.upsertSeries = connection.prepareStatement("""
                INSERT INTO number_series (day, field, next_number) VALUES (?, ?, ?)
                ON CONFLICT (day, field) DO UPDATE SET next_number = excluded.next_number""");
    }

    /**
     * Opens (creating if missing) and migrates the database at {@code file}.
     *
     * @throws StoreException naming the file when it is not ours, from a newer Lượt, corrupt,
     *     unwritable, or on a full disk
     */
    public static QueueStore open(Path file) {
        return open(file, 0);
    }

    /**
     * Opens the database, capped at {@code maxBytes} (0 for no cap). A cap keeps a growing queue from
     * filling the SD card that the OS and its logs live on; hitting it is reported like a full disk.
     */
    public static QueueStore open(Path file, long maxBytes) {
        Connection connection = SqliteDatabase.open(file, Schema.APPLICATION_ID, Schema.MIGRATIONS, maxBytes,
                LARGE_TABLES);
        Path absolute = file.toAbsolutePath();
        try {
            return new QueueStore(absolute, connection, new EventCodec());
        } catch (SQLException e) {
            SqliteDatabase.closeQuietly(connection);
            throw SqliteDatabase.translate(absolute, "open", e);
        }
    }

    public Path file() {
        return file;
    }

    public EventCodec codec() {
        return codec;
    }

    /** Work done inside one write transaction. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }

    /**
     * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction: everything it wrote is committed
     * durably when this returns, and nothing of it when this throws.
     */
    public <T> T write(TxWork<T> work) {
        Tx tx = new Tx();
        return SqliteDatabase.inTransaction(connection, file, () -> work.run(tx));
    }

    /** The writes allowed inside {@link #write}. */
    public final class Tx {
        private Tx() {
        }

        /** @return false when the event was already in the log (a duplicate delivery) */
        public boolean append(Event event) throws SQLException {
            return append(event, false);
        }

        /**
         * @param fromUpstream the event was pulled from this device's upstream, so it is never pushed back
         * @return false when the event was already in the log (a duplicate delivery)
         */
        public boolean append(Event event, boolean fromUpstream) throws SQLException {
            insertEvent.setString(1, event.deviceId());
            insertEvent.setLong(2, event.seq());
            insertEvent.setLong(3, event.hlc().wallMillis());
            insertEvent.setInt(4, event.hlc().counter());
            insertEvent.setString(5, event.deviceTime().toString());
            insertEvent.setString(6, event.type().name());
            insertEvent.setString(7, event.body() instanceof QueueEvent.OfTicket t ? t.ticket().key() : null);
            insertEvent.setString(8, codec.encodeBody(event.body()));
            insertEvent.setInt(9, fromUpstream ? 1 : 0);
            return insertEvent.executeUpdate() == 1;
        }

        /**
         * Moves a device's acknowledged watermark over every sequence number now present without a gap.
         *
         * @return the new watermark: every event of the device up to it is in this log
         */
        public long advanceWatermark(String deviceId) throws SQLException {
            String name = "wm:" + deviceId;
            long mark = 0;
            try (PreparedStatement get = connection.prepareStatement("SELECT value FROM sync_cursors WHERE name = ?")) {
                get.setString(1, name);
                try (ResultSet rs = get.executeQuery()) {
                    if (rs.next()) {
                        mark = Long.parseLong(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement has = connection.prepareStatement(
                    "SELECT 1 FROM events WHERE device_id = ? AND seq = ?")) {
                has.setString(1, deviceId);
                while (true) {
                    has.setLong(2, mark + 1);
                    try (ResultSet rs = has.executeQuery()) {
                        if (!rs.next()) {
                            break;
                        }
                    }
                    mark++;
                }
            }
            putCursor(name, Long.toString(mark));
            return mark;
        }

        /** @param bodyHash the hash of the request body this answers, so a reused key can be told apart */
        public void putIdempotentResponse(String key, String bodyHash, String response, Instant now)
                throws SQLException {
            try (PreparedStatement st = connection.prepareStatement(
                    "INSERT OR IGNORE INTO idempotency (key, response, created, body_hash) VALUES (?, ?, ?, ?)")) {
                st.setString(1, key);
                st.setString(2, response);
                st.setString(3, now.toString());
                st.setString(4, bodyHash);
                st.executeUpdate();
            }
        }

        /** Records a refused event or a reused sequence number, for the supervisor and the doctor. */
        public void recordAlarm(SyncAlarm alarm) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement("""
                    INSERT INTO sync_alarms (at, kind, code, pusher, device, seq, type, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                st.setString(1, alarm.at().toString());
                st.setString(2, alarm.kind().name());
                st.setString(3, alarm.code());
                st.setString(4, alarm.pusher());
                st.setString(5, alarm.device());
                if (alarm.seq() == null) {
                    st.setNull(6, java.sql.Types.INTEGER);
                } else {
                    st.setLong(6, alarm.seq());
                }
                st.setString(7, alarm.type());
                st.setString(8, alarm.reason());
                st.executeUpdate();
            }
        }

        public void saveTicket(Ticket ticket) throws SQLException {
            TicketId id = ticket.id();
            upsertTicket.setString(1, id.day().toString());
            upsertTicket.setString(2, id.field());
            upsertTicket.setInt(3, id.number());
            upsertTicket.setString(4, ticket.status().name());
            upsertTicket.setString(5, encodeTicket(ticket));
            upsertTicket.executeUpdate();
        }

        public void saveCounter(int number, boolean paused) throws SQLException {
            upsertCounter.setInt(1, number);
            upsertCounter.setInt(2, paused ? 1 : 0);
            upsertCounter.executeUpdate();
        }

        /**
         * Takes the next walk-in number of {@code field} on {@code day} from {@code block}.
         *
         * @return the number, or empty when the block is used up
         */
        public Optional<Integer> allocateNumber(LocalDate day, String field, NumberBlock block) throws SQLException {
            return allocateNumber(day, field, block, block.first());
        }

        /**
         * Takes the next walk-in number, never below {@code atLeast}: the caller passes one above the highest
         * number its event log names, so a lost or stale series row cannot hand a number out twice.
         */
        public Optional<Integer> allocateNumber(LocalDate day, String field, NumberBlock block, int atLeast)
                throws SQLException {
            selectSeries.setString(1, day.toString());
            selectSeries.setString(2, field);
            int next;
            try (ResultSet rs = selectSeries.executeQuery()) {
                next = rs.next() ? rs.getInt(1) : block.first();
            }
            next = Math.max(next, Math.max(atLeast, block.first()));
            if (next > block.last()) {
                return Optional.empty();
            }
            upsertSeries.setString(1, day.toString());
            upsertSeries.setString(2, field);
            upsertSeries.setInt(3, next + 1);
            upsertSeries.executeUpdate();
            return Optional.of(next);
        }

        public void saveCitizenRef(TicketId ticket, String citizenHash) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement(
                    "INSERT OR REPLACE INTO citizen_refs (ticket, day, citizen_hash) VALUES (?, ?, ?)")) {
                st.setString(1, ticket.key());
                st.setString(2, ticket.day().toString());
                st.setString(3, citizenHash);
                st.executeUpdate();
            }
        }

        public void putSetting(String key, String value) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement(
                    "INSERT OR REPLACE INTO device (key, value) VALUES (?, ?)")) {
                st.setString(1, key);
                st.setString(2, value);
                st.executeUpdate();
            }
        }

        public void forgetSetting(String key) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement("DELETE FROM device WHERE key = ?")) {
                st.setString(1, key);
                st.executeUpdate();
            }
        }

        public void putCursor(String name, String value) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement(
                    "INSERT OR REPLACE INTO sync_cursors (name, value) VALUES (?, ?)")) {
                st.setString(1, name);
                st.setString(2, value);
                st.executeUpdate();
            }
        }

        /**
         * Deletes up to {@code limit} push answers stored before {@code before}. A device retries a push
         * within minutes; an answer older than the expiry period answers nobody. Oldest first (the table
         * grows in that order), so each call looks only at the oldest {@code limit} rows.
         *
         * @return how many were deleted
         */
        public int expireIdempotentAnswers(Instant before, int limit) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement("""
                    DELETE FROM idempotency WHERE rowid IN (SELECT rowid FROM
                      (SELECT rowid, created FROM idempotency ORDER BY rowid LIMIT ?) WHERE created < ?)""")) {
                st.setInt(1, limit);
                st.setString(2, before.toString());
                return st.executeUpdate();
            }
        }

        /**
         * Deletes up to {@code limit} events about tickets of days before {@code day} that need not be kept:
         * pulled from upstream, or made or relayed here and already pushed (arrived at or before
         * {@code pushedThrough}). Their tickets' rows and number series go with them. For each device the
         * highest pruned sequence number is kept, so {@link QueueStore#lastSeq} (and the {@code last_seq}
         * a pusher is told) never goes back, and a pruned event pushed again is known as a duplicate.
         *
         * @return how many rows were deleted; fewer than {@code limit} means nothing is left to prune
         */
        public int pruneClosedDays(LocalDate day, long pushedThrough, int limit) throws SQLException {
            List<Long> rowids = new ArrayList<>();
            Map<String, Long> highest = new HashMap<>();
            try (PreparedStatement st = connection.prepareStatement("""
                    SELECT rowid, device_id, seq FROM events
                    WHERE ticket < ? AND (from_upstream = 1 OR rowid <= ?) LIMIT ?""")) {
                st.setString(1, day.toString());
                st.setLong(2, pushedThrough);
                st.setInt(3, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rowids.add(rs.getLong(1));
                        highest.merge(rs.getString(2), rs.getLong(3), Math::max);
                    }
                }
            }
            for (Map.Entry<String, Long> h : highest.entrySet()) {
                if (h.getValue() > prunedThrough(h.getKey())) {
                    putCursor(PRUNED + h.getKey(), Long.toString(h.getValue()));
                }
            }
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM events WHERE rowid = ?")) {
                for (long rowid : rowids) {
                    del.setLong(1, rowid);
                    del.addBatch();
                }
                del.executeBatch();
            }
            int deleted = rowids.size();
            for (String table : List.of("tickets", "number_series")) {
                if (deleted >= limit) {
                    break;
                }
                try (PreparedStatement st = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE rowid IN (SELECT rowid FROM " + table + " WHERE day < ? LIMIT ?)")) {
                    st.setString(1, day.toString());
                    st.setInt(2, limit - deleted);
                    deleted += st.executeUpdate();
                }
            }
            return deleted;
        }

        /** Deletes the personal references (citizen ID hashes) of days before {@code day}. */
        public int purgePersonalDataBefore(LocalDate day) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement("DELETE FROM citizen_refs WHERE day < ?")) {
                st.setString(1, day.toString());
                return st.executeUpdate();
            }
        }
    }

    String encodeTicket(Ticket ticket) {
        try {
            return codec.mapper().writeValueAsString(ticket);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode ticket " + ticket.label(), e);
        }
    }

    Ticket decodeTicket(String json) {
        try {
            return codec.mapper().readValue(json, Ticket.class);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.CORRUPT, file,
                    "A ticket row of " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static final String PRUNED = "pruned:";

    /** The tables that grow with the branch's traffic: not read whole at the open of a large file. */
    private static final java.util.Set<String> LARGE_TABLES = java.util.Set.of("events", "idempotency", "tickets");

    private static final String EVENT_COLUMNS =
            "rowid, device_id, seq, hlc_wall, hlc_counter, device_time, type, payload FROM events";

    /** The whole event log, in no particular order. A year of it does not fit a device's heap: see {@link #openEvents}. */
    public List<Event> loadEvents() {
        return query("SELECT " + EVENT_COLUMNS, rs -> {
            List<Event> events = new ArrayList<>();
            while (rs.next()) {
                events.add(readEvent(rs));
            }
            return events;
        });
    }

    /**
     * What a queue folds at open: every event about tickets of {@code from} or later (future bookings
     * included), and the counter events that say how each counter stands then (see {@link #counterEvents}).
     * Read through the ticket index, so the cost is that of the open days, not of the whole log.
     */
    public List<Event> openEvents(LocalDate from) {
        List<Event> events = query("SELECT " + EVENT_COLUMNS + " WHERE ticket >= '" + from + "'", rs -> {
            List<Event> list = new ArrayList<>();
            while (rs.next()) {
                list.add(readEvent(rs));
            }
            return list;
        });
        counterEvents(from).forEach(e -> events.add(e.event()));
        return events;
    }

    /** An event with its place in this device's arrival order (the cursor it serves downstream). */
    public record StoredEvent(long rowid, Event event) {
    }

    /** Events that arrived after {@code rowid}, in arrival order. */
    public List<StoredEvent> eventsAfter(long rowid, int limit) {
        return storedEvents("SELECT " + EVENT_COLUMNS + " WHERE rowid > " + rowid + " ORDER BY rowid LIMIT " + limit);
    }

    /**
     * Every event about tickets of {@code day}, and the counter events of the day with the last one of each
     * counter before it, in arrival order. Ticket keys begin with the ISO day and a slash, so the day is one
     * range of the ticket index.
     */
    public List<StoredEvent> eventsOfDay(LocalDate day) {
        List<StoredEvent> events = storedEvents("SELECT " + EVENT_COLUMNS + " WHERE ticket >= '" + day
                + "/' AND ticket < '" + day + "0'");
        long end = day.plusDays(1).atStartOfDay(BranchTime.ZONE).toInstant().toEpochMilli();
        for (StoredEvent e : counterEvents(day)) {
            if (e.event().hlc().wallMillis() < end) {
                events.add(e);
            }
        }
        events.sort(java.util.Comparator.comparingLong(StoredEvent::rowid));
        return events;
    }

    /**
     * The counter events (pause, resume) from the start of {@code from}, and the last one of each counter
     * before it: a counter's state is its last event's, so older ones change nothing. Counter events are a
     * few dozen a day and are never pruned.
     */
    public List<StoredEvent> counterEvents(LocalDate from) {
        long start = from.atStartOfDay(BranchTime.ZONE).toInstant().toEpochMilli();
        List<StoredEvent> kept = storedEvents("SELECT " + EVENT_COLUMNS + " WHERE ticket IS NULL AND hlc_wall >= "
                + start);
        // The latest wall time of each counter before the day, found without decoding a year of payloads;
        // then only the rows at those times are read, and ties are settled by the log order.
        List<Long> walls = query("SELECT max(hlc_wall) FROM events WHERE ticket IS NULL AND hlc_wall < " + start
                + " GROUP BY json_extract(payload, '$.counter')", rs -> {
                    List<Long> list = new ArrayList<>();
                    while (rs.next()) {
                        list.add(rs.getLong(1));
                    }
                    return list;
                });
        if (walls.isEmpty()) {
            return kept;
        }
        String in = walls.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        Map<Integer, StoredEvent> lastBefore = new HashMap<>();
        for (StoredEvent e : storedEvents("SELECT " + EVENT_COLUMNS + " WHERE ticket IS NULL AND hlc_wall IN (" + in
                + ")")) {
            if (e.event().body() instanceof QueueEvent.OfCounter c && e.event().hlc().wallMillis() < start) {
                lastBefore.merge(c.counter(), e,
                        (a, b) -> Event.LOG_ORDER.compare(a.event(), b.event()) >= 0 ? a : b);
            }
        }
        kept.addAll(lastBefore.values());
        return kept;
    }

    /**
     * Events to push upstream: made here (or relayed to here from below), not pulled from upstream,
     * arrived after {@code rowid}; only {@code deviceId}'s own when it is not null.
     */
    public List<StoredEvent> outbox(long rowid, int limit, String deviceId) {
        String own = deviceId == null ? "" : " AND device_id = '" + deviceId.replace("'", "''") + "'";
        return storedEvents("SELECT " + EVENT_COLUMNS + " WHERE from_upstream = 0 AND rowid > " + rowid + own
                + " ORDER BY rowid LIMIT " + limit);
    }

    public int outboxSize(long rowid, String deviceId) {
        String own = deviceId == null ? "" : " AND device_id = '" + deviceId.replace("'", "''") + "'";
        return query("SELECT count(*) FROM events WHERE from_upstream = 0 AND rowid > " + rowid + own,
                rs -> rs.next() ? rs.getInt(1) : 0);
    }

    public long maxRowid() {
        return query("SELECT coalesce(max(rowid), 0) FROM events", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /** A cached push answer and the hash of the body it answered (null for answers stored before hashes). */
    public record IdempotentAnswer(String response, String bodyHash) {
    }

    public Optional<IdempotentAnswer> idempotentResponse(String key) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT response, body_hash FROM idempotency WHERE key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new IdempotentAnswer(rs.getString(1), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    /** The event stored under {@code key}, if any. */
    public Optional<Event> event(Event.Key key) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT " + EVENT_COLUMNS + " WHERE device_id = ? AND seq = ?")) {
            st.setString(1, key.deviceId());
            st.setLong(2, key.seq());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(readEvent(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    /** The HLC of {@code deviceId}'s event with the highest sequence number below {@code seq}, if any. */
    public Optional<Hlc> hlcBefore(String deviceId, long seq) {
        try (PreparedStatement st = connection.prepareStatement("""
                SELECT hlc_wall, hlc_counter FROM events WHERE device_id = ? AND seq < ?
                ORDER BY seq DESC LIMIT 1""")) {
            st.setString(1, deviceId);
            st.setLong(2, seq);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Hlc(rs.getLong(1), rs.getInt(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    /** Where {@code deviceId}'s event {@code seq} sits in this log's arrival order, if it is here. */
    public Optional<Long> rowidOf(String deviceId, long seq) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT rowid FROM events WHERE device_id = ? AND seq = ?")) {
            st.setString(1, deviceId);
            st.setLong(2, seq);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    /** How many alarms of each kind this log has recorded. */
    public Map<SyncAlarm.Kind, Long> alarmCounts() {
        return query("SELECT kind, count(*) FROM sync_alarms GROUP BY kind", rs -> {
            Map<SyncAlarm.Kind, Long> counts = new java.util.EnumMap<>(SyncAlarm.Kind.class);
            for (SyncAlarm.Kind k : SyncAlarm.Kind.values()) {
                counts.put(k, 0L);
            }
            while (rs.next()) {
                counts.put(SyncAlarm.Kind.valueOf(rs.getString(1)), rs.getLong(2));
            }
            return counts;
        });
    }

    /** The latest {@code limit} alarms, newest first. */
    public List<SyncAlarm> latestAlarms(int limit) {
        return query("SELECT at, kind, code, pusher, device, seq, type, reason FROM sync_alarms ORDER BY id DESC LIMIT "
                + limit, rs -> {
                    List<SyncAlarm> alarms = new ArrayList<>();
                    while (rs.next()) {
                        long seq = rs.getLong(6);
                        Long seqOrNull = rs.wasNull() ? null : seq;
                        alarms.add(new SyncAlarm(Instant.parse(rs.getString(1)), SyncAlarm.Kind.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getString(4), rs.getString(5), seqOrNull, rs.getString(7),
                                rs.getString(8)));
                    }
                    return alarms;
                });
    }

    private List<StoredEvent> storedEvents(String sql) {
        return query(sql, rs -> {
            List<StoredEvent> events = new ArrayList<>();
            while (rs.next()) {
                events.add(new StoredEvent(rs.getLong(1), readEvent(rs)));
            }
            return events;
        });
    }

    private Event readEvent(ResultSet rs) throws SQLException {
        EventType type = EventType.valueOf(rs.getString(7));
        return new Event(rs.getString(2), rs.getLong(3), new Hlc(rs.getLong(4), rs.getInt(5)),
                Instant.parse(rs.getString(6)), codec.decodeBody(type, rs.getString(8)));
    }

    /** The materialised tickets, as last written with their events. */
    public Map<TicketId, Ticket> loadTickets() {
        return query("SELECT state FROM tickets", rs -> {
            Map<TicketId, Ticket> tickets = new HashMap<>();
            while (rs.next()) {
                Ticket t = decodeTicket(rs.getString(1));
                tickets.put(t.id(), t);
            }
            return tickets;
        });
    }

    public Map<Integer, Boolean> loadCounters() {
        return query("SELECT number, paused FROM counters", rs -> {
            Map<Integer, Boolean> counters = new HashMap<>();
            while (rs.next()) {
                counters.put(rs.getInt(1), rs.getInt(2) == 1);
            }
            return counters;
        });
    }

    /**
     * The highest sequence number this log has held of {@code deviceId}, 0 if none: its events, or the ones
     * pruned with their closed days ({@link Tx#pruneClosedDays}).
     */
    public long lastSeq(String deviceId) {
        long held = query("SELECT coalesce(max(seq), 0) FROM events WHERE device_id = '"
                + deviceId.replace("'", "''") + "'", rs -> rs.next() ? rs.getLong(1) : 0L);
        return Math.max(held, prunedThrough(deviceId));
    }

    /** The highest sequence number of {@code deviceId} whose event was pruned here, 0 if none. */
    public long prunedThrough(String deviceId) {
        return cursor(PRUNED + deviceId).map(Long::parseLong).orElse(0L);
    }

    /** The latest HLC in the log, so a restarted device never stamps an event before one it has seen. */
    public Hlc lastHlc() {
        return lastHlcAtMost(Long.MAX_VALUE);
    }

    /**
     * The latest HLC in the log whose wall time is at most {@code maxWallMillis}: a restarted device
     * continues after what it has seen, but never adopts a timestamp forged (or mis-set) into the future.
     *
     * <p>Without reading the whole log: a device stamps its own events after every HLC it has seen (a received
     * event is observed before the next tick), so nothing that arrived before its own last event is later
     * than that one; only what arrived after it is looked at. When that event is itself beyond the bound (the
     * clock was set back), the whole log is searched.
     */
    public Hlc lastHlcAtMost(String ownDeviceId, long maxWallMillis) {
        Optional<long[]> own = query("SELECT rowid, hlc_wall, hlc_counter FROM events WHERE device_id = '"
                        + ownDeviceId.replace("'", "''") + "' ORDER BY seq DESC LIMIT 1",
                rs -> rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                        : Optional.<long[]>empty());
        if (own.isEmpty() || own.get()[1] > maxWallMillis) {
            return lastHlcAtMost(maxWallMillis);
        }
        Hlc mine = new Hlc(own.get()[1], (int) own.get()[2]);
        Hlc after = query("SELECT hlc_wall, hlc_counter FROM events WHERE rowid > " + own.get()[0]
                        + " AND hlc_wall <= " + maxWallMillis + " ORDER BY hlc_wall DESC, hlc_counter DESC LIMIT 1",
                rs -> rs.next() ? new Hlc(rs.getLong(1), rs.getInt(2)) : Hlc.ZERO);
        return after.compareTo(mine) > 0 ? after : mine;
    }

    /** {@link #lastHlcAtMost(String, long)} over the whole log: for a device with no event of its own. */
    public Hlc lastHlcAtMost(long maxWallMillis) {
        return query("SELECT hlc_wall, hlc_counter FROM events WHERE hlc_wall <= " + maxWallMillis
                        + " ORDER BY hlc_wall DESC, hlc_counter DESC LIMIT 1",
                rs -> rs.next() ? new Hlc(rs.getLong(1), rs.getInt(2)) : Hlc.ZERO);
    }

    /** The latest day any ticket event of the log is about, before {@code before} (one step of the ticket index). */
    public Optional<LocalDate> latestTicketDay(LocalDate before) {
        return query("SELECT max(ticket) FROM events WHERE ticket < '" + before + "'", rs -> {
            String key = rs.next() ? rs.getString(1) : null;
            return key == null || key.length() < 10 ? Optional.<LocalDate>empty()
                    : Optional.of(LocalDate.parse(key.substring(0, 10)));
        });
    }

    /** How many events the log holds (the file, not the fold). */
    public long storedEventCount() {
        return query("SELECT count(*) FROM events", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    public long idempotentAnswerCount() {
        return query("SELECT count(*) FROM idempotency", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    public Optional<String> setting(String key) {
        return query("SELECT value FROM device WHERE key = '" + key.replace("'", "''") + "'",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
    }

    public Optional<String> cursor(String name) {
        return query("SELECT value FROM sync_cursors WHERE name = '" + name.replace("'", "''") + "'",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
    }

    public int citizenRefCount() {
        return query("SELECT count(*) FROM citizen_refs", rs -> rs.next() ? rs.getInt(1) : 0);
    }

    /** {@code PRAGMA integrity_check}: "ok" or the first problem found. */
    public String integrityCheck() {
        return query("PRAGMA integrity_check", rs -> rs.next() ? rs.getString(1) : "no answer");
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Reader<T> reader) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return reader.read(rs);
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "close", e);
        }
    }
}
