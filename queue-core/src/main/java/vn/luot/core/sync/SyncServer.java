package vn.luot.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventCodec;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.QueueStore;

/**
 * The server side of the sync protocol (queue-core/PROTOCOL.md) over one branch's {@link LocalQueue}:
 * used by the central booking server and by the branch hub alike. Framework-free: it takes and gives
 * JSON trees; {@link SyncHttpHandler} puts it on HTTP. Safe for concurrent use (the queue serialises).
 */
public final class SyncServer {

    public static final int MAX_EVENTS_PER_PUSH = 1_000;
    public static final int MAX_PAGE = 2_000;

    private final LocalQueue queue;
    private final Clock clock;
    private final EventCodec codec;
    private final ObjectMapper json;
    private final String logId;

    public SyncServer(LocalQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
        this.codec = queue.store().codec();
        this.json = codec.mapper();
        this.logId = queue.read(store -> store.setting("log_id")).orElseGet(() -> {
            String id = UUID.randomUUID().toString().substring(0, 8);
            queue.write(tx -> {
                tx.putSetting("log_id", id);
                return null;
            });
            return id;
        });
    }

    public String branchId() {
        return queue.branch().id();
    }

    /** A cursor the client gave back is not one this log can continue from: take a snapshot. */
    public static final class CursorGoneException extends RuntimeException {
        CursorGoneException(String message) {
            super(message);
        }
    }

    /** A request the client must fix; {@code code} is the protocol's error code. */
    public static final class BadRequestException extends RuntimeException {
        private final String code;

        public BadRequestException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private String cursor(long rowid) {
        return logId + ":" + rowid;
    }

    private long rowidOf(String cursor) {
        int colon = cursor == null ? -1 : cursor.indexOf(':');
        if (colon < 0) {
            throw new BadRequestException("INVALID_CURSOR", "a cursor looks like 'logid:number'");
        }
        if (!cursor.substring(0, colon).equals(logId)) {
            throw new CursorGoneException("the cursor belongs to another log (server reset or replaced)");
        }
        long rowid;
        try {
            rowid = Long.parseLong(cursor.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new BadRequestException("INVALID_CURSOR", "a cursor looks like 'logid:number'");
        }
        if (rowid < 0 || rowid > queue.read(QueueStore::maxRowid)) {
            throw new CursorGoneException("the cursor is ahead of this log");
        }
        return rowid;
    }

    /** {@code GET snapshot?date=D}: every event of the day and the cursor to continue from. */
    public ObjectNode snapshot(LocalDate day) {
        long[] cursorHolder = new long[1];
        List<QueueStore.StoredEvent> events = queue.read(store -> {
            cursorHolder[0] = store.maxRowid();
            return store.eventsOfDay(day);
        });
        long cursor = cursorHolder[0];
        ObjectNode page = json.createObjectNode();
        page.put("date", day.toString());
        page.put("cursor", cursor(cursor));
        ArrayNode array = page.putArray("events");
        for (QueueStore.StoredEvent e : events) {
            if (e.rowid() <= cursor) {
                array.add(codec.toJson(e.event()));
            }
        }
        return page;
    }

    /** The ETag of today's snapshot: it changes whenever the log grows. */
    public String snapshotTag(LocalDate day) {
        return "\"" + logId + "-" + queue.read(QueueStore::maxRowid) + "-" + day + "\"";
    }

    /** {@code GET changes?since=C&limit=N}: events after the cursor, in this log's arrival order. */
    public ObjectNode changes(String since, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequestException("INVALID_LIMIT", "limit is 1.." + MAX_PAGE);
        }
        long from = rowidOf(since);
        List<QueueStore.StoredEvent> events = queue.read(store -> store.eventsAfter(from, limit + 1));
        boolean hasMore = events.size() > limit;
        List<QueueStore.StoredEvent> page = hasMore ? events.subList(0, limit) : events;
        ObjectNode out = json.createObjectNode();
        ArrayNode array = out.putArray("events");
        page.forEach(e -> array.add(codec.toJson(e.event())));
        out.put("next", cursor(page.isEmpty() ? from : page.get(page.size() - 1).rowid()));
        out.put("has_more", hasMore);
        return out;
    }

    /**
     * {@code POST events}: a batch of events with an idempotency key. Each event is applied, a
     * duplicate, applied with a conflict flag, or rejected; the answer also gives, per device, the
     * watermark up to which every event is now held here. A key already seen gets the first answer.
     */
    public String push(DeviceIdentity pusher, String idempotencyKey, JsonNode body) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new BadRequestException("MISSING_IDEMPOTENCY_KEY", "an Idempotency-Key header of 1-200 characters is required");
        }
        String key = pusher.deviceId() + ":" + idempotencyKey;
        var cached = queue.read(store -> store.idempotentResponse(key));
        if (cached.isPresent()) {
            return cached.get();
        }
        JsonNode events = body == null ? null : body.get("events");
        if (events == null || !events.isArray()) {
            throw new BadRequestException("INVALID_REQUEST", "the body is {\"events\": [...]}");
        }
        if (events.size() > MAX_EVENTS_PER_PUSH) {
            throw new BadRequestException("BATCH_TOO_LARGE", "at most " + MAX_EVENTS_PER_PUSH + " events per push");
        }
        ArrayNode results = json.createArrayNode();
        List<Event> accepted = new ArrayList<>();
        List<ObjectNode> acceptedResults = new ArrayList<>();
        for (JsonNode raw : events) {
            ObjectNode result = results.addObject();
            Event event;
            try {
                event = codec.fromJson(raw);
            } catch (EventCodec.MalformedEventException e) {
                result.put("status", "rejected");
                result.put("reason", e.getMessage());
                copyKey(raw, result);
                continue;
            }
            result.put("device", event.deviceId());
            result.put("seq", event.seq());
            if (!pusher.mayPushFor(event.deviceId())) {
                result.put("status", "rejected");
                result.put("reason", "device " + pusher.deviceId() + " may not push events of " + event.deviceId());
                continue;
            }
            accepted.add(event);
            acceptedResults.add(result);
        }
        ObjectNode response = json.createObjectNode();
        response.set("results", results);
        ObjectNode acknowledged = response.putObject("acknowledged");
        String[] text = new String[1];
        queue.receive(accepted, false, (tx, received) -> {
            Map<Event.Key, LocalQueue.Delivery> deliveries = received.deliveries();
            for (int i = 0; i < accepted.size(); i++) {
                acceptedResults.get(i).put("status",
                        deliveries.get(accepted.get(i).key()).name().toLowerCase(java.util.Locale.ROOT));
            }
            Set<String> devices = new LinkedHashSet<>();
            accepted.forEach(e -> devices.add(e.deviceId()));
            for (String device : devices) {
                acknowledged.put(device, tx.advanceWatermark(device));
            }
            try {
                text[0] = json.writeValueAsString(response);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot encode a push answer", e);
            }
            tx.putIdempotentResponse(key, text[0], clock.instant());
        });
        return text[0];
    }

    private static void copyKey(JsonNode raw, ObjectNode result) {
        if (raw != null && raw.isObject()) {
            if (raw.hasNonNull("device")) {
                result.set("device", raw.get("device"));
            }
            if (raw.hasNonNull("seq")) {
                result.set("seq", raw.get("seq"));
            }
        }
    }
}
