package vn.luot.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventCodec;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.QueueStore;

/**
 * The device side of the sync protocol: pushes the outbox upstream and pulls the branch's changes,
 * against the central server or the branch hub. Every answer is parsed in full before anything is
 * written, and a pulled batch is stored with its cursor in one transaction, so a 5xx, a time-out, a
 * half-written answer or garbage never changes local state. Safe for concurrent use.
 */
public final class SyncClient {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SyncClient.class.getName());

    static final String PUSH_CURSOR = "push";
    static final String PULL_CURSOR = "pull";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String branchId;
    private final String token;
    private final LocalQueue queue;
    private final boolean relay;
    private final int batchSize;
    private final Clock clock;
    private final ClockTrust clockTrust;
    private final EventCodec codec;
    private final ObjectMapper json;
    /** Ask the upstream what it holds of this device: its log was replaced (a cursor from another log). */
    private volatile boolean historyCheckDue;

    private SyncClient(Builder b) {
        this.http = b.http;
        this.baseUrl = b.baseUrl;
        this.branchId = b.branchId;
        this.token = b.token;
        this.queue = b.queue;
        this.relay = b.relay;
        this.batchSize = b.batchSize;
        this.clock = b.clock;
        this.clockTrust = b.clockTrust;
        this.codec = queue.store().codec();
        this.json = codec.mapper();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ClockTrust clockTrust() {
        return clockTrust;
    }

    /** Events waiting to be acknowledged upstream. */
    public int outboxDepth() {
        return queue.read(store -> store.outboxSize(pushCursor(store), ownOnly()));
    }

    private String ownOnly() {
        return relay ? null : queue.deviceId();
    }

    private static long pushCursor(QueueStore store) {
        return store.cursor(PUSH_CURSOR).map(Long::parseLong).orElse(0L);
    }

    /** What one push round did. */
    public record PushResult(int sent, int applied, int duplicates, int conflicts, int rejected, int batches) {
    }

    /**
     * Sends the outbox in batches until it is empty. First, when due, learns what the upstream holds of
     * this device ({@link #checkHistory}).
     */
    public PushResult push() throws SyncException {
        if (historyCheckDue || !queue.historyKnown()) {
            checkHistory();
        }
        int sent = 0, applied = 0, duplicates = 0, conflicts = 0, rejected = 0, batches = 0;
        while (true) {
            List<QueueStore.StoredEvent> batch = queue.read(store -> store.outbox(pushCursor(store), batchSize, ownOnly()));
            if (batch.isEmpty()) {
                return new PushResult(sent, applied, duplicates, conflicts, rejected, batches);
            }
            ObjectNode body = json.createObjectNode();
            ArrayNode events = body.putArray("events");
            batch.forEach(e -> events.add(codec.toJson(e.event())));
            long first = batch.get(0).rowid();
            long last = batch.get(batch.size() - 1).rowid();
            JsonNode answer = postEvents(body);
            JsonNode results = answer.get("results");
            if (results == null || !results.isArray() || results.size() != batch.size()) {
                throw new SyncException(SyncException.Kind.BAD_RESPONSE,
                        "push answer does not list one result per event", null);
            }
            for (JsonNode r : results) {
                switch (r.path("status").asText()) {
                    case "applied" -> applied++;
                    case "duplicate" -> duplicates++;
                    case "conflict" -> conflicts++;
                    case "rejected" -> {
                        rejected++;
                        LOG.warning("upstream refused " + r.path("device").asText() + "#" + r.path("seq").asText()
                                + ": " + r.path("code").asText() + " — " + r.path("reason").asText());
                    }
                    default -> throw new SyncException(SyncException.Kind.BAD_RESPONSE,
                            "unknown push status " + r.path("status"), null);
                }
            }
            // Rejected events will never be accepted; retrying them would block the outbox forever.
            queue.write(tx -> {
                tx.putCursor(PUSH_CURSOR, Long.toString(last));
                return null;
            });
            upstreamHolds(answer);
            sent += batch.size();
            batches++;
        }
    }

    /**
     * Learns the highest sequence number the upstream holds of this device with an empty push. A device
     * whose file holds none of its own events pulls the day first (so its walk-in series continues after
     * every number the log names), then confirms its history; a device whose upstream holds less than it
     * has made (the upstream's file was replaced) sends those events again.
     */
    public void checkHistory() throws SyncException {
        if (!queue.historyKnown()) {
            pull();
        }
        ObjectNode body = json.createObjectNode();
        body.putArray("events");
        JsonNode answer = postEvents(body);
        historyCheckDue = false;
        if (queue.historyKnown() && !answer.path("last_seq").has(queue.deviceId())) {
            return; // an upstream that predates last_seq; a device that knows its history can go on
        }
        long held = upstreamLastSeq(answer);
        if (!queue.historyKnown()) {
            queue.confirmHistory(held);
        } else {
            upstreamHolds(answer);
        }
        long own = queue.read(store -> store.lastSeq(queue.deviceId()));
        if (held < own) {
            queue.write(tx -> {
                long resendFrom = queue.store().rowidOf(queue.deviceId(), held + 1).map(r -> r - 1).orElse(0L);
                long cursor = queue.store().cursor(PUSH_CURSOR).map(Long::parseLong).orElse(0L);
                if (resendFrom < cursor) {
                    LOG.warning("upstream holds " + queue.deviceId() + "'s events only up to seq " + held + " of " + own
                            + ": sending the rest again");
                    tx.putCursor(PUSH_CURSOR, Long.toString(resendFrom));
                }
                return null;
            });
        }
    }

    private void upstreamHolds(JsonNode answer) throws SyncException {
        if (answer.path("last_seq").has(queue.deviceId())) {
            queue.observeUpstreamSeq(upstreamLastSeq(answer));
        }
    }

    private long upstreamLastSeq(JsonNode answer) throws SyncException {
        JsonNode held = answer.path("last_seq").get(queue.deviceId());
        if (held == null || !held.isIntegralNumber() || held.asLong() < 0) {
            throw new SyncException(SyncException.Kind.BAD_RESPONSE, "the upstream's push answer does not say what it "
                    + "holds of " + queue.deviceId() + " (is this device registered there under that id?)", null);
        }
        return held.asLong();
    }

    private JsonNode postEvents(ObjectNode body) throws SyncException {
        byte[] bytes = write(body);
        // The key names the body: a retry of the same batch is recognised, a different batch never mistaken for it.
        String key = queue.deviceId() + "-" + sha256(bytes);
        Request request = new Request.Builder()
                .url(branchUrl("events").build())
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .post(RequestBody.create(bytes, JSON))
                .build();
        return call(request);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes),
                    0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** What one pull round did. */
    public record PullResult(int received, int fresh, boolean snapshot, int pages) {
    }

    /** Pulls the branch's changes since the stored cursor, or today's snapshot when there is none. */
    public PullResult pull() throws SyncException {
        String cursor = queue.read(store -> store.cursor(PULL_CURSOR)).orElse(null);
        if (cursor == null) {
            return snapshot();
        }
        int received = 0, fresh = 0, pages = 0;
        while (true) {
            Request request = new Request.Builder()
                    .url(branchUrl("changes").addQueryParameter("since", cursor)
                            .addQueryParameter("limit", Integer.toString(batchSize)).build())
                    .header("Authorization", "Bearer " + token)
                    .get().build();
            JsonNode page;
            try {
                page = call(request);
            } catch (CursorGone gone) {
                // The snapshot stores its own cursor with its events; until then the old one stays. A
                // replaced upstream log may have lost this device's events: ask at the next push.
                historyCheckDue = true;
                PullResult snap = snapshot();
                return new PullResult(received + snap.received(), fresh + snap.fresh(), true, pages + snap.pages());
            }
            List<Event> events = parseEvents(page.get("events"));
            String next = text(page, "next");
            boolean hasMore = page.path("has_more").asBoolean(false);
            LocalQueue.Received r = queue.receive(events, true, (tx, rec) -> tx.putCursor(PULL_CURSOR, next));
            received += events.size();
            fresh += r.fresh().size();
            pages++;
            cursor = next;
            if (!hasMore) {
                return new PullResult(received, fresh, false, pages);
            }
        }
    }

    /**
     * Today's snapshot, where today is the upstream's (its answer says which day that is): a device that
     * booted with a wrong clock must not store a cursor past the bookings of the real day (it would never
     * receive them, even after its clock is fixed).
     */
    private PullResult snapshot() throws SyncException {
        LocalDate day = BranchTime.now(clock).toLocalDate();
        JsonNode page = snapshotOf(day);
        LocalDate upstreamDay = upstreamToday(page);
        if (!upstreamDay.equals(day)) {
            LOG.warning("this device's clock says " + day + " but its upstream's says " + upstreamDay
                    + ": taking the snapshot of the upstream's day");
            day = upstreamDay;
            page = snapshotOf(day);
        }
        if (!day.toString().equals(page.path("date").asText(day.toString()))) {
            throw new SyncException(SyncException.Kind.BAD_RESPONSE, "asked for the snapshot of " + day + ", got "
                    + page.path("date").asText(), null);
        }
        List<Event> events = parseEvents(page.get("events"));
        String cursor = text(page, "cursor");
        LocalQueue.Received r = queue.receive(events, true, (tx, rec) -> tx.putCursor(PULL_CURSOR, cursor));
        return new PullResult(events.size(), r.fresh().size(), true, 1);
    }

    private JsonNode snapshotOf(LocalDate day) throws SyncException {
        Request request = new Request.Builder()
                .url(branchUrl("snapshot").addQueryParameter("date", day.toString()).build())
                .header("Authorization", "Bearer " + token)
                .get().build();
        return call(request);
    }

    /** The day by the upstream's clock: the snapshot's {@code today}, else the day its Date header implies. */
    private LocalDate upstreamToday(JsonNode page) throws SyncException {
        JsonNode today = page.get("today");
        if (today != null) {
            try {
                return LocalDate.parse(today.asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new SyncException(SyncException.Kind.BAD_RESPONSE, "snapshot's 'today' is not a date", e);
            }
        }
        return BranchTime.now(clock).toLocalDate();
    }

    private List<Event> parseEvents(JsonNode array) throws SyncException {
        if (array == null || !array.isArray()) {
            throw new SyncException(SyncException.Kind.BAD_RESPONSE, "answer has no events array", null);
        }
        List<Event> events = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            try {
                events.add(codec.fromJson(node));
            } catch (EventCodec.MalformedEventException e) {
                throw new SyncException(SyncException.Kind.BAD_RESPONSE, "upstream sent a bad event: " + e.getMessage(), e);
            }
        }
        return events;
    }

    private static String text(JsonNode node, String field) throws SyncException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new SyncException(SyncException.Kind.BAD_RESPONSE, "answer lacks '" + field + "'", null);
        }
        return value.asText();
    }

    private HttpUrl.Builder branchUrl(String op) {
        return baseUrl.newBuilder().addPathSegments("v1/branches").addPathSegment(branchId).addPathSegment(op);
    }

    private byte[] write(JsonNode body) throws SyncException {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.BAD_RESPONSE, "cannot encode request", e);
        }
    }

    /** 410 on a changes request: the stored cursor is no good; take a snapshot. */
    private static final class CursorGone extends SyncException {
        CursorGone() {
            super(Kind.BAD_RESPONSE, "cursor gone", null);
        }
    }

    private JsonNode call(Request request) throws SyncException {
        try (Response response = http.newCall(request).execute()) {
            Date date = response.headers().getDate("Date");
            if (date != null) {
                clockTrust.observe(date.toInstant());
            }
            int code = response.code();
            if (code == 410) {
                throw new CursorGone();
            }
            if (code == 401 || code == 403) {
                throw new SyncException(SyncException.Kind.UNAUTHORIZED,
                        "upstream refused this device's token (HTTP " + code + ")", null);
            }
            if (code >= 500) {
                throw new SyncException(SyncException.Kind.SERVER_ERROR, "upstream answered HTTP " + code, null);
            }
            ResponseBody body = response.body();
            byte[] bytes = body.bytes();
            if (code != 200) {
                throw new SyncException(SyncException.Kind.BAD_RESPONSE, "upstream answered HTTP " + code + ": "
                        + new String(bytes, 0, Math.min(bytes.length, 200), java.nio.charset.StandardCharsets.UTF_8), null);
            }
            try {
                JsonNode node = json.readTree(bytes);
                if (node == null || !node.isObject()) {
                    throw new SyncException(SyncException.Kind.BAD_RESPONSE, "answer is not a JSON object", null);
                }
                JsonNode now = node.get("now");
                if (now != null && now.isTextual()) {
                    // The upstream's own clock (the one its decisions use), finer than its HTTP Date header.
                    try {
                        clockTrust.observe(java.time.Instant.parse(now.asText()));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new SyncException(SyncException.Kind.BAD_RESPONSE, "answer's 'now' is not an instant", e);
                    }
                }
                return node;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SyncException(SyncException.Kind.BAD_RESPONSE, "answer is not valid JSON", e);
            }
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.UNREACHABLE, "upstream unreachable: " + e.getMessage(), e);
        }
    }

    /** Options of a sync client; base URL, branch, token and queue are required. */
    public static final class Builder {
        private OkHttpClient http;
        private HttpUrl baseUrl;
        private String branchId;
        private String token;
        private LocalQueue queue;
        private boolean relay;
        private int batchSize = 500;
        private Clock clock;
        private ClockTrust clockTrust;

        private Builder() {
        }

        public Builder baseUrl(String url) {
            this.baseUrl = HttpUrl.get(url);
            return this;
        }

        public Builder branchId(String branchId) {
            this.branchId = branchId;
            return this;
        }

        /** The device's bearer token. Never logged. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder queue(LocalQueue queue) {
            this.queue = queue;
            return this;
        }

        /** A hub relays every event it holds that did not come from upstream, not only its own. */
        public Builder relay(boolean relay) {
            this.relay = relay;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > SyncServer.MAX_EVENTS_PER_PUSH) {
                throw new IllegalArgumentException("batch size is 1.." + SyncServer.MAX_EVENTS_PER_PUSH);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder httpClient(OkHttpClient http) {
            this.http = http;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder clockTrust(ClockTrust clockTrust) {
            this.clockTrust = clockTrust;
            return this;
        }

        public SyncClient build() {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(branchId, "branchId");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(queue, "queue");
            if (clock == null) {
                clock = Clock.system(BranchTime.ZONE);
            }
            if (clockTrust == null) {
                clockTrust = new ClockTrust(clock, Duration.ofMinutes(2));
            }
            if (http == null) {
                http = new OkHttpClient.Builder()
                        .connectTimeout(Duration.ofSeconds(3))
                        .readTimeout(Duration.ofSeconds(10))
                        .callTimeout(Duration.ofSeconds(30))
                        .retryOnConnectionFailure(false)
                        .build();
            }
            return new SyncClient(this);
        }
    }
}
