package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Conflict;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventCodec;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.queue.QueueState;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.testing.Fixtures;
import vn.luot.core.testing.MutableClock;

class SyncProtocolTest {

    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new EventCodec().mapper();
    private final EventCodec codec = new EventCodec();
    private final List<AutoCloseable> open = new ArrayList<>();
    private SyncTestServer central;

    @BeforeEach
    void startCentral() throws IOException {
        central = new SyncTestServer(dir.resolve("central.db"), "central", clock);
        open.add(central);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private LocalQueue device(String id, NumberBlock block) {
        LocalQueue q = LocalQueue.builder().file(dir.resolve(id + ".db")).deviceId(id).branch(DemoBranch.create())
                .clock(clock).walkInBlock(block).open();
        open.add(q);
        return q;
    }

    private SyncClient client(LocalQueue queue, String url, String token, boolean relay) {
        return SyncClient.builder().baseUrl(url).branchId(DemoBranch.ID).token(token).queue(queue).relay(relay)
                .clock(clock).batchSize(50).build();
    }

    @Test
    void aKioskCheckInReachesTheServerAndAnotherDevicePullsIt() throws Exception {
        Booking b = Fixtures.booking("HT", 12, "09:00-09:30", false);
        central.queue.receive(Fixtures.recorded(List.of(b)));
        LocalQueue kiosk = device("kiosk-1", new NumberBlock(500, 599));
        LocalQueue display = device("hub", new NumberBlock(600, 699));
        SyncClient kioskSync = client(kiosk, central.url(), SyncTestServer.KIOSK_TOKEN, false);
        SyncClient displaySync = client(display, central.url(), SyncTestServer.HUB_TOKEN, false);

        SyncClient.PullResult first = kioskSync.pull();
        assertThat(first.snapshot()).isTrue();
        assertThat(kiosk.ticket(b.ticketId())).map(Ticket::status).contains(TicketStatus.BOOKED);

        kiosk.checkIn(b);
        kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        SyncClient.PushResult pushed = kioskSync.push();
        assertThat(pushed.applied()).isEqualTo(kiosk.eventCount() - 1);
        assertThat(kioskSync.outboxDepth()).isZero();
        assertThat(kioskSync.push().sent()).as("an acknowledged outbox is not sent again").isZero();

        displaySync.pull();
        assertThat(display.waiting("HT")).extracting(Ticket::label).containsExactly("HT-012", "HT-500");
        assertThat(central.queue.waiting("HT")).extracting(Ticket::label).containsExactly("HT-012", "HT-500");
        assertThat(displaySync.clockTrust().trusted())
                .as("the answers' 'now' is the server's own (test) clock, not the HTTP server's system time").isTrue();
    }

    @Test
    void resendingBatchesInAnyOrderLeavesTheServerAsOneDeliveryWould() throws Exception {
        LocalQueue kiosk = device("kiosk-1", new NumberBlock(500, 599));
        for (int i = 0; i < 20; i++) {
            kiosk.issueWalkIn(i % 2 == 0 ? "HT" : "CT", Purpose.SUBMIT, false, null);
        }
        List<Event> events = kiosk.read(s -> s.loadEvents()).stream()
                .sorted(java.util.Comparator.comparingLong(Event::seq)).toList();
        List<Event> a = events.subList(0, events.size() / 2);
        List<Event> b = events.subList(events.size() / 2, events.size());

        JsonNode answerB = post("kiosk-1", "batch-b", a.isEmpty() ? b : b, SyncTestServer.KIOSK_TOKEN);
        assertThat(answerB.path("acknowledged").path("kiosk-1").asLong()).as("a gap holds the watermark").isZero();
        JsonNode answerA = post("kiosk-1", "batch-a", a, SyncTestServer.KIOSK_TOKEN);
        assertThat(answerA.path("acknowledged").path("kiosk-1").asLong()).isEqualTo(events.size());
        assertThat(statuses(answerA)).containsOnly("applied");

        JsonNode againSameKey = post("kiosk-1", "batch-b", b, SyncTestServer.KIOSK_TOKEN);
        assertThat(againSameKey).as("the same key gets the first answer").isEqualTo(answerB);
        JsonNode againNewKey = post("kiosk-1", "batch-a-retry", a, SyncTestServer.KIOSK_TOKEN);
        assertThat(statuses(againNewKey)).containsOnly("duplicate");

        QueueState once = QueueState.fold(events);
        assertThat(central.queue.tickets()).containsExactlyInAnyOrderElementsOf(once.tickets());
        assertThat(central.queue.eventCount()).isEqualTo(events.size());
    }

    @Test
    void aCheckInAgainstABookingCancelledCentrallyIsRecordedAsAConflictAndStillServed() throws Exception {
        Booking b = Fixtures.booking("HT", 7, "09:00-09:30", false);
        central.queue.receive(Fixtures.recorded(List.of(b)));
        LocalQueue kiosk = device("kiosk-1", new NumberBlock(500, 599));
        SyncClient sync = client(kiosk, central.url(), SyncTestServer.KIOSK_TOKEN, false);
        sync.pull();
        // The kiosk is offline; meanwhile the citizen's booking is cancelled in the app.
        central.queue.receive(List.of(Fixtures.central(50, new QueueEvent.BookingCancelled(b.ticketId(), true))));
        clock.advance(java.time.Duration.ofSeconds(1));
        kiosk.checkIn(b);

        SyncClient.PushResult result = sync.push();
        assertThat(result.conflicts()).isEqualTo(1);
        Ticket atCentral = central.queue.ticket(b.ticketId()).orElseThrow();
        assertThat(atCentral.status()).isEqualTo(TicketStatus.CHECKED_IN);
        assertThat(atCentral.conflict()).isEqualTo(Conflict.CHECKED_IN_AFTER_CANCEL);
    }

    @Test
    void pullingInPagesStoresEachPageWithItsCursor() throws Exception {
        List<Booking> bookings = new ArrayList<>();
        for (int n = 1; n <= 120; n++) {
            bookings.add(Fixtures.booking("DD", n, "10:00-10:30", false));
        }
        LocalQueue display = device("hub", NumberBlock.DEFAULT);
        SyncClient sync = client(display, central.url(), SyncTestServer.HUB_TOKEN, false);
        sync.pull();
        central.queue.receive(Fixtures.recorded(bookings));
        SyncClient.PullResult paged = sync.pull();
        assertThat(paged.pages()).isEqualTo(3);
        assertThat(paged.fresh()).isEqualTo(120);
        assertThat(display.tickets()).hasSize(120);
        assertThat(sync.pull().fresh()).isZero();
    }

    @Test
    void aCursorFromAnotherLogIsGoneAndTheClientTakesASnapshot() throws Exception {
        central.queue.receive(Fixtures.recorded(List.of(Fixtures.booking("HT", 1, "09:00-09:30", false))));
        LocalQueue display = device("hub", NumberBlock.DEFAULT);
        display.write(tx -> {
            tx.putCursor(SyncClient.PULL_CURSOR, "deadbeef:12");
            return null;
        });
        SyncClient.PullResult result = client(display, central.url(), SyncTestServer.HUB_TOKEN, false).pull();
        assertThat(result.snapshot()).isTrue();
        assertThat(display.tickets()).hasSize(1);

        try (Response r = get("/changes?since=deadbeef:12", SyncTestServer.HUB_TOKEN)) {
            assertThat(r.code()).isEqualTo(410);
        }
    }

    @Test
    void anUnchangedSnapshotAnswers304() throws Exception {
        String tag;
        try (Response r = get("/snapshot?date=2026-11-23", SyncTestServer.HUB_TOKEN)) {
            assertThat(r.code()).isEqualTo(200);
            tag = r.header("ETag");
        }
        Request again = new Request.Builder().url(central.url() + "/v1/branches/" + DemoBranch.ID
                + "/snapshot?date=2026-11-23").header("Authorization", "Bearer " + SyncTestServer.HUB_TOKEN)
                .header("If-None-Match", tag).build();
        try (Response r = http.newCall(again).execute()) {
            assertThat(r.code()).isEqualTo(304);
        }
    }

    @Test
    void devicesAreAuthenticatedAndConfinedToTheirBranchAndTheirOwnEvents() throws Exception {
        try (Response r = get("/changes?since=x:0", null)) {
            assertThat(r.code()).isEqualTo(401);
        }
        try (Response r = get("/changes?since=x:0", "not-a-token")) {
            assertThat(r.code()).isEqualTo(401);
        }
        try (Response r = get("/changes?since=x:0", SyncTestServer.OTHER_BRANCH_TOKEN)) {
            assertThat(r.code()).isEqualTo(403);
        }
        LocalQueue kiosk2 = device("kiosk-2", new NumberBlock(700, 799));
        kiosk2.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        JsonNode answer = post("kiosk-1", "forged", kiosk2.read(s -> s.loadEvents()), SyncTestServer.KIOSK_TOKEN);
        assertThat(statuses(answer)).containsOnly("rejected");
        assertThat(central.queue.tickets()).isEmpty();
    }

    @Test
    void malformedAndOversizeRequestsGetA4xxNeverA500() throws Exception {
        String base = "/v1/branches/" + DemoBranch.ID;
        assertThat(code("POST", base + "/events", "{not json", "k1")).isEqualTo(400);
        assertThat(code("POST", base + "/events", "[1,2,3]", "k2")).isEqualTo(400);
        assertThat(code("POST", base + "/events", "{\"events\": 5}", "k3")).isEqualTo(400);
        assertThat(code("POST", base + "/events", "{\"events\": []}", null)).isEqualTo(400);
        assertThat(code("POST", base + "/events", "x".repeat(2 << 20), "k4")).isEqualTo(413);
        assertThat(code("POST", base + "/events", "{\"events\": [{\"device\":\"kiosk-1\"}, 7, null]}", "k5"))
                .isEqualTo(200);
        assertThat(code("GET", base + "/events", null, null)).isEqualTo(405);
        assertThat(code("GET", base + "/snapshot?date=yesterday", null, null)).isEqualTo(400);
        assertThat(code("GET", base + "/changes?since=abc", null, null)).isEqualTo(400);
        assertThat(code("GET", base + "/changes?since=x:1&limit=lots", null, null)).isEqualTo(400);
        assertThat(code("GET", base + "/changes?since=x:1&limit=999999", null, null)).isEqualTo(400);
        assertThat(code("GET", "/v1/branches/nowhere/changes?since=x:1", null, null)).isEqualTo(404);
        JsonNode mixed = post("kiosk-1", "k6", List.of(), SyncTestServer.KIOSK_TOKEN);
        assertThat(mixed.path("results")).isEmpty();
    }

    @Test
    void theHubKeepsTheBranchWorkingWithTheWanDownAndRelaysWhenItReturns() throws Exception {
        Booking b = Fixtures.booking("HT", 3, "09:00-09:30", false);
        central.queue.receive(Fixtures.recorded(List.of(b)));
        MutableClock hubClock = clock;
        SyncTestServer hub = new SyncTestServer(dir.resolve("hub.db"), "hub", hubClock);
        open.add(hub);
        SyncClient hubUpstream = client(hub.queue, central.url(), SyncTestServer.HUB_TOKEN, true);
        hubUpstream.pull();

        LocalQueue kiosk = device("kiosk-1", new NumberBlock(500, 599));
        SyncClient kioskToHub = client(kiosk, hub.url(), SyncTestServer.KIOSK_TOKEN, false);
        kioskToHub.pull();
        assertThat(kiosk.ticket(b.ticketId())).isPresent();

        // WAN down: the hub cannot reach central, but the branch LAN works.
        SyncClient hubOffline = client(hub.queue, "http://127.0.0.1:9", SyncTestServer.HUB_TOKEN, true);
        kiosk.checkIn(b);
        kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        kioskToHub.push();
        assertThat(hub.queue.next(1).called()).map(Ticket::label).contains("HT-003");
        assertThatThrownBy(hubOffline::push).isInstanceOfSatisfying(SyncException.class,
                e -> assertThat(e.kind()).isEqualTo(SyncException.Kind.UNREACHABLE));
        kioskToHub.pull();
        assertThat(kiosk.ticket(b.ticketId())).map(Ticket::status).contains(TicketStatus.CALLED);

        // WAN back: the hub relays the kiosk's events and its own, and nothing comes back twice.
        SyncClient.PushResult relayed = hubUpstream.push();
        assertThat(relayed.rejected()).isZero();
        assertThat(central.queue.ticket(b.ticketId())).map(Ticket::status).contains(TicketStatus.CALLED);
        assertThat(central.queue.tickets()).hasSize(2);
        assertThat(hubUpstream.pull().fresh()).as("its own relayed events are not new to the hub").isZero();
        assertThat(hubUpstream.push().sent()).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------

    private JsonNode post(String device, String key, List<Event> events, String token) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(e -> array.add(codec.toJson(e)));
        Request request = new Request.Builder().url(central.url() + "/v1/branches/" + DemoBranch.ID + "/events")
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON)).build();
        try (Response r = http.newCall(request).execute()) {
            assertThat(r.code()).isEqualTo(200);
            return json.readTree(r.body().string());
        }
    }

    private Response get(String pathAndQuery, String token) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(central.url() + "/v1/branches/" + DemoBranch.ID + pathAndQuery);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.newCall(request.build()).execute();
    }

    private int code(String method, String path, String body, String key) throws IOException {
        Request.Builder request = new Request.Builder().url(central.url() + path)
                .header("Authorization", "Bearer " + SyncTestServer.HUB_TOKEN);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        request.method(method, body == null ? null : RequestBody.create(body, JSON));
        try (Response r = http.newCall(request.build()).execute()) {
            return r.code();
        }
    }

    private static List<String> statuses(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("results").forEach(r -> out.add(r.path("status").asText()));
        return out;
    }
}
