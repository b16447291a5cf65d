package vn.luot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
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
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.testing.MutableClock;
import vn.luot.server.operator.Operators;

/** The centre's operator API over real HTTP on loopback: enrol a hub, list it, revoke it, read the audit log. */
class OperatorApiTest {

    private static final String OPERATOR = "operator-lan-token";
    private static final String KIOSK_TOKEN = "kiosk-1-token";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T07:30:00");
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private BookingServer server;

    @BeforeEach
    void start() {
        server = BookingServer.builder().config(ServerConfig.demo()).database(dir.resolve("server.db")).clock(clock)
                .codes(TestServer.PLAIN_CODES).bindAddress("127.0.0.1").port(0)
                .housekeepingEvery(java.time.Duration.ZERO)
                .extraTokens(DeviceTokens.none().withToken(KIOSK_TOKEN,
                        new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK)))
                .extraOperators(Operators.none().withToken("lan.nguyen", OPERATOR))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOperatorEnrolsAHubListsItAndRevokesItAndEveryStepIsAudited() throws Exception {
        Answer code = call("POST", "/v1/operator/enrolment-codes", OPERATOR,
                "{\"branch\":\"" + DemoBranch.ID + "\",\"device\":\"hub-2\",\"role\":\"HUB\"}");
        assertEquals(201, code.status(), code.body().toString());
        Answer enrolled = call("POST", "/v1/devices/enrol", null,
                "{\"code\":\"" + code.body().get("code").asText() + "\"}");
        assertEquals(200, enrolled.status(), enrolled.body().toString());
        assertEquals("HUB", enrolled.body().get("role").asText());
        String hubToken = enrolled.body().get("token").asText();
        assertEquals(200, snapshot(hubToken));

        JsonNode listed = call("GET", "/v1/operator/devices?branch=" + DemoBranch.ID, OPERATOR, null).body();
        assertTrue(listed.toString().contains("\"device\":\"hub-2\""), listed.toString());
        assertTrue(listed.toString().contains("\"state\":\"ACTIVE\""), listed.toString());
        assertTrue(!listed.toString().contains(hubToken), "the list never shows a token");

        Answer revoked = call("POST", "/v1/operator/devices/" + DemoBranch.ID + "/hub-2/revoke", OPERATOR, "{}");
        assertEquals(200, revoked.status(), revoked.body().toString());
        assertEquals(401, snapshot(hubToken), "refused at once");
        assertEquals(401, call("POST", "/v1/branches/" + DemoBranch.ID + "/events", hubToken,
                "{\"events\":[]}").status());
        assertEquals(404, call("POST", "/v1/operator/devices/" + DemoBranch.ID + "/hub-2/revoke", OPERATOR, "{}")
                .status(), "nothing left to revoke");

        JsonNode audit = call("GET", "/v1/operator/audit", OPERATOR, null).body().get("entries");
        List<String> actions = new java.util.ArrayList<>();
        audit.forEach(e -> actions.add(e.get("action").asText() + " by " + e.get("actor").asText()
                + " from " + e.get("from").asText()));
        assertEquals(List.of("device.revoke by lan.nguyen from 127.0.0.1", "device.revoke by lan.nguyen from 127.0.0.1",
                "device.enrol by hub-2 from 127.0.0.1", "device.code by lan.nguyen from 127.0.0.1"), actions);
        assertEquals(clock.instant().toString(), audit.get(0).get("at").asText());
    }

    @Test
    void aConfigTokenIsRevokedFromTheOperatorApiLikeAnEnrolledOne() throws Exception {
        assertEquals(200, snapshot(KIOSK_TOKEN));
        assertEquals(200, call("POST", "/v1/operator/devices/" + DemoBranch.ID + "/kiosk-1/revoke", OPERATOR, "{}")
                .status());
        assertEquals(401, snapshot(KIOSK_TOKEN));
    }

    @Test
    void withoutAnOperatorTokenNothingIsIssuedListedRevokedOrRead() throws Exception {
        String body = "{\"branch\":\"" + DemoBranch.ID + "\",\"device\":\"kiosk-9\",\"role\":\"KIOSK\"}";
        for (String token : new String[] {null, KIOSK_TOKEN, "guess"}) {
            assertEquals(401, call("POST", "/v1/operator/enrolment-codes", token, body).status());
            assertEquals(401, call("GET", "/v1/operator/devices", token, null).status());
            assertEquals(401, call("POST", "/v1/operator/devices/" + DemoBranch.ID + "/kiosk-1/revoke", token, "{}")
                    .status());
            assertEquals(401, call("GET", "/v1/operator/audit", token, null).status());
        }
        assertEquals(200, snapshot(KIOSK_TOKEN), "the kiosk was not revoked");
        assertTrue(server.audit().latest(10).isEmpty());
    }

    @Test
    void aCodeIsOnlyIssuedForABranchOfTheCentreAPlainDeviceIdAndARole() throws Exception {
        assertEquals("UNKNOWN_BRANCH", call("POST", "/v1/operator/enrolment-codes", OPERATOR,
                "{\"branch\":\"nowhere\",\"device\":\"k\",\"role\":\"KIOSK\"}").body().get("error").asText());
        assertEquals("INVALID_DEVICE", call("POST", "/v1/operator/enrolment-codes", OPERATOR,
                "{\"branch\":\"" + DemoBranch.ID + "\",\"device\":\"central\",\"role\":\"HUB\"}").body().get("error").asText());
        assertEquals("INVALID_ROLE", call("POST", "/v1/operator/enrolment-codes", OPERATOR,
                "{\"branch\":\"" + DemoBranch.ID + "\",\"device\":\"k\",\"role\":\"CENTRAL\"}").body().get("error").asText());
    }

    private record Answer(int status, JsonNode body) {
    }

    private int snapshot(String token) throws Exception {
        return call("GET", "/v1/branches/" + DemoBranch.ID + "/snapshot?date=2026-11-23", token, null).status();
    }

    private Answer call(String method, String path, String token, String body) throws Exception {
        Request.Builder r = new Request.Builder().url(server.url() + path)
                .method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        try (Response response = http.newCall(r.build()).execute()) {
            String text = response.body().string();
            return new Answer(response.code(), text.isEmpty() ? json.createObjectNode() : json.readTree(text));
        }
    }
}
