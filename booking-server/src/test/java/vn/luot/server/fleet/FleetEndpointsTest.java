package vn.luot.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.health.HeartbeatJson;
import vn.luot.core.health.Heartbeats;
import vn.luot.core.health.SeenHeartbeat;

/** The centre's heartbeat endpoint, /metrics and the fleet page's doors, over real HTTP on loopback. */
class FleetEndpointsTest {

    @TempDir
    Path dir;

    private FleetRig rig;

    @BeforeEach
    void start() {
        rig = new FleetRig(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theCentreKeepsWhatTheHubRelaysAndAKioskTokenCannotReportAnotherDevice() throws IOException {
        rig.hubReports();
        assertThat(rig.server.fleet().latest()).extracting(s -> s.heartbeat().deviceId())
                .containsExactly("display-1", "kiosk-1", "kiosk-2", "kiosk-3");
        assertThat(rig.server.fleet().latest()).filteredOn(s -> s.heartbeat().deviceId().equals("kiosk-2"))
                .singleElement().satisfies(s -> assertThat(s.seenAt()).isEqualTo(rig.clock.instant().minusSeconds(300)));

        ObjectNode body = rig.json.createObjectNode();
        body.withArray("heartbeats").add(HeartbeatJson.toJson(rig.json, Heartbeats.kiosk("kiosk-3", DemoBranch.ID,
                rig.clock.instant())));
        try (Response r = rig.http.newCall(new Request.Builder().url(rig.url("/v1/branches/" + DemoBranch.ID + "/heartbeats"))
                .header("Authorization", "Bearer " + FleetRig.KIOSK_TOKEN)
                .post(RequestBody.create(rig.json.writeValueAsBytes(body), MediaType.get("application/json"))).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).contains("NOT_YOUR_HEARTBEAT");
        }
        assertThat(rig.server.fleet().history(DemoBranch.ID, "kiosk-3")).hasSize(1);
    }

    @Test
    void metricsServeTheFleetsGaugesInTheTextFormat() throws IOException {
        rig.hubReports();
        rig.clock.advance(Duration.ofSeconds(10));
        try (Response r = rig.http.newCall(new Request.Builder().url(rig.url("/metrics")).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(r.body().string()).contains(
                    "luot_device_printer_status{branch=\"hn-hoankiem\",device=\"kiosk-1\",kind=\"kiosk\",status=\"paper_out\"} 1.0",
                    "luot_device_board_answering{branch=\"hn-hoankiem\",counter=\"3\",device=\"display-1\",kind=\"display\"} 0.0",
                    "luot_device_last_seen_age_seconds{branch=\"hn-hoankiem\",device=\"kiosk-2\",kind=\"kiosk\"} 310.0",
                    "luot_device_alert{alert=\"offline\",branch=\"hn-hoankiem\",device=\"kiosk-2\",kind=\"kiosk\"} 1.0");
        }
    }

    @Test
    void theFleetPageShowsNothingButItsSignInWithoutASession() throws IOException {
        rig.hubReports();
        try (Response r = rig.http.newCall(new Request.Builder().url(rig.url("/fleet")).build()).execute()) {
            String page = r.body().string();
            assertThat(r.code()).isEqualTo(200);
            assertThat(page).contains("Đăng nhập người vận hành").doesNotContain("kiosk-1");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
        }
        try (Response r = rig.http.newCall(new Request.Builder().url(rig.url("/fleet/login"))
                .post(RequestBody.create("token=" + FleetRig.OPERATOR, MediaType.get("application/x-www-form-urlencoded")))
                .build()).execute()) {
            assertThat(r.code()).as("a sign-in without the form's token").isEqualTo(403);
        }
        try (Response r = rig.http.newCall(new Request.Builder().url(rig.url("/fleet/device?branch=hn-hoankiem&device=kiosk-1"))
                .build()).execute()) {
            assertThat(r.body().string()).doesNotContain("Lịch sử tình trạng");
        }
    }

    @Test
    void aScrapeTokenInTheConfigIsItsSha256() throws IOException {
        Path file = dir.resolve("server.toml");
        String demo = new String(vn.luot.server.ServerConfig.class.getResourceAsStream("/demo-server.toml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(file, "metrics_token_sha256 = \"" + "ab".repeat(32) + "\"\n" + demo);
        assertThat(vn.luot.server.ServerConfig.load(file).metricsTokenSha256()).isEqualTo("ab".repeat(32));
        java.nio.file.Files.writeString(file, "metrics_token_sha256 = \"scrape-secret\"\n" + demo);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vn.luot.server.ServerConfig.load(file))
                .hasMessageContaining("metrics_token_sha256");
    }

    @Test
    void everyValueOnThePageIsEscaped() {
        Map<String, Object> scope = FleetView.history("<b>Chi nhánh</b>", "<script>alert(1)</script>", List.of(
                SeenHeartbeat.received(Heartbeats.kiosk("kiosk-1", DemoBranch.ID, rig.clock.instant()),
                        rig.clock.instant(), Duration.ZERO, "kiosk-1")));
        Map<String, Object> page = new LinkedHashMap<>(scope);
        String html = FleetPage.render("history", page);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;Chi nhánh&lt;/b&gt;")
                .doesNotContain("<script>", "<b>Chi");
    }
}
