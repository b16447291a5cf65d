package vn.luot.display.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.SyncClient;
import vn.luot.core.sync.UpstreamHttp;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.calls.CallDesk;
import vn.luot.display.web.PinHash;
import vn.luot.display.web.StaffPage;
import vn.luot.display.web.StaffSessions;

/** The hub's TLS: a kiosk pinned to the hub's self-signed certificate syncs over it; an unpinned one cannot. */
class HubTlsTest {

    private static final String KIOSK_TOKEN = "kiosk-1-secret";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private LocalQueue hubQueue;
    private LocalQueue kiosk;
    private BranchHub hub;

    @AfterEach
    void close() {
        if (hub != null) {
            hub.close();
        }
        if (hubQueue != null) {
            hubQueue.close();
        }
        if (kiosk != null) {
            kiosk.close();
        }
    }

    private HubCertificate.Identity startHub() throws Exception {
        HubCertificate.Identity tls = HubCertificate.ensure(dir.resolve("state"), "luot-hub-test");
        hubQueue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(700, 899)).open();
        CallDesk desk = new CallDesk(hubQueue, Map.of(), s -> { }, c -> { });
        StaffPage staff = new StaffPage(desk, hubQueue, Map.of(1, PinHash.hash("2468")), null,
                new StaffSessions(clock, Duration.ofHours(1)), clock);
        hub = BranchHub.builder(hubQueue, clock).bind("127.0.0.1", 0).tls(0, tls.keyStore(), tls.password())
                .kioskTokens(DeviceTokens.none().withToken(KIOSK_TOKEN,
                        new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK)))
                .staffPage(staff).build().start();
        kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(500, 699)).open();
        return tls;
    }

    private SyncClient kioskSync(List<String> pins) {
        return SyncClient.builder().baseUrl(hub.tlsUrl()).branchId(DemoBranch.ID).token(KIOSK_TOKEN).queue(kiosk)
                .clock(clock).httpClient(UpstreamHttp.client(hub.tlsUrl(), pins)).build();
    }

    @Test
    void aKioskPinnedToTheHubsCertificatePushesOverTls() throws Exception {
        HubCertificate.Identity tls = startHub();
        kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);

        kioskSync(List.of(tls.pin())).push();

        assertThat(hubQueue.waitingCount("HT")).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("state").resolve(HubCertificate.PIN)).strip()).isEqualTo(tls.pin());
        assertThat(Files.getPosixFilePermissions(tls.keyStore())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aKioskPinnedToAnotherKeyIsRefusedAndPushesNothing() throws Exception {
        startHub();
        kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        String otherPin = UpstreamHttp.pin(new okhttp3.tls.HeldCertificate.Builder().build().certificate());

        assertThatThrownBy(() -> kioskSync(List.of(otherPin)).push()).isInstanceOf(Exception.class);

        assertThat(hubQueue.waitingCount("HT")).isZero();
    }

    @Test
    void theCertificateIsMadeOnceAndKeptAcrossRestarts() throws Exception {
        HubCertificate.Identity first = HubCertificate.ensure(dir.resolve("state"), "luot-hub-test");
        HubCertificate.Identity again = HubCertificate.ensure(dir.resolve("state"), "luot-hub-test");
        assertThat(again.pin()).isEqualTo(first.pin()).startsWith("sha256/");
    }

    @Test
    void theStaffCookieIsSecureOverTlsAndTheSignInFormWorksThere() throws Exception {
        HubCertificate.Identity tls = startHub();
        OkHttpClient browser = UpstreamHttp.client(hub.tlsUrl(), List.of(tls.pin())).newBuilder()
                .followRedirects(false).build();
        try (Response form = browser.newCall(new Request.Builder().url(hub.tlsUrl() + "/staff").build()).execute()) {
            assertThat(form.code()).isEqualTo(200);
            assertThat(form.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict").contains("; Secure");
        }
        try (Response plain = new OkHttpClient().newCall(new Request.Builder().url(hub.url() + "/staff").build())
                .execute()) {
            assertThat(plain.header("Set-Cookie")).doesNotContain("Secure");
        }
    }
}
