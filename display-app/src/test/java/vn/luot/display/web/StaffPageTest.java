package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.tv.TvBoardModel;
import vn.luot.display.voice.CallSentence;
import vn.luot.display.web.StaffBrowser.Staff;

/** The staff page over real HTTP on loopback, on a real queue: sign-in, operations, and what it refuses. */
class StaffPageTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private StaffRig rig;
    private StaffBrowser browser;
    private LocalQueue queue;
    private TvBoardModel board;
    private MutableClock clock;
    private List<CallSentence> spoken;
    private static final String PIN_1 = StaffRig.PIN_1;
    private static final String SUPERVISOR_PIN = StaffRig.SUPERVISOR_PIN;

    @BeforeEach
    void start() throws Exception {
        rig = new StaffRig(dir);
        browser = new StaffBrowser(rig.url(""));
        queue = rig.queue;
        board = rig.board;
        clock = rig.clock;
        spoken = rig.spoken;
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theLiveStreamSaysChangeWhenTheQueueChangesAndEndsWhenTheSessionDoes() throws Exception {
        assertThat(get("/staff/live", null).statusCode()).as("no session, no stream").isEqualTo(401);
        Staff s = signIn("1", PIN_1);
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(rig.url("/staff/live")))
                .header("Cookie", s.cookie()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(nextEvent(lines)).isEqualTo("hello");
            queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
            assertThat(nextEvent(lines)).as("a kiosk's new ticket").isEqualTo("change");
            post("/staff/logout", "csrf=" + s.csrf(), s.cookie());
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("event: change"));
            assertThat(line).as("the stream ended with the session").isNull();
        }
    }

    /** The next event's name on a server-sent event stream (comments skipped). */
    private static String nextEvent(java.io.BufferedReader lines) throws java.io.IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("event: ")) {
                return line.substring(7);
            }
        }
        return null;
    }

    @Test
    void aWrongPinIsRefusedWithAClearMessageAndNoSession() throws Exception {
        HttpResponse<String> r = browser.login("counter=1&pin=0000");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Mã PIN không đúng");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(StaffPage.COOKIE + "="));
    }

    @Test
    void fiveWrongPinsLockThatClientOutForAMinuteEvenWithTheRightOne() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(browser.login("counter=1&pin=1111").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = browser.login("counter=1&pin=" + PIN_1);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("thử lại sau");
        clock.advance(Duration.ofSeconds(61));
        assertThat(browser.login("counter=1&pin=" + PIN_1).statusCode()).isEqualTo(303);
    }

    @Test
    void nextCallsTheNextTicketAndTheBoardShowsIt() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        HttpResponse<String> r = post("/staff/action", "action=next&csrf=" + s.csrf(), s.cookie());
        assertThat(r.statusCode()).isEqualTo(303);
        String page = get("/staff/desk", s.cookie()).body();
        assertThat(page).contains("Đã gọi số HT-500 đến quầy 1.");
        assertThat(board.state().latest().label()).isEqualTo("HT-500");
        assertThat(spoken).extracting(CallSentence::counter).containsExactly(1);
    }

    @Test
    void theCounterAndTheSupervisorSeeWhichKioskAskedForHelpAndWhenEscaped() throws Exception {
        assertThat(get("/staff/desk", signIn("1", PIN_1).cookie()).body()).doesNotContain("cần hỗ trợ");
        clock.set("2026-11-23T09:12");
        queue.receive(List.of(new vn.luot.core.event.Event("kiosk-1", 1, new vn.luot.core.domain.Hlc(clock.millis(), 0),
                clock.instant(), new vn.luot.core.event.QueueEvent.HelpRequested()),
                new vn.luot.core.event.Event("kiosk-<b>", 1, new vn.luot.core.domain.Hlc(clock.millis() - 60_000, 0),
                        clock.instant(), new vn.luot.core.event.QueueEvent.HelpRequested())));
        clock.advance(Duration.ofMinutes(3));

        String counter = get("/staff/desk", signIn("1", PIN_1).cookie()).body();
        String supervisor = get("/staff/desk", signIn("supervisor", SUPERVISOR_PIN).cookie()).body();
        for (String page : List.of(counter, supervisor)) {
            assertThat(page).contains("kiosk-1: công dân cần hỗ trợ tại kiosk này, lúc 09:12 (3 phút trước)")
                    .contains("kiosk-&lt;b&gt;: công dân cần hỗ trợ").doesNotContain("kiosk-<b>");
            assertThat(page.indexOf("kiosk-1: công dân")).as("newest first").isLessThan(page.indexOf("kiosk-&lt;b&gt;: công"));
        }
        clock.advance(Duration.ofHours(1));
        assertThat(get("/staff/desk", signIn("1", PIN_1).cookie()).body()).as("an hour later it is gone")
                .doesNotContain("cần hỗ trợ");
    }

    @Test
    void nextWithNobodyWaitingSaysSo() throws Exception {
        Staff s = signIn("1", PIN_1);
        post("/staff/action", "action=next&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body()).contains("Không còn ai đang chờ");
        assertThat(spoken).isEmpty();
    }

    @Test
    void aForgedRequestWithTheCookieButNotTheTokenIsRefusedAndChangesNothing() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        HttpResponse<String> noToken = post("/staff/action", "action=next", s.cookie());
        HttpResponse<String> wrongToken = post("/staff/action", "action=next&csrf=guessed", s.cookie());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("Yêu cầu bị từ chối");
        HttpResponse<String> otherSite = http.send(HttpRequest.newBuilder(URI.create(rig.url("") + "/staff/action"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", s.cookie())
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(
                        "action=next&csrf=" + s.csrf())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(queue.waitingCount("HT")).isEqualTo(1);
        assertThat(queue.currentAt(1)).isEmpty();
        assertThat(post("/staff/action", "action=next&csrf=x", null).statusCode()).as("no session at all")
                .isEqualTo(401);
    }

    @Test
    void transferPauseAndRatingWorkFromThePage() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        post("/staff/action", "action=next&csrf=" + s.csrf(), s.cookie());
        post("/staff/action", "action=rate&rating=VERY_SATISFIED&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body()).contains("Đã ghi nhận đánh giá cho số HT-500");
        post("/staff/action", "action=transfer&field=CT&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body()).contains("Đã chuyển số HT-500 sang lĩnh vực Chứng thực");
        assertThat(queue.waiting("CT")).extracting(t -> t.label()).containsExactly("HT-500");
        post("/staff/action", "action=pause&csrf=" + s.csrf(), s.cookie());
        assertThat(board.state().counter(1).paused()).isTrue();
        post("/staff/action", "action=next&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body()).contains("Quầy đang tạm dừng");
        assertThat(queue.waitingCount("HT")).as("a paused counter calls nobody").isEqualTo(1);
    }

    @Test
    void theSupervisorMovesTheMorningToTheAfternoonAndCountersCannot() throws Exception {
        Staff counter = signIn("1", PIN_1);
        assertThat(post("/staff/action", "action=move-morning&csrf=" + counter.csrf(), counter.cookie()).statusCode())
                .as("a counter's session is refused the supervisor's action").isEqualTo(403);
        Staff supervisor = signIn("supervisor", SUPERVISOR_PIN);
        assertThat(post("/staff/action", "action=move-morning&csrf=" + supervisor.csrf(), supervisor.cookie())
                .statusCode()).isEqualTo(303);
        assertThat(get("/staff/desk", supervisor.cookie()).body()).contains("ca sáng");
    }

    @Test
    void aFormNamingATicketTheCounterNoLongerServesDoesNothingAndSaysSo() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        post("/staff/action", "action=next&ticket=none&csrf=" + s.csrf(), s.cookie());
        for (String action : List.of("next", "no-show", "recall", "transfer&field=CT", "rate&rating=SATISFIED")) {
            post("/staff/action", "action=" + action + "&ticket=none&csrf=" + s.csrf(), s.cookie());
            assertThat(get("/staff/desk", s.cookie()).body()).as(action)
                    .contains("Thao tác chưa được thực hiện: trang đã cũ (trang ghi số không có số nào, quầy đang "
                            + "phục vụ số HT-500)");
        }
        assertThat(queue.currentAt(1)).map(t -> t.label()).contains("HT-500");
        assertThat(queue.waitingCount("HT")).isEqualTo(1);
        assertThat(queue.waitingCount("CT")).isZero();
    }

    @Test
    void aNextFromThePageJustAfterACallWaitsForConfirmationUntilTheWindowHasPassed() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        post("/staff/action", "action=next&ticket=none&csrf=" + s.csrf(), s.cookie());
        clock.advance(Duration.ofMillis(4_900));
        post("/staff/action", "action=next&ticket=HT-500&csrf=" + s.csrf(), s.cookie());
        String page = get("/staff/desk", s.cookie()).body();
        assertThat(page).contains("Số HT-500 vừa được gọi 4 giây trước").contains("id=\"confirm-next\"");
        assertThat(queue.currentAt(1)).map(t -> t.label()).contains("HT-500");

        post("/staff/action", "action=next&ticket=HT-500&confirm=yes&csrf=" + s.csrf(), s.cookie());
        assertThat(queue.currentAt(1)).map(t -> t.label()).contains("HT-501");
        clock.advance(Duration.ofSeconds(5));
        post("/staff/action", "action=next&ticket=HT-501&csrf=" + s.csrf(), s.cookie());
        assertThat(queue.currentAt(1)).as("past the window no question is asked").map(t -> t.label())
                .contains("HT-502");
    }

    @Test
    void aTransferWithoutAFieldOrToTheTicketsOwnFieldIsRefusedAndTheCounterKeepsItsCitizen() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        post("/staff/action", "action=next&csrf=" + s.csrf(), s.cookie());
        post("/staff/action", "action=transfer&field=&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body()).contains("Hãy chọn lĩnh vực cần chuyển đến");
        post("/staff/action", "action=transfer&field=HT&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body())
                .contains("Số HT-500 đang thuộc lĩnh vực Hộ tịch; hãy chọn một lĩnh vực khác");
        assertThat(queue.currentAt(1)).map(t -> t.label()).contains("HT-500");
        assertThat(queue.waitingCount("HT")).isZero();
    }

    @Test
    void theMorningMoveShowsWhatWouldMoveAndMovesOnlyTheCountThatWasConfirmed() throws Exception {
        queue.receive(vn.luot.core.testing.Fixtures.recorded(List.of(
                vn.luot.core.testing.Fixtures.booking("HT", 1, "09:30-10:00", false),
                vn.luot.core.testing.Fixtures.booking("HT", 2, "09:30-10:00", false),
                vn.luot.core.testing.Fixtures.booking("CT", 1, "10:00-10:30", false))));
        Staff supervisor = signIn("supervisor", SUPERVISOR_PIN);
        post("/staff/action", "action=move-morning&csrf=" + supervisor.csrf(), supervisor.cookie());
        String page = get("/staff/desk", supervisor.cookie()).body();
        assertThat(page).contains("Sẽ chuyển 3 lịch hẹn ca sáng sang ca chiều: 09:30-10:00 → ")
                .contains("(2)").contains("Chưa có gì thay đổi và chưa gửi thông báo nào")
                .contains("name=\"expected\" value=\"3\"");
        assertThat(queue.previewMorningToAfternoon()).as("the preview moved nothing").hasSize(3);

        // The centre's next page: the same three and one more (events are named by their sequence).
        queue.receive(vn.luot.core.testing.Fixtures.recorded(List.of(
                vn.luot.core.testing.Fixtures.booking("HT", 1, "09:30-10:00", false),
                vn.luot.core.testing.Fixtures.booking("HT", 2, "09:30-10:00", false),
                vn.luot.core.testing.Fixtures.booking("CT", 1, "10:00-10:30", false),
                vn.luot.core.testing.Fixtures.booking("HT", 3, "10:30-11:00", false))));
        post("/staff/action", "action=move-morning&confirm=yes&expected=3&csrf=" + supervisor.csrf(),
                supervisor.cookie());
        assertThat(get("/staff/desk", supervisor.cookie()).body()).contains("đã thay đổi từ khi xem trước")
                .contains("Sẽ chuyển 4 lịch hẹn");
        assertThat(queue.previewMorningToAfternoon()).hasSize(4);

        post("/staff/action", "action=move-morning&confirm=yes&expected=4&csrf=" + supervisor.csrf(),
                supervisor.cookie());
        assertThat(get("/staff/desk", supervisor.cookie()).body())
                .contains("Đã chuyển lịch hẹn ca sáng sang ca chiều (4 thay đổi)");
        assertThat(queue.previewMorningToAfternoon()).isEmpty();
    }

    @Test
    void finishingClosesTheCurrentCitizenWithoutCallingTheNextSoABreakIsNotServiceTime() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        post("/staff/action", "action=next&ticket=none&csrf=" + s.csrf(), s.cookie());
        post("/staff/action", "action=finish&ticket=HT-500&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body()).contains("Số HT-500 đã được phục vụ xong. Chưa gọi số mới");
        assertThat(queue.currentAt(1)).isEmpty();
        assertThat(queue.waiting("HT")).extracting(t -> t.label()).containsExactly("HT-501");
        assertThat(queue.tickets()).filteredOn(t -> t.label().equals("HT-500"))
                .extracting(t -> t.status().name()).containsExactly("SERVED");
        post("/staff/action", "action=finish&ticket=none&csrf=" + s.csrf(), s.cookie());
        assertThat(get("/staff/desk", s.cookie()).body()).contains("Quầy chưa có số nào đang phục vụ.");
        assertThat(board.state().counter(1).serving()).as("the TV no longer shows a finished number").isNotEqualTo("HT-500");
    }

    @Test
    void theNoShowMessageNamesTheAbsentNumberAndThePageOffersNoCitizenRatings() throws Exception {
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Staff s = signIn("1", PIN_1);
        post("/staff/action", "action=next&ticket=none&csrf=" + s.csrf(), s.cookie());
        post("/staff/action", "action=no-show&ticket=HT-500&csrf=" + s.csrf(), s.cookie());
        String page = get("/staff/desk", s.cookie()).body();
        assertThat(page).contains("Đã ghi số HT-500 vắng mặt. Đã gọi số HT-501 đến quầy 1.")
                .contains(">Vắng mặt</button>").doesNotContain("id=\"rate-").doesNotContain("name=\"rating\"");
    }

    private Staff signIn(String counter, String pin) throws Exception {
        return browser.signIn(counter, pin);
    }

    private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        return browser.post(path, form, cookie);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return browser.get(path, cookie);
    }
}
