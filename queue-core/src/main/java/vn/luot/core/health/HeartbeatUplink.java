package vn.luot.core.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Reports this device's heartbeat upstream on a schedule, and on a hub also relays the heartbeats its devices sent
 * it since the last accepted report, each with its age on this side's clock (a duration, so the centre needs no
 * clock of ours). A failed report is retried whole at the next tick: heartbeats are state, the next replaces it.
 * Runs on the executor given to {@link #start}; never throws from a tick.
 */
public final class HeartbeatUplink {

    private static final Logger LOG = Logger.getLogger(HeartbeatUplink.class.getName());
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String token;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<Heartbeat> own;
    private final LatestHeartbeats relayed;
    private Instant relayedUpTo;
    private int failures;

    /**
     * @param relayed what a hub relays, or null on a device that relays nothing
     * @param clock   the clock {@code relayed} dates heartbeats by
     */
    public HeartbeatUplink(OkHttpClient http, String baseUrl, String branchId, String token, ObjectMapper json,
                           Clock clock, Supplier<Heartbeat> own, LatestHeartbeats relayed) {
        this.http = Objects.requireNonNull(http, "http");
        this.url = HttpUrl.get(baseUrl).newBuilder().addPathSegments("v1/branches").addPathSegment(branchId)
                .addPathSegment("heartbeats").build();
        this.token = Objects.requireNonNull(token, "token");
        this.json = json;
        this.clock = clock;
        this.own = own;
        this.relayed = relayed;
    }

    public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration every) {
        return executor.scheduleWithFixedDelay(this::beat, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one report now; whether the upstream accepted it. */
    public synchronized boolean beat() {
        Instant now = clock.instant();
        try {
            ObjectNode body = json.createObjectNode();
            ArrayNode list = body.putArray("heartbeats");
            Heartbeat mine = own.get();
            list.add(HeartbeatJson.toJson(json, mine));
            if (relayed != null) {
                for (SeenHeartbeat s : relayed.madeAfter(relayedUpTo)) {
                    if (s.heartbeat().deviceId().equals(mine.deviceId()) || list.size() >= HeartbeatHttpHandler.MAX_PER_REQUEST) {
                        continue;
                    }
                    long age = Math.max(0, Duration.between(s.seenAt(), now).toMillis());
                    if (age <= HeartbeatHttpHandler.MAX_AGE.toMillis()) {
                        list.add(HeartbeatJson.toJson(json, s.heartbeat()).put("age_ms", age));
                    }
                }
            }
            Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                    .post(RequestBody.create(json.writeValueAsBytes(body), JSON)).build();
            try (Response response = http.newCall(request).execute()) {
                if (!response.isSuccessful()) {
                    fail("HTTP " + response.code());
                    return false;
                }
            }
            // a second of overlap: one recorded while this report was made goes next time (the centre drops a repeat)
            relayedUpTo = now.minusSeconds(1);
            failures = 0;
            return true;
        } catch (IOException | RuntimeException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
    }

    private void fail(String why) {
        failures++;
        if (failures == 1 || failures % 60 == 0) {
            int n = failures;
            LOG.warning(() -> "heartbeat to " + url + " failed (" + n + " in a row): " + why);
        }
    }
}
