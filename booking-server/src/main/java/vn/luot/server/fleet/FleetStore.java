package vn.luot.server.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import vn.luot.core.health.HeartbeatJson;
import vn.luot.core.health.HeartbeatSink;
import vn.luot.core.health.SeenHeartbeat;
import vn.luot.core.store.SqliteDatabase;

/**
 * The centre's view of the fleet, in its own SQLite file ({@code NAME.fleet.db}): each device's latest heartbeat and
 * a short history of the last {@link #HISTORY_PER_DEVICE} (a quarter of an hour at the devices' half-minute beat),
 * older rows deleted as new ones come. A heartbeat delivered twice (a relay's retry) or older than the one kept is
 * not kept again. At most {@link #MAX_DEVICES_PER_BRANCH} device ids per branch, so a stolen hub token cannot grow
 * the file without end. The latest are also held in memory for the page and the scrapes. Safe for concurrent use.
 */
public final class FleetStore implements HeartbeatSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FleetStore.class.getName());
    private static final int APPLICATION_ID = 0x4C544648;
    public static final int HISTORY_PER_DEVICE = 30;
    public static final int MAX_DEVICES_PER_BRANCH = 200;
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE heartbeat_latest (
              branch TEXT NOT NULL, device TEXT NOT NULL, seen_ms INTEGER NOT NULL, via TEXT NOT NULL,
              offset_ms INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (branch, device)) STRICT;
            CREATE TABLE heartbeat_history (
              id INTEGER PRIMARY KEY AUTOINCREMENT, branch TEXT NOT NULL, device TEXT NOT NULL,
              seen_ms INTEGER NOT NULL, via TEXT NOT NULL, offset_ms INTEGER NOT NULL, body TEXT NOT NULL) STRICT;
            CREATE INDEX heartbeat_history_device ON heartbeat_history (branch, device, id);
            """);

    private final Path file;
    private final Connection db;
    private final ObjectMapper json;
    private final Map<String, SeenHeartbeat> latest = new HashMap<>();
    private final Map<String, Integer> devicesPerBranch = new HashMap<>();

    private FleetStore(Path file, Connection db, ObjectMapper json) {
        this.file = file;
        this.db = db;
        this.json = json;
    }

    public static FleetStore open(Path file, ObjectMapper json) {
        Path absolute = file.toAbsolutePath();
        Connection db = SqliteDatabase.open(absolute, APPLICATION_ID, MIGRATIONS, 0);
        FleetStore store = new FleetStore(absolute, db, json);
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT seen_ms, via, offset_ms, body FROM heartbeat_latest")) {
            while (rs.next()) {
                SeenHeartbeat s = store.row(rs);
                store.latest.put(s.key(), s);
                store.devicesPerBranch.merge(s.heartbeat().branchId(), 1, Integer::sum);
            }
        } catch (SQLException e) {
            SqliteDatabase.closeQuietly(db);
            throw SqliteDatabase.translate(absolute, "open", e);
        }
        return store;
    }

    @Override
    public synchronized void record(List<SeenHeartbeat> heartbeats) {
        List<SeenHeartbeat> keep = new ArrayList<>();
        Map<String, Integer> added = new HashMap<>();
        for (SeenHeartbeat s : heartbeats) {
            SeenHeartbeat before = latest.get(s.key());
            String branch = s.heartbeat().branchId();
            if (before == null && devicesPerBranch.getOrDefault(branch, 0) + added.getOrDefault(branch, 0)
                    >= MAX_DEVICES_PER_BRANCH) {
                LOG.warning(() -> "branch " + s.heartbeat().branchId() + " reports more than " + MAX_DEVICES_PER_BRANCH
                        + " devices; ignored " + s.heartbeat().deviceId() + " (via " + s.via() + ")");
                continue;
            }
            if (before != null && (before.heartbeat().sentAt().equals(s.heartbeat().sentAt())
                    || s.seenAt().isBefore(before.seenAt()))) {
                continue;
            }
            if (before == null) {
                added.merge(branch, 1, Integer::sum);
            }
            keep.add(s);
        }
        if (keep.isEmpty()) {
            return;
        }
        List<String> bodies = new ArrayList<>();
        for (SeenHeartbeat s : keep) {
            try {
                bodies.add(json.writeValueAsString(HeartbeatJson.toJson(json, s.heartbeat())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        SqliteDatabase.inTransaction(db, file, () -> {
            for (int i = 0; i < keep.size(); i++) {
                SeenHeartbeat s = keep.get(i);
                String body = bodies.get(i);
                try (PreparedStatement up = db.prepareStatement("INSERT INTO heartbeat_latest (branch, device, seen_ms,"
                        + " via, offset_ms, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (branch, device) DO UPDATE SET"
                        + " seen_ms = excluded.seen_ms, via = excluded.via, offset_ms = excluded.offset_ms,"
                        + " body = excluded.body");
                     PreparedStatement hist = db.prepareStatement("INSERT INTO heartbeat_history (branch, device,"
                             + " seen_ms, via, offset_ms, body) VALUES (?, ?, ?, ?, ?, ?)");
                     PreparedStatement trim = db.prepareStatement("DELETE FROM heartbeat_history WHERE branch = ?"
                             + " AND device = ? AND id <= (SELECT id FROM heartbeat_history WHERE branch = ? AND"
                             + " device = ? ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                    for (PreparedStatement st : List.of(up, hist)) {
                        st.setString(1, s.heartbeat().branchId());
                        st.setString(2, s.heartbeat().deviceId());
                        st.setLong(3, s.seenAt().toEpochMilli());
                        st.setString(4, s.via());
                        st.setLong(5, s.observedOffset().toMillis());
                        st.setString(6, body);
                        st.executeUpdate();
                    }
                    trim.setString(1, s.heartbeat().branchId());
                    trim.setString(2, s.heartbeat().deviceId());
                    trim.setString(3, s.heartbeat().branchId());
                    trim.setString(4, s.heartbeat().deviceId());
                    trim.setInt(5, HISTORY_PER_DEVICE);
                    trim.executeUpdate();
                }
            }
            return null;
        });
        for (SeenHeartbeat s : keep) {
            if (latest.put(s.key(), s) == null) {
                devicesPerBranch.merge(s.heartbeat().branchId(), 1, Integer::sum);
            }
        }
    }

    /** Every device's latest heartbeat, by branch and device id. */
    public synchronized List<SeenHeartbeat> latest() {
        List<SeenHeartbeat> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(SeenHeartbeat::key));
        return out;
    }

    /** A device's last heartbeats, newest first (at most {@link #HISTORY_PER_DEVICE}). */
    public synchronized List<SeenHeartbeat> history(String branch, String device) {
        List<SeenHeartbeat> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT seen_ms, via, offset_ms, body FROM heartbeat_history"
                + " WHERE branch = ? AND device = ? ORDER BY id DESC")) {
            st.setString(1, branch);
            st.setString(2, device);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(file, "read", e);
        }
        return out;
    }

    private SeenHeartbeat row(ResultSet rs) throws SQLException {
        try {
            return new SeenHeartbeat(HeartbeatJson.parse(json.readTree(rs.getString(4))),
                    Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), Duration.ofMillis(rs.getLong(3)));
        } catch (IOException e) {
            throw new UncheckedIOException("a heartbeat in " + file + " is not JSON", e);
        }
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.close(db, file);
    }
}
