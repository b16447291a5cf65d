package vn.luot.core.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.http.EdgeServer;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.JsonHttp;
import vn.luot.core.sync.SyncHttpHandler;
import vn.luot.core.sync.SyncServer;
import vn.luot.core.testing.MutableClock;

/** Enrolment, rotation and revocation over real HTTP on loopback, on a real queue and a real devices file. */
class DeviceEnrolmentTest {

    private static final String CONFIG_TOKEN = "kiosk-1-config-token";
    private static final DeviceTokens CONFIG = DeviceTokens.none()
            .withToken(CONFIG_TOKEN, new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK));
    private static final DeviceIdentity KIOSK_3 = new DeviceIdentity("kiosk-3", DemoBranch.ID,
            DeviceIdentity.Role.KIOSK, new NumberBlock(900, 999));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00");
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private LocalQueue queue;
    private EnrolledDevices devices;
    private EdgeServer http;
    private AuditLog audit;

    private void start(DeviceTokens config) throws IOException {
        queue = LocalQueue.builder().file(dir.resolve("queue.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        devices = EnrolledDevices.open(dir.resolve("devices.db"), clock, config);
        JsonHttp jsonHttp = new JsonHttp(queue.store().codec().mapper());
        SyncHttpHandler sync = new SyncHttpHandler(Map.of(DemoBranch.ID, new SyncServer(queue, clock, devices)),
                devices, jsonHttp);
        audit = AuditLog.open(dir.resolve("audit.db"), clock);
        EnrolmentHttpHandler enrolment = new EnrolmentHttpHandler(devices, jsonHttp, audit, clock);
        http = EdgeServer.bind("enrol-test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                new EdgeServer.Limits(16, 8, Duration.ofSeconds(10), 256), clock, exchange -> {
                    if (EnrolmentHttpHandler.serves(exchange.getRequestURI().getPath())) {
                        enrolment.handle(exchange);
                    } else {
                        sync.handle(exchange);
                    }
                }).start();
    }

    private void stop() {
        http.close();
        audit.close();
        devices.close();
        queue.close();
    }

    @AfterEach
    void close() {
        if (http != null) {
            stop();
        }
    }

    @Test
    void aCodeIsExchangedOnceForATokenThatSyncsAndTheCodeCannotBeUsedAgain() throws Exception {
        start(CONFIG);
        EnrolmentCode code = devices.issueCode(KIOSK_3, "supervisor");
        assertTrue(code.code().matches("[0-9A-Z]{5}-[0-9A-Z]{5}"), code.code());

        HttpResponse<String> first = enrol(code.code().toLowerCase());
        assertEquals(200, first.statusCode(), first.body());
        JsonNode answer = json.readTree(first.body());
        assertEquals("kiosk-3", answer.get("device").asText());
        assertEquals("KIOSK", answer.get("role").asText());
        assertEquals("900-999", answer.get("walk_in_numbers").asText());
        String token = answer.get("token").asText();
        assertEquals(200, snapshot(token).statusCode());
        assertEquals(new NumberBlock(900, 999), devices.authenticate("Bearer " + token).orElseThrow().walkInBlock());

        HttpResponse<String> again = enrol(code.code());
        assertEquals(403, again.statusCode());
        assertEquals("CODE_USED", json.readTree(again.body()).get("error").asText());
        assertEquals("UNKNOWN_CODE", json.readTree(enrol("AAAAA-AAAAA").body()).get("error").asText());
    }

    @Test
    void guessingCodesIsSlowedToAFewAMinuteAndEveryRefusalIsAudited() throws Exception {
        start(CONFIG);
        EnrolmentCode real = devices.issueCode(KIOSK_3, "supervisor");
        for (int i = 0; i < EnrolmentHttpHandler.ATTEMPTS_PER_ADDRESS; i++) {
            assertEquals(403, enrol(String.format("AAAAA-%05d", i)).statusCode());
        }
        HttpResponse<String> limited = enrol("BBBBB-BBBBB");
        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals("RATE_LIMITED", json.readTree(limited.body()).get("error").asText());
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals(429, enrol(real.code()).statusCode(), "while limited even a right code waits");

        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, enrol(real.code()).statusCode(), "a minute later the installer's code works");

        List<String> outcomes = audit.latest(20).stream().map(e -> e.actor() + " " + e.detail()).toList();
        assertEquals(EnrolmentHttpHandler.ATTEMPTS_PER_ADDRESS,
                outcomes.stream().filter(o -> o.equals("- UNKNOWN_CODE")).count(), outcomes.toString());
        assertEquals(2, outcomes.stream().filter(o -> o.equals("- RATE_LIMITED")).count(), outcomes.toString());
        assertTrue(outcomes.contains("kiosk-3 ENROLLED"), outcomes.toString());
        assertEquals(-1, audit.verify(), "the audit chain is whole");
    }

    @Test
    void aCodeExpiresAfterFifteenMinutes() throws Exception {
        start(CONFIG);
        EnrolmentCode code = devices.issueCode(KIOSK_3, "operator");
        clock.advance(EnrolledDevices.CODE_LIFETIME);
        HttpResponse<String> late = enrol(code.code());
        assertEquals(403, late.statusCode());
        assertEquals("CODE_EXPIRED", json.readTree(late.body()).get("error").asText());
        assertTrue(devices.list(DemoBranch.ID).stream().noneMatch(r -> r.device().deviceId().equals("kiosk-3")));
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceOnEveryEndpoint() throws Exception {
        start(CONFIG);
        String enrolled = json.readTree(enrol(devices.issueCode(KIOSK_3, "supervisor").code()).body())
                .get("token").asText();
        for (String token : List.of(enrolled, CONFIG_TOKEN)) {
            assertEquals(200, snapshot(token).statusCode());
        }
        assertEquals(1, devices.revoke(DemoBranch.ID, "kiosk-3", "supervisor"));
        assertEquals(1, devices.revoke(DemoBranch.ID, "kiosk-1", "supervisor"));
        for (String token : List.of(enrolled, CONFIG_TOKEN)) {
            assertEquals(401, snapshot(token).statusCode(), "snapshot");
            assertEquals(401, get("/v1/branches/" + DemoBranch.ID + "/changes", token).statusCode(), "changes");
            assertEquals(401, post("/v1/branches/" + DemoBranch.ID + "/events", token, "{\"events\":[]}").statusCode(),
                    "events");
            assertEquals(401, post(EnrolmentHttpHandler.ROTATE, token, "{}").statusCode(), "rotate");
        }
        assertTrue(devices.list(DemoBranch.ID).stream().allMatch(r -> r.state(clock.instant())
                == DeviceRecord.State.REVOKED));

        stop();
        start(CONFIG);
        assertEquals(401, snapshot(enrolled).statusCode(), "still revoked after a restart");
        assertEquals(401, snapshot(CONFIG_TOKEN).statusCode(), "a config token revoked stays revoked");
    }

    @Test
    void aRotatedTokenWorksOnlyForTheGracePeriodAndTheNewOneAfterIt() throws Exception {
        start(CONFIG);
        HttpResponse<String> rotated = post(EnrolmentHttpHandler.ROTATE, CONFIG_TOKEN, "{}");
        assertEquals(200, rotated.statusCode(), rotated.body());
        String fresh = json.readTree(rotated.body()).get("token").asText();
        assertEquals(200, snapshot(CONFIG_TOKEN).statusCode(), "the old token during the grace period");
        assertEquals(200, snapshot(fresh).statusCode());

        clock.advance(EnrolledDevices.ROTATION_GRACE);
        assertEquals(401, snapshot(CONFIG_TOKEN).statusCode(), "the old token after the grace period");
        assertEquals(401, post(EnrolmentHttpHandler.ROTATE, CONFIG_TOKEN, "{}").statusCode());
        assertEquals(200, snapshot(fresh).statusCode());
        assertEquals("kiosk-1", devices.authenticate("Bearer " + fresh).orElseThrow().deviceId());
    }

    @Test
    void enrollingADeviceAgainRevokesItsEarlierToken() throws Exception {
        start(CONFIG);
        DeviceIdentity kiosk1 = new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK);
        String token = json.readTree(enrol(devices.issueCode(kiosk1, "supervisor").code()).body()).get("token").asText();
        assertEquals(401, snapshot(CONFIG_TOKEN).statusCode(), "the replaced SD card's token");
        assertEquals(200, snapshot(token).statusCode());
    }

    @Test
    void aConfigTokenRemovedFromTheConfigStopsWorking() throws Exception {
        start(CONFIG);
        assertEquals(200, snapshot(CONFIG_TOKEN).statusCode());
        stop();
        start(DeviceTokens.none());
        assertEquals(401, snapshot(CONFIG_TOKEN).statusCode());
        assertTrue(devices.list(null).isEmpty());
    }

    @Test
    void theFileHoldsNeitherCodesNorTokens() throws Exception {
        start(CONFIG);
        EnrolmentCode code = devices.issueCode(KIOSK_3, "supervisor");
        String token = json.readTree(enrol(code.code()).body()).get("token").asText();
        String rotated = json.readTree(post(EnrolmentHttpHandler.ROTATE, token, "{}").body()).get("token").asText();
        stop();
        http = null;
        StringBuilder bytes = new StringBuilder();
        for (Path f : Files.list(dir).filter(p -> p.getFileName().toString().startsWith("devices.db")).toList()) {
            bytes.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        for (String secret : List.of(code.code(), code.code().replace("-", ""), token, rotated, CONFIG_TOKEN)) {
            assertFalse(bytes.toString().contains(secret), "stored in clear: " + secret);
        }
        assertTrue(bytes.toString().contains(DeviceTokens.digest(token)), "its digest is stored");
    }

    @Test
    void theEnrolCommandWritesTheTokenForItsOwnerOnlyAndRotatesIt() throws Exception {
        start(CONFIG);
        Path tokenFile = dir.resolve("kiosk.token");
        String url = "http://127.0.0.1:" + http.port();
        assertEquals(0, new picocli.CommandLine(new EnrolMain()).execute("--upstream", url, "--code",
                devices.issueCode(KIOSK_3, "operator").code(), "--token-file", tokenFile.toString()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tokenFile)));
        String token = Files.readString(tokenFile).strip();
        assertEquals(200, snapshot(token).statusCode());

        assertEquals(0, new picocli.CommandLine(new EnrolMain()).execute("--upstream", url, "--rotate", "--token-file",
                tokenFile.toString()));
        assertEquals(2, new picocli.CommandLine(new EnrolMain()).execute("--upstream", url, "--token-file",
                tokenFile.toString()), "neither --code nor --rotate: a usage error");
        String rotated = Files.readString(tokenFile).strip();
        assertFalse(rotated.equals(token));
        assertEquals(200, snapshot(rotated).statusCode());
        clock.advance(EnrolledDevices.ROTATION_GRACE);
        assertEquals(401, snapshot(token).statusCode());
        assertEquals(200, snapshot(rotated).statusCode());
    }

    private HttpResponse<String> enrol(String code) throws Exception {
        return post(EnrolmentHttpHandler.ENROL, null, json.writeValueAsString(Map.of("code", code)));
    }

    private HttpResponse<String> snapshot(String token) throws Exception {
        return get("/v1/branches/" + DemoBranch.ID + "/snapshot?date=2026-11-23", token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
