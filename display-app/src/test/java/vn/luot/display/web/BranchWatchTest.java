package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.HeartbeatUplink;
import vn.luot.core.health.Heartbeats;
import vn.luot.display.web.StaffBrowser.Staff;

/**
 * The supervisor's watch on a real hub over loopback: a kiosk's heartbeat through the hub's endpoint raises an alert
 * on every staff page until a supervisor acknowledges it, and it comes back when the fault recurs; fields, counters
 * and devices are shown in words.
 */
class BranchWatchTest {

    @TempDir
    Path dir;

    private StaffRig rig;
    private StaffBrowser browser;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws Exception {
        rig = new StaffRig(dir);
        browser = new StaffBrowser(rig.url(""));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private boolean beat(Heartbeat.Printer printer) {
        Heartbeat h = Heartbeats.withPrinter(Heartbeats.kiosk("kiosk-1", DemoBranch.ID, rig.clock.instant()), printer);
        return new HeartbeatUplink(http, rig.hub.url(), DemoBranch.ID, StaffRig.KIOSK_TOKEN, new ObjectMapper(), rig.clock,
                () -> h, null).beat();
    }

    @Test
    void paperOutAtAKioskIsOnEveryStaffPageUntilTheSupervisorAcknowledgesItAndComesBackWhenItRecurs() throws Exception {
        assertThat(beat(Heartbeat.Printer.PAPER_OUT)).isTrue();
        Staff clerk = browser.signIn("1", StaffRig.PIN_1);
        Staff supervisor = browser.signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        String desk = browser.get("/staff/desk", clerk.cookie()).body();
        assertThat(desk).contains("kiosk-1: máy in hết giấy").doesNotContain("Đã biết");
        String view = browser.get("/staff/desk", supervisor.cookie()).body();
        assertThat(view).contains("kiosk-1: máy in hết giấy").contains("Đã biết").contains("Hết giấy");

        HttpResponse<String> forged = browser.post("/staff/action", "action=alert-ack&alert=kiosk-1:PAPER_OUT&csrf="
                + clerk.csrf(), clerk.cookie());
        assertThat(forged.statusCode()).as("a clerk cannot acknowledge").isEqualTo(403);
        browser.post("/staff/action", "action=alert-ack&alert=kiosk-1:PAPER_OUT&csrf=" + supervisor.csrf(),
                supervisor.cookie());
        assertThat(browser.get("/staff/desk", supervisor.cookie()).body()).contains("Đã ghi nhận cảnh báo")
                .doesNotContain("kiosk-1: máy in hết giấy");
        assertThat(browser.get("/staff/desk", clerk.cookie()).body()).doesNotContain("kiosk-1: máy in hết giấy");
        assertThat(rig.audit.latest(1).get(0).action()).isEqualTo("alert.acknowledge");

        assertThat(beat(Heartbeat.Printer.READY)).isTrue();
        assertThat(browser.get("/staff/desk", clerk.cookie()).body()).doesNotContain("máy in hết giấy");
        rig.clock.advance(Duration.ofSeconds(30));
        assertThat(beat(Heartbeat.Printer.PAPER_OUT)).isTrue();
        assertThat(browser.get("/staff/desk", clerk.cookie()).body()).as("recurred").contains("kiosk-1: máy in hết giấy");
    }

    @Test
    void aKioskNotHeardFromForTwoMinutesIsOfflineAndTheFieldsAndCountersAreCounted() throws Exception {
        assertThat(beat(Heartbeat.Printer.READY)).isTrue();
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        rig.clock.advance(Duration.ofMinutes(7));
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        rig.desk.next(1);
        rig.desk.finish(1);
        Staff supervisor = browser.signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        String view = browser.get("/staff/desk", supervisor.cookie()).body();
        assertThat(view).contains("kiosk-1: mất liên lạc hơn 2 phút");
        assertThat(view).containsPattern("Hộ tịch</td><td>1</td><td>0 phút");
        assertThat(view).containsPattern("Quầy 1</td><td>—</td><td></td><td>1</td>");
    }
}
