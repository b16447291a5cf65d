package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.EnrolledDevices;

/**
 * The supervisor's devices and the audit log on the hub, over real HTTP on loopback with real SQLite files: enrol a
 * kiosk with a code from the supervisor's page, revoke it, and what a counter's session and a reused or late code
 * cannot do.
 */
class HubDevicesTest {

    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{5}-[0-9A-Z]{5}");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private StaffRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new StaffRig(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theSupervisorEnrolsAKioskWithAOneTimeCodeAndRevokesItAndTheHubRefusesItAtOnce() throws Exception {
        Staff supervisor = signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        String code = issueCode(supervisor, "kiosk-3", "900-999");
        String token = enrol(code).body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(sync(token)).isEqualTo(200);
        assertThat(rig.devices.authenticate("Bearer " + token).orElseThrow().walkInBlock().first()).isEqualTo(900);

        String desk = get("/staff/desk", supervisor.cookie()).body();
        assertThat(desk).contains("kiosk-3").contains("Đang hoạt động").contains("Đã đăng ký").contains("Tệp cấu hình")
                .doesNotContain(token);
        assertThat(enrol(code).body()).as("the code is single use").contains("CODE_USED");

        assertThat(post("/staff/action", "action=device-revoke&device=kiosk-3&csrf=" + supervisor.csrf(),
                supervisor.cookie()).statusCode()).isEqualTo(303);
        assertThat(get("/staff/desk", supervisor.cookie()).body()).contains("Đã thu hồi thiết bị kiosk-3");
        assertThat(sync(token)).as("refused at once").isEqualTo(401);
        assertThat(pushStatus(token)).isEqualTo(401);
        assertThat(rotate(token)).isEqualTo(401);
        assertThat(sync(StaffRig.KIOSK_TOKEN)).as("the other kiosk still syncs").isEqualTo(200);
    }

    @Test
    void aConfigKioskRevokedFromTheSupervisorPageIsRefusedAtOnce() throws Exception {
        Staff supervisor = signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        assertThat(sync(StaffRig.KIOSK_TOKEN)).isEqualTo(200);
        post("/staff/action", "action=device-revoke&device=kiosk-1&csrf=" + supervisor.csrf(), supervisor.cookie());
        assertThat(sync(StaffRig.KIOSK_TOKEN)).isEqualTo(401);
        assertThat(pushStatus(StaffRig.KIOSK_TOKEN)).isEqualTo(401);
    }

    @Test
    void aCodeLeftLongerThanFifteenMinutesIsRefused() throws Exception {
        Staff supervisor = signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        String code = issueCode(supervisor, "kiosk-4", "");
        rig.clock.advance(EnrolledDevices.CODE_LIFETIME.plusSeconds(1));
        HttpResponse<String> late = enrol(code);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("CODE_EXPIRED").contains("hết hạn");
    }

    @Test
    void aClerkCannotEnrolOrRevokeDevicesNorReadTheAuditLogAndTheAttemptIsAudited() throws Exception {
        Staff clerk = signIn("1", StaffRig.PIN_1);
        HttpResponse<String> code = post("/staff/action", "action=device-code&device=kiosk-7&role=KIOSK&csrf="
                + clerk.csrf(), clerk.cookie());
        assertThat(code.statusCode()).isEqualTo(403);
        assertThat(code.body()).contains("chỉ giám sát được làm");
        assertThat(post("/staff/action", "action=device-revoke&device=kiosk-1&csrf=" + clerk.csrf(), clerk.cookie())
                .statusCode()).isEqualTo(403);
        assertThat(post("/staff/action", "action=move-morning&csrf=" + clerk.csrf(), clerk.cookie()).statusCode())
                .isEqualTo(403);
        assertThat(get("/staff/audit", clerk.cookie()).statusCode()).isEqualTo(403);
        assertThat(sync(StaffRig.KIOSK_TOKEN)).as("nothing was revoked").isEqualTo(200);
        assertThat(rig.devices.list(null)).hasSize(1);

        List<String> denied = rig.audit.latest(20).stream().filter(e -> e.action().equals("staff.denied"))
                .map(e -> e.actor() + " " + e.role() + " " + e.detail() + " " + e.remote()).toList();
        assertThat(denied).containsExactly("counter 1 clerk audit 127.0.0.1", "counter 1 clerk move-morning 127.0.0.1",
                "counter 1 clerk device-revoke 127.0.0.1", "counter 1 clerk device-code 127.0.0.1");
    }

    @Test
    void everyStaffAndSupervisorActionIsAuditedWithWhoWhatWhenAndWhereAndTheSupervisorReadsIt() throws Exception {
        Staff clerk = signIn("1", StaffRig.PIN_1);
        post("/staff/action", "action=next&csrf=" + clerk.csrf(), clerk.cookie());
        post("/staff/logout", "csrf=" + clerk.csrf(), clerk.cookie());
        login("counter=5&pin=0000");
        Staff supervisor = signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        issueCode(supervisor, "kiosk-3", "");

        List<String> actions = rig.audit.latest(20).stream().map(e -> e.actor() + ": " + e.action()).toList();
        assertThat(actions).containsExactly("supervisor: device.code", "supervisor: staff.sign-in",
                "counter 5: staff.sign-in-failed", "counter 1: staff.sign-out", "counter 1: counter.next",
                "counter 1: staff.sign-in");
        assertThat(rig.audit.latest(20)).allSatisfy(e -> {
            assertThat(e.remote()).isEqualTo("127.0.0.1");
            assertThat(e.at()).isEqualTo(rig.clock.instant());
        });

        String page = get("/staff/audit", supervisor.cookie()).body();
        assertThat(page).contains("Nhật ký thao tác").contains("Gọi số tiếp theo").contains("Đăng nhập sai")
                .contains("Tạo mã đăng ký thiết bị").contains("quầy 1 (nhân viên)").contains("23/11/2026 09:05:00")
                .contains("127.0.0.1");
        assertThat(CODE.matcher(page).find()).as("the audit log never shows a code").isFalse();
    }

    @Test
    void theHubsAuditLogRefusesAnEditOfARow() throws Exception {
        signIn("1", StaffRig.PIN_1);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"))) {
            assertThatThrownBy(() -> other.createStatement().executeUpdate(
                    "UPDATE audit_log SET actor = 'supervisor' WHERE action = 'staff.sign-in'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> other.createStatement().executeUpdate("DELETE FROM audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(rig.audit.latest(5)).extracting(AuditLog.Entry::actor).containsExactly("counter 1");
        assertThat(rig.audit.verify()).isEqualTo(-1);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    record Staff(String cookie, String csrf) {
    }

    private String issueCode(Staff supervisor, String device, String walkIn) throws Exception {
        HttpResponse<String> r = post("/staff/action", "action=device-code&device=" + device + "&role=KIOSK&walk_in="
                + walkIn + "&csrf=" + supervisor.csrf(), supervisor.cookie());
        assertThat(r.statusCode()).isEqualTo(303);
        String page = get("/staff/desk", supervisor.cookie()).body();
        Matcher m = CODE.matcher(page);
        assertThat(m.find()).as(page).isTrue();
        assertThat(get("/staff/desk", supervisor.cookie()).body()).as("shown only once").doesNotContain(m.group());
        return m.group();
    }

    private HttpResponse<String> enrol(String code) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(rig.url("/v1/devices/enrol")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int sync(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(rig.url("/v1/branches/" + rig.queue.branch().id()
                + "/snapshot?date=2026-11-23"))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int pushStatus(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(rig.url("/v1/branches/" + rig.queue.branch().id()
                + "/events"))).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int rotate(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(rig.url("/v1/devices/rotate")))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private Staff signIn(String counter, String pin) throws Exception {
        HttpResponse<String> r = login("counter=" + counter + "&pin=" + pin);
        assertThat(r.statusCode()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get("/staff/desk", cookie).body());
        assertThat(m.find()).isTrue();
        return new Staff(cookie, m.group(1));
    }

    private HttpResponse<String> login(String form) throws Exception {
        HttpResponse<String> page = get("/staff", null);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        return post("/staff/login", form + "&csrf=" + m.group(1), setCookie.substring(0, setCookie.indexOf(';')));
    }

    private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rig.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rig.url(path)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
