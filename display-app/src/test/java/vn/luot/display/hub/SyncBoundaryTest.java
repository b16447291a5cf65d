package vn.luot.display.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.event.EventType;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.server.BookingServer;
import vn.luot.server.ServerConfig;
import vn.luot.server.SignedCodes;

/**
 * The sync boundary on the real programs: the display's {@link BranchHub} and the reference central server,
 * both on loopback over real SQLite files, pushed to as a stolen kiosk token would push. A kiosk may check in,
 * issue walk-ins from its block, reactivate and print; nothing else it sends is applied, at the hub or the centre.
 */
class SyncBoundaryTest {

    private static final String KIOSK_TOKEN = "demo-kiosk-1";
    private static final String HUB_TOKEN = "boundary-hub-token";
    private static final String DISPLAY_TOKEN = "boundary-display-token";
    private static final String OTHER_KIOSK_TOKEN = "boundary-kiosk-2";
    private static final DeviceIdentity KIOSK =
            new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK, new NumberBlock(500, 699));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private BookingServer centre;
    private LocalQueue hubQueue;
    private BranchHub hub;

    @BeforeEach
    void start() throws Exception {
        DeviceTokens devices = DeviceTokens.none().withToken(KIOSK_TOKEN, KIOSK)
                .withToken(HUB_TOKEN, new DeviceIdentity("hub", DemoBranch.ID, DeviceIdentity.Role.HUB));
        centre = BookingServer.builder().config(ServerConfig.demo()).database(dir.resolve("server/server.db"))
                .clock(clock).codes(new SignedCodes(3, SigningKeys.generate(), KeySet.empty()))
                .bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO).extraTokens(devices)
                .build().start();
        hubQueue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        hub = BranchHub.builder(hubQueue, clock).bind("127.0.0.1", 0)
                .kioskTokens(DeviceTokens.none().withToken(KIOSK_TOKEN, KIOSK)
                        .withToken(DISPLAY_TOKEN, new DeviceIdentity("display-2", DemoBranch.ID, DeviceIdentity.Role.DISPLAY))
                        .withToken(OTHER_KIOSK_TOKEN, new DeviceIdentity("kiosk-2", DemoBranch.ID, DeviceIdentity.Role.KIOSK,
                                new NumberBlock(700, 899)))).build().start();
    }

    @AfterEach
    void stop() {
        hub.close();
        hubQueue.close();
        centre.close();
    }

    private JsonNode push(String baseUrl, String token, String key, String events) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/branches/" + DemoBranch.ID
                        + "/events")).header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + events + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private int status(String baseUrl, String token, String key, String events) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/branches/" + DemoBranch.ID + "/events"))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + events + "]}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String event(String device, long seq, String type, String body) {
        return event(device, seq, Long.toString(clock.millis()), "0", type, body);
    }

    private static String event(String device, long seq, String hlc, String hlcCounter, String type, String body) {
        return "{\"device\":\"" + device + "\",\"seq\":" + seq + ",\"hlc\":" + hlc + ",\"hlcCounter\":" + hlcCounter
                + ",\"time\":\"" + Instant.parse("2026-11-23T02:05:00Z") + "\",\"type\":\"" + type + "\",\"body\":"
                + body + "}";
    }

    private long events(LocalQueue queue, EventType type) {
        return queue.read(s -> s.loadEvents()).stream().filter(e -> e.type() == type).count();
    }

    @Test
    void aKioskAsksForHelpAsItselfAndNoDisplayHubOrOtherKioskCanForgeItsRequest() throws Exception {
        JsonNode own = push(hub.url(), KIOSK_TOKEN, "help-1", event("kiosk-1", 1, "HELP_REQUESTED", "{}"));
        assertThat(own.path("results").get(0).path("status").asText()).isEqualTo("applied");

        JsonNode asKiosk1 = push(hub.url(), OTHER_KIOSK_TOKEN, "help-2", String.join(",",
                event("kiosk-1", 2, "HELP_REQUESTED", "{}"), event("kiosk-2", 1, "HELP_REQUESTED", "{}")));
        assertThat(asKiosk1.path("results").get(0).path("code").asText()).as("another kiosk's name").isEqualTo("NOT_YOURS");
        assertThat(asKiosk1.path("results").get(1).path("status").asText()).as("its own request").isEqualTo("applied");
        JsonNode fromDisplay = push(hub.url(), DISPLAY_TOKEN, "help-3", String.join(",",
                event("kiosk-1", 3, "HELP_REQUESTED", "{}"), event("display-2", 1, "HELP_REQUESTED", "{}")));
        assertThat(fromDisplay.path("results").get(0).path("code").asText()).isEqualTo("NOT_YOURS");
        assertThat(fromDisplay.path("results").get(1).path("code").asText()).as("a display may not ask").isEqualTo("ROLE");
        JsonNode fromHub = push(centre.url(), HUB_TOKEN, "help-4", event("hub", 1, "HELP_REQUESTED", "{}"));
        assertThat(fromHub.path("results").get(0).path("code").asText()).as("nor may a hub, as itself").isEqualTo("ROLE");
        JsonNode relayed = push(centre.url(), HUB_TOKEN, "help-5", event("kiosk-1", 1, "HELP_REQUESTED", "{}"));
        assertThat(relayed.path("results").get(0).path("status").asText()).as("the hub relays its kiosk's request")
                .isEqualTo("applied");

        assertThat(hubQueue.helpRequestsSince(clock.instant().minus(Duration.ofHours(1))))
                .extracting(vn.luot.core.queue.HelpRequest::deviceId).containsExactlyInAnyOrder("kiosk-1", "kiosk-2");
        assertThat(push(hub.url(), KIOSK_TOKEN, "help-1-again", event("kiosk-1", 1, "HELP_REQUESTED", "{}"))
                .path("results").get(0).path("status").asText()).as("a repeated push is a duplicate")
                .isEqualTo("duplicate");
    }

    @Test
    void aKioskTokenCannotCallATicketAtTheHubNorAtTheCentre() throws Exception {
        String called = event("kiosk-1", 1, "CALLED", "{\"ticket\":\"2026-11-23/XD/1\",\"counter\":5}");
        for (String url : List.of(hub.url(), centre.url())) {
            JsonNode result = push(url, KIOSK_TOKEN, "repro-1", called).path("results").get(0);
            assertThat(result.path("status").asText()).as(url).isEqualTo("rejected");
            assertThat(result.path("code").asText()).isEqualTo("ROLE");
            assertThat(result.path("reason").asText()).contains("kiosk may not send CALLED");
        }
        assertThat(events(hubQueue, EventType.CALLED)).isZero();
        assertThat(hub.syncRefusals().rejected()).isEqualTo(1);
        assertThat(hub.syncRefusalsJson().path("latest").get(0).path("code").asText()).isEqualTo("ROLE");
        assertThat(centre.syncRefusals(DemoBranch.ID).rejected()).isEqualTo(1);
    }

    @Test
    void everyDecisionThatIsNotAKiosksIsRefusedFromAKioskToken() throws Exception {
        String ticket = "\"ticket\":\"2026-11-23/HT/3\"";
        List<String> forged = List.of(
                event("kiosk-1", 1, "SERVED", "{" + ticket + ",\"counter\":1}"),
                event("kiosk-1", 2, "COUNTER_PAUSED", "{\"counter\":1}"),
                event("kiosk-1", 3, "BOOKING_CANCELLED", "{" + ticket + ",\"forfeited\":true}"),
                event("kiosk-1", 4, "NO_SHOW", "{" + ticket + "}"),
                event("kiosk-1", 5, "MOVED", "{" + ticket + ",\"from\":\"09:00-09:30\",\"to\":\"13:00-13:30\"}"),
                event("kiosk-1", 6, "RATED", "{" + ticket + ",\"counter\":1,\"rating\":\"DISSATISFIED\"}"),
                event("kiosk-1", 7, "BOOKING_RECORDED", "{" + ticket + ",\"bookingId\":\"x\",\"purpose\":\"SUBMIT\","
                        + "\"slot\":\"09:00-09:30\",\"priority\":true}"));
        for (String url : List.of(hub.url(), centre.url())) {
            JsonNode results = push(url, KIOSK_TOKEN, "forged", String.join(",", forged)).path("results");
            assertThat(results).hasSize(forged.size())
                    .allSatisfy(r -> assertThat(r.path("status").asText()).as(url + " " + r).isEqualTo("rejected"));
        }
        assertThat(hubQueue.eventCount()).isZero();
        assertThat(hub.syncRefusals().rejected()).isEqualTo(forged.size());
        assertThat(centre.syncRefusals(DemoBranch.ID).rejected()).isEqualTo(forged.size());
    }

    @Test
    void aHubCannotRelayAKiosksCallToTheCentreNorCallAtACounterTheBranchLacks() throws Exception {
        JsonNode results = push(centre.url(), HUB_TOKEN, "relay-1", String.join(",",
                event("kiosk-1", 1, "CALLED", "{\"ticket\":\"2026-11-23/XD/1\",\"counter\":5}"),
                event("hub", 1, "CALLED", "{\"ticket\":\"2026-11-23/XD/1\",\"counter\":99}"),
                event("hub", 2, "CALLED", "{\"ticket\":\"2026-11-23/ZZ/1\",\"counter\":5}"),
                event("hub", 3, "CALLED", "{\"ticket\":\"2026-11-23/XD/1\",\"counter\":5}"))).path("results");
        assertThat(results.get(0).path("code").asText()).isEqualTo("ROLE");
        assertThat(results.get(1).path("code").asText()).isEqualTo("UNKNOWN_COUNTER");
        assertThat(results.get(2).path("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(results.get(3).path("status").asText()).as("the hub's own call is fine").isEqualTo("applied");
    }

    @Test
    void aWalkInNumberOutsideTheKiosksBlockIsRefused() throws Exception {
        JsonNode results = push(hub.url(), KIOSK_TOKEN, "walk-ins", String.join(",",
                event("kiosk-1", 1, "TICKET_ISSUED", "{\"ticket\":\"2026-11-23/KD/700\",\"purpose\":\"SUBMIT\","
                        + "\"slot\":\"09:00-09:30\",\"priority\":false}"),
                event("kiosk-1", 2, "TICKET_ISSUED", "{\"ticket\":\"2026-11-23/KD/3\",\"purpose\":\"SUBMIT\","
                        + "\"slot\":\"09:00-09:30\",\"priority\":true}"),
                event("kiosk-1", 3, "TICKET_ISSUED", "{\"ticket\":\"2026-11-23/KD/500\",\"purpose\":\"SUBMIT\","
                        + "\"slot\":\"08:00-08:30\",\"priority\":false}"),
                event("kiosk-1", 4, "TICKET_ISSUED", "{\"ticket\":\"2026-11-23/KD/501\",\"purpose\":\"SUBMIT\","
                        + "\"slot\":\"09:00-09:30\",\"priority\":false}"))).path("results");
        assertThat(results.get(0).path("code").asText()).isEqualTo("NUMBER_OUTSIDE_BLOCK");
        assertThat(results.get(1).path("code").asText()).isEqualTo("NUMBER_OUTSIDE_BLOCK");
        assertThat(results.get(2).path("code").asText()).as("an ended slot cannot be claimed").isEqualTo("SLOT_IN_THE_PAST");
        assertThat(results.get(3).path("status").asText()).isEqualTo("applied");
    }

    @Test
    void oneForgedClockNeitherBricksTheHubNorTheCentre() throws Exception {
        String walkIn = "{\"ticket\":\"2026-11-23/HT/%d\",\"purpose\":\"SUBMIT\",\"slot\":\"09:00-09:30\",\"priority\":false}";
        for (String url : List.of(hub.url(), centre.url())) {
            JsonNode results = push(url, KIOSK_TOKEN, "clocks", String.join(",",
                    event("kiosk-1", 1, Long.toString(Long.MAX_VALUE), Integer.toString(Integer.MAX_VALUE),
                            "TICKET_ISSUED", walkIn.formatted(600)),
                    event("kiosk-1", 2, "\"abc\"", "0", "TICKET_ISSUED", walkIn.formatted(601)),
                    event("kiosk-1", 3, "1e300", "0", "TICKET_ISSUED", walkIn.formatted(602)),
                    event("kiosk-1", 4, Long.toString(clock.millis() + Duration.ofHours(1).toMillis()), "0",
                            "TICKET_ISSUED", walkIn.formatted(603)),
                    event("kiosk-1", 5, "1", "0", "TICKET_ISSUED", walkIn.formatted(604)))).path("results");
            assertThat(results.get(0).path("code").asText()).as(url).isEqualTo("CLOCK_AHEAD");
            assertThat(results.get(1).path("code").asText()).isEqualTo("MALFORMED");
            assertThat(results.get(2).path("code").asText()).isEqualTo("MALFORMED");
            assertThat(results.get(3).path("code").asText()).isEqualTo("CLOCK_AHEAD");
            assertThat(results.get(4).path("code").asText()).as("a timestamp from 1970 buys no place")
                    .isEqualTo("BEFORE_DAY");
        }
        // The hub still calls, and stamps its own call in the present.
        JsonNode ok = push(hub.url(), KIOSK_TOKEN, "clocks-ok", event("kiosk-1", 6, "TICKET_ISSUED", walkIn.formatted(605)));
        assertThat(ok.path("results").get(0).path("status").asText()).isEqualTo("applied");
        assertThat(hubQueue.next(1).called()).isPresent();
        assertThat(hubQueue.read(s -> s.lastHlc()).wallMillis()).isLessThanOrEqualTo(clock.millis());
    }

    @Test
    void anIdempotencyKeyReusedForAnotherBodyIsAConflict() throws Exception {
        String a = event("kiosk-1", 1, "TICKET_ISSUED", "{\"ticket\":\"2026-11-23/HT/500\",\"purpose\":\"SUBMIT\","
                + "\"slot\":\"09:00-09:30\",\"priority\":false}");
        String b = event("kiosk-1", 2, "TICKET_ISSUED", "{\"ticket\":\"2026-11-23/HT/501\",\"purpose\":\"SUBMIT\","
                + "\"slot\":\"09:00-09:30\",\"priority\":false}");
        assertThat(status(hub.url(), KIOSK_TOKEN, "same-key", a)).isEqualTo(200);
        assertThat(status(hub.url(), KIOSK_TOKEN, "same-key", a)).as("a retry").isEqualTo(200);
        assertThat(status(hub.url(), KIOSK_TOKEN, "same-key", b)).isEqualTo(409);
        assertThat(events(hubQueue, EventType.TICKET_ISSUED)).isEqualTo(1);
    }
}
