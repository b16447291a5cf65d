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
import java.util.HashMap;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Hlc;
import vn.luot.core.store.SyncAlarm;
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

    private static final Logger LOG = Logger.getLogger(SyncServer.class.getName());

    public static final int MAX_EVENTS_PER_PUSH = 1_000;
    public static final int MAX_PAGE = 2_000;

    /** Expired idempotency answers deleted per push: more than one, so a backlog (an upgraded file) drains. */
    private static final int EXPIRE_PER_PUSH = 64;

    private final LocalQueue queue;
    private final Clock clock;
    private final EventCodec codec;
    private final ObjectMapper json;
    private final String logId;
    private final EventAdmission admission;

    /** A sync server that knows no device but the one pushing (a relaying hub's devices are judged as unknown). */
    public SyncServer(LocalQueue queue, Clock clock) {
        this(queue, clock, DeviceTokens.none());
    }

    /**
     * @param registry the devices of this side (roles, walk-in blocks): the origin of a relayed event is
     *                 judged by its registered role
     */
    public SyncServer(LocalQueue queue, Clock clock, DeviceRegistry registry) {
        this.queue = queue;
        this.clock = clock;
        this.admission = new EventAdmission(queue.branch(), registry);
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

    /** A request the client must fix; {@code code} is the protocol's error code, {@code status} the HTTP one. */
    public static final class BadRequestException extends RuntimeException {
        private final int status;
        private final String code;

        public BadRequestException(String code, String message) {
            this(400, code, message);
        }

        public BadRequestException(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public String code() {
            return code;
        }

        public int status() {
            return status;
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
        // The day by this side's clock: a device that booted with a wrong clock asks again for the right one.
        page.put("today", BranchTime.now(clock).toLocalDate().toString());
        page.put("now", clock.instant().toString());
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
        out.put("now", clock.instant().toString());
        return out;
    }

    /**
     * {@code POST events}: a batch of events with an idempotency key. Each event is applied, a
     * duplicate, applied with a conflict flag, or rejected with a code and a reason (refusals are logged,
     * recorded and counted: {@link #refusals()}); the answer also gives, per device, the watermark up to
     * which every event is now held here, and in {@code last_seq} the highest sequence number held of the
     * pusher, which a device with a lost file continues after. A key already seen with the same body gets
     * the first answer; with another body it is refused (409).
     */
    public String push(DeviceIdentity pusher, String idempotencyKey, JsonNode body) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new BadRequestException("MISSING_IDEMPOTENCY_KEY", "an Idempotency-Key header of 1-200 characters is required");
        }
        JsonNode events = body == null ? null : body.get("events");
        if (events == null || !events.isArray()) {
            throw new BadRequestException("INVALID_REQUEST", "the body is {\"events\": [...]}");
        }
        if (events.size() > MAX_EVENTS_PER_PUSH) {
            throw new BadRequestException("BATCH_TOO_LARGE", "at most " + MAX_EVENTS_PER_PUSH + " events per push");
        }
        String key = pusher.deviceId() + ":" + idempotencyKey;
        String bodyHash = sha256(body);
        var cached = queue.read(store -> store.idempotentResponse(key));
        if (cached.isPresent()) {
            String storedHash = cached.get().bodyHash();
            if (storedHash != null && !storedHash.equals(bodyHash)) {
                throw new BadRequestException(409, "IDEMPOTENCY_KEY_REUSED",
                        "this Idempotency-Key was used for a different body; a new body needs a new key");
            }
            return cached.get().response();
        }
        long now = clock.millis();
        ArrayNode results = json.createArrayNode();
        List<Event> accepted = new ArrayList<>();
        List<ObjectNode> acceptedResults = new ArrayList<>();
        List<SyncAlarm> refused = new ArrayList<>();
        Map<String, Hlc> lastAccepted = new HashMap<>();
        for (JsonNode raw : events) {
            ObjectNode result = results.addObject();
            Event event;
            try {
                event = codec.fromJson(raw);
            } catch (EventCodec.MalformedEventException e) {
                copyKey(raw, result);
                reject(result, pusher, null, new EventAdmission.Refusal("MALFORMED", e.getMessage()), refused);
                continue;
            }
            result.put("device", event.deviceId());
            result.put("seq", event.seq());
            Hlc before = lastAccepted.get(event.deviceId());
            Optional<Hlc> previous = before != null ? Optional.of(before)
                    : queue.read(store -> store.hlcBefore(event.deviceId(), event.seq()));
            Optional<EventAdmission.Refusal> refusal = admission.judge(pusher, event, now, previous);
            if (refusal.isPresent()) {
                reject(result, pusher, event, refusal.get(), refused);
                continue;
            }
            lastAccepted.put(event.deviceId(), event.hlc());
            accepted.add(event);
            acceptedResults.add(result);
        }
        ObjectNode response = json.createObjectNode();
        response.set("results", results);
        ObjectNode acknowledged = response.putObject("acknowledged");
        ObjectNode lastSeq = response.putObject("last_seq");
        String[] text = new String[1];
        queue.receive(accepted, false, (tx, received) -> {
            Map<Event.Key, LocalQueue.Delivery> deliveries = received.deliveries();
            for (int i = 0; i < accepted.size(); i++) {
                LocalQueue.Delivery delivery = deliveries.get(accepted.get(i).key());
                ObjectNode result = acceptedResults.get(i);
                if (delivery == LocalQueue.Delivery.SEQ_CONFLICT) {
                    result.put("status", "rejected");
                    result.put("code", "SEQ_REUSED");
                    result.put("reason", "this (device, seq) is already held with different content");
                } else {
                    result.put("status", delivery.name().toLowerCase(java.util.Locale.ROOT));
                }
            }
            for (SyncAlarm alarm : refused) {
                tx.recordAlarm(alarm);
            }
            Set<String> devices = new LinkedHashSet<>();
            devices.add(pusher.deviceId());
            accepted.forEach(e -> devices.add(e.deviceId()));
            for (String device : devices) {
                acknowledged.put(device, tx.advanceWatermark(device));
            }
            lastSeq.put(pusher.deviceId(), queue.store().lastSeq(pusher.deviceId()));
            try {
                text[0] = json.writeValueAsString(response);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot encode a push answer", e);
            }
            if (!events.isEmpty()) {
                // An empty push is a device asking what is held of it: its answer must never go stale.
                tx.putIdempotentResponse(key, bodyHash, text[0], clock.instant());
            }
            // Each push that may add an answer removes a few expired ones: the table stays a week long
            // wherever answers are written, with no sweep of its own.
            tx.expireIdempotentAnswers(clock.instant().minus(LocalQueue.IDEMPOTENT_ANSWERS_KEPT), EXPIRE_PER_PUSH);
        });
        return text[0];
    }

    private void reject(ObjectNode result, DeviceIdentity pusher, Event event, EventAdmission.Refusal refusal,
                        List<SyncAlarm> refused) {
        result.put("status", "rejected");
        result.put("code", refusal.code());
        result.put("reason", refusal.reason());
        String device = event != null ? event.deviceId() : result.path("device").asText(null);
        Long seq = event != null ? Long.valueOf(event.seq())
                : result.path("seq").isIntegralNumber() ? result.path("seq").asLong() : null;
        String type = event != null ? event.type().name() : null;
        LOG.warning("refused " + (type == null ? "an event" : type) + " " + device + "#" + seq + " pushed by "
                + pusher.deviceId() + " (" + pusher.role() + "): " + refusal.code() + " — " + refusal.reason());
        refused.add(new SyncAlarm(clock.instant(), SyncAlarm.Kind.REJECTED, refusal.code(), pusher.deviceId(), device,
                seq, type, refusal.reason()));
    }

    /** The refusals counted so far: what the supervisor's page shows. */
    public record Refusals(long rejected, long seqConflicts, List<SyncAlarm> latest) {
        public Refusals {
            latest = List.copyOf(latest);
        }
    }

    public Refusals refusals() {
        return queue.read(store -> {
            Map<SyncAlarm.Kind, Long> counts = store.alarmCounts();
            return new Refusals(counts.get(SyncAlarm.Kind.REJECTED), counts.get(SyncAlarm.Kind.SEQ_CONFLICT),
                    store.latestAlarms(20));
        });
    }

    /** {@link #refusals()} as JSON: {@code {"rejected": n, "seq_conflicts": m, "latest": [...]}}. */
    public ObjectNode refusalsJson() {
        Refusals r = refusals();
        ObjectNode out = json.createObjectNode();
        out.put("rejected", r.rejected());
        out.put("seq_conflicts", r.seqConflicts());
        ArrayNode latest = out.putArray("latest");
        for (SyncAlarm a : r.latest()) {
            ObjectNode n = latest.addObject();
            n.put("at", a.at().toString());
            n.put("kind", a.kind().name());
            n.put("code", a.code());
            n.put("pusher", a.pusher());
            n.put("device", a.device());
            if (a.seq() != null) {
                n.put("seq", a.seq());
            }
            n.put("type", a.type());
            n.put("reason", a.reason());
        }
        return out;
    }

    private String sha256(JsonNode body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsBytes(body)));
        } catch (java.security.NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a push body", e);
        }
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
