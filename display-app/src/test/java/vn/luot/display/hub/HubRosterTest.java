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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.EnrolledDevices;
import vn.luot.core.domain.DemoBranch;
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
import vn.luot.server.operator.Operators;

/**
 * The centre knows the kiosks a supervisor enrolled at the hub, and an operator revokes one from the centre: a real
 * central server and a real hub on loopback, the kiosk enrolled at the hub with a one-time code.
 */
class HubRosterTest {

    private static final String HUB_TOKEN = "roster-hub-token";
    private static final String OTHER_HUB_TOKEN = "roster-hub-of-another-branch";
    private static final String OPERATOR = "roster-operator-token";
    private static final String CENTRE_KIOSK_TOKEN = "roster-centre-kiosk";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private BookingServer centre;
    private LocalQueue hubQueue;
    private EnrolledDevices hubDevices;
    private AuditLog hubAudit;
    private BranchHub hub;

    @BeforeEach
    void start() throws Exception {
        centre = BookingServer.builder().config(ServerConfig.demo()).database(dir.resolve("server/server.db"))
                .clock(clock).codes(new SignedCodes(3, SigningKeys.generate(), KeySet.empty()))
                .bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO)
                .extraTokens(DeviceTokens.none()
                        .withToken(HUB_TOKEN, new DeviceIdentity("hub", DemoBranch.ID, DeviceIdentity.Role.HUB))
                        .withToken(OTHER_HUB_TOKEN, new DeviceIdentity("hub", "other-branch", DeviceIdentity.Role.HUB))
                        .withToken(CENTRE_KIOSK_TOKEN, new DeviceIdentity("kiosk-1", DemoBranch.ID,
                                DeviceIdentity.Role.KIOSK)))
                .extraOperators(Operators.none().withToken("lan.nguyen", OPERATOR))
                .build().start();
        hubQueue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        hubDevices = EnrolledDevices.open(dir.resolve("devices.db"), clock, DeviceTokens.none());
        hubAudit = AuditLog.open(dir.resolve("audit.db"), clock);
        hub = BranchHub.builder(hubQueue, clock).bind("127.0.0.1", 0).devices(hubDevices, hubAudit)
                .upstream(centre.url(), HUB_TOKEN, Duration.ofHours(1), null).build().start();
    }

    @AfterEach
    void stop() {
        hub.close();
        hubQueue.close();
        hubDevices.close();
        hubAudit.close();
        centre.close();
    }

    @Test
    void anOperatorSeesAKioskEnrolledAtTheHubAndRevokesItFromTheCentre() throws Exception {
        String kioskToken = enrolAtTheHub("kiosk-3", new NumberBlock(900, 999));
        assertThat(snapshot(hub.url(), kioskToken)).isEqualTo(200);
        assertThat(hub.reportDevicesNow()).isEmpty();

        JsonNode listed = call("GET", centre.url() + "/v1/operator/devices?branch=" + DemoBranch.ID, OPERATOR, null);
        JsonNode kiosk3 = row(listed, "kiosk-3");
        assertThat(kiosk3.path("reported_by").asText()).isEqualTo("hub");
        assertThat(kiosk3.path("role").asText()).isEqualTo("KIOSK");
        assertThat(kiosk3.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(listed.toString()).doesNotContain(kioskToken);

        HttpResponse<String> revoke = send("POST", centre.url() + "/v1/operator/devices/" + DemoBranch.ID
                + "/kiosk-3/revoke", OPERATOR, "{}");
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(202);
        assertThat(json.readTree(revoke.body()).path("pending").asBoolean()).isTrue();
        assertThat(row(call("GET", centre.url() + "/v1/operator/devices", OPERATOR, null), "kiosk-3")
                .path("revocation_pending").asBoolean()).isTrue();

        // Until the hub applies it, the centre refuses what the hub relays for that kiosk.
        JsonNode relayed = push(centre.url(), HUB_TOKEN, "kiosk-3", 1, "TICKET_ISSUED",
                "{\"ticket\":\"2026-11-23/KD/900\",\"purpose\":\"SUBMIT\",\"slot\":\"09:00-09:30\",\"priority\":false}");
        assertThat(relayed.path("status").asText()).isEqualTo("rejected");
        assertThat(relayed.path("code").asText()).isEqualTo("REVOKED");

        assertThat(hub.reportDevicesNow()).containsExactly("kiosk-3");
        assertThat(snapshot(hub.url(), kioskToken)).as("refused at the hub now").isEqualTo(401);
        assertThat(hubAudit.latest(1).get(0)).satisfies(e -> {
            assertThat(e.actor()).isEqualTo("centre");
            assertThat(e.action()).isEqualTo("device.revoke");
            assertThat(e.detail()).isEqualTo("kiosk-3");
        });
        assertThat(hub.reportDevicesNow()).as("done: nothing more to revoke").isEmpty();
        JsonNode after = row(call("GET", centre.url() + "/v1/operator/devices", OPERATOR, null), "kiosk-3");
        assertThat(after.path("state").asText()).isEqualTo("REVOKED");
        assertThat(after.path("revocation_pending").asBoolean()).isFalse();
    }

    @Test
    void theCentreJudgesARelayedEventByTheRoleTheHubReportedForItsDevice() throws Exception {
        enrolAtTheHub("kiosk-3", new NumberBlock(900, 999));
        hub.reportDevicesNow();
        JsonNode call = push(centre.url(), HUB_TOKEN, "kiosk-3", 1, "CALLED",
                "{\"ticket\":\"2026-11-23/XD/1\",\"counter\":5}");
        assertThat(call.path("code").asText()).as("a kiosk may not call").isEqualTo("ROLE");
        JsonNode outside = push(centre.url(), HUB_TOKEN, "kiosk-3", 2, "TICKET_ISSUED",
                "{\"ticket\":\"2026-11-23/KD/700\",\"purpose\":\"SUBMIT\",\"slot\":\"09:00-09:30\",\"priority\":false}");
        assertThat(outside.path("code").asText()).as("its block is 900-999").isEqualTo("NUMBER_OUTSIDE_BLOCK");
    }

    @Test
    void onlyAHubReportsAndOnlyForItsOwnBranchAndANonsenseReportStoresNothing() throws Exception {
        String roster = centre.url() + "/v1/devices/roster";
        String fake = "{\"devices\":[{\"device\":\"kiosk-9\",\"role\":\"KIOSK\",\"source\":\"enrolled\","
                + "\"fingerprint\":\"0123abcd\",\"state\":\"ACTIVE\"}]}";
        assertThat(send("POST", roster, CENTRE_KIOSK_TOKEN, fake).statusCode()).as("a kiosk token").isEqualTo(403);
        assertThat(send("POST", roster, null, fake).statusCode()).isEqualTo(401);
        for (String bad : new String[] {"{\"devices\":[{\"device\":\"<b>x</b>\",\"role\":\"KIOSK\",\"source\":\"enrolled\","
                + "\"fingerprint\":\"0123abcd\",\"state\":\"ACTIVE\"}]}", "{\"devices\":{}}", "{\"devices\":[{\"device\":"
                + "\"kiosk-9\",\"role\":\"ROOT\",\"source\":\"enrolled\",\"fingerprint\":\"0123abcd\",\"state\":\"ACTIVE\"}]}",
                "{\"devices\":[{\"device\":\"kiosk-9\",\"role\":\"KIOSK\",\"source\":\"enrolled\",\"fingerprint\":\"x\","
                        + "\"state\":\"ACTIVE\"}]}"}) {
            assertThat(send("POST", roster, HUB_TOKEN, bad).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(call("GET", centre.url() + "/v1/operator/devices", OPERATOR, null).toString()).doesNotContain("kiosk-9");

        // The other branch's hub speaks for its own branch only, whatever it names.
        assertThat(send("POST", roster, OTHER_HUB_TOKEN, fake).statusCode()).isEqualTo(200);
        assertThat(call("GET", centre.url() + "/v1/operator/devices?branch=" + DemoBranch.ID, OPERATOR, null).toString())
                .doesNotContain("kiosk-9");
        assertThat(row(call("GET", centre.url() + "/v1/operator/devices?branch=other-branch", OPERATOR, null), "kiosk-9")
                .path("reported_by").asText()).isEqualTo("hub");
    }

    @Test
    void aRevocationOrderForADeviceTheHubLacksRevokesNothingThere() throws Exception {
        String kioskToken = enrolAtTheHub("kiosk-3", null);
        hub.reportDevicesNow();
        send("POST", centre.url() + "/v1/operator/devices/" + DemoBranch.ID + "/kiosk-3/revoke", OPERATOR, "{}");
        assertThat(send("POST", centre.url() + "/v1/operator/devices/" + DemoBranch.ID + "/kiosk-77/revoke", OPERATOR,
                "{}").statusCode()).as("never reported").isEqualTo(404);
        assertThat(hub.reportDevicesNow()).containsExactly("kiosk-3");
        assertThat(snapshot(hub.url(), kioskToken)).isEqualTo(401);
    }

    // ---- steps ---------------------------------------------------------------------------------------

    private String enrolAtTheHub(String device, NumberBlock block) throws Exception {
        DeviceIdentity id = new DeviceIdentity(device, DemoBranch.ID, DeviceIdentity.Role.KIOSK);
        String code = hubDevices.issueCode(block == null ? id : id.withWalkInBlock(block), "supervisor").code();
        return call("POST", hub.url() + "/v1/devices/enrol", null, "{\"code\":\"" + code + "\"}").path("token").asText();
    }

    private int snapshot(String base, String token) throws Exception {
        HttpResponse<String> r = send("GET", base + "/v1/branches/" + DemoBranch.ID + "/snapshot?date=2026-11-23", token,
                null);
        return r.statusCode() == 200 || r.statusCode() == 401 ? r.statusCode() : -r.statusCode();
    }

    private JsonNode push(String base, String token, String device, long seq, String type, String body) throws Exception {
        String event = "{\"device\":\"" + device + "\",\"seq\":" + seq + ",\"hlc\":" + clock.millis()
                + ",\"hlcCounter\":0,\"time\":\"" + Instant.parse("2026-11-23T02:05:00Z") + "\",\"type\":\"" + type
                + "\",\"body\":" + body + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/branches/" + DemoBranch.ID
                        + "/events")).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", device + "-" + seq).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + event + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).path("results").get(0);
    }

    private static JsonNode row(JsonNode listed, String device) {
        for (JsonNode row : listed.path("devices")) {
            if (row.path("device").asText().equals(device) && row.has("reported_by")) {
                return row;
            }
        }
        throw new AssertionError("no reported " + device + " in " + listed);
    }

    private JsonNode call(String method, String url, String token, String body) throws Exception {
        HttpResponse<String> r = send(method, url, token, body);
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isBetween(200, 299);
        return json.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
