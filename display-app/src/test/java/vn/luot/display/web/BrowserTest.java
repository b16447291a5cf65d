package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import vn.luot.core.domain.Purpose;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;

/**
 * The staff page and the waiting page in a real headless browser: Debian's chromium driven through its own
 * chromedriver (never a downloaded one). Skipped, with the reason, where chromium is not installed (a
 * failure under CI); `./luot test` installs it.
 */
@RequiresTools({Tool.CHROMIUM, Tool.CHROMEDRIVER})
@Tag("slow")
class BrowserTest {

    @TempDir
    Path dir;

    private StaffRig rig;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = HeadlessChromium.start(dir);
        rig = new StaffRig(dir);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (rig != null) {
            rig.close();
        }
    }

    private void signIn(String counter, String pin) {
        signIn(null, counter, pin);
    }

    /** Signs in from the form: a personal account's name (null for a counter's shared PIN), where, and the PIN. */
    private void signIn(String account, String counter, String pin) {
        browser.get(rig.url("/staff"));
        if (account != null) {
            browser.findElement(By.id("login-name")).sendKeys(account);
        }
        browser.findElement(By.cssSelector("#counter option[value='" + counter + "']")).click();
        browser.findElement(By.id("pin")).sendKeys(pin);
        org.openqa.selenium.WebElement login = browser.findElement(By.id("login"));
        login.click();
        // The click only starts the post: the answer (the desk, or the sign-in page again) has come once the
        // button clicked is gone with its page.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
                    try {
                        login.isEnabled();
                        return false;
                    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                        return true;
                    }
                });
    }

    /**
     * The element's text once it contains {@code expected} (or the last text seen after 10 s): a click that
     * posts a form loads a new page, and an element found on the old one goes stale under the finger.
     */
    private String textOf(By by, String expected) {
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(50))
                    // the next page is still loading: no such element yet, or the old page's went stale
                    .ignoreExceptionsInstanceOf(org.openqa.selenium.WebDriverException.class)
                    .until(() -> {
                        last.set(browser.findElement(by).getText());
                        return last.get();
                    }, text -> text.contains(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return last.get();
        }
    }

    private void screenshot(String name) throws java.io.IOException {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /** Not an assertion of looks: the pages as a person sees them, in target/screenshots, to look at after a change. */
    @Test
    void theSignInTheDeskAndTheWaitingPagesRenderToPng() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1000));
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        browser.get(rig.url("/staff"));
        screenshot("staff-sign-in");
        signIn("1", StaffRig.PIN_1);
        browser.findElement(By.id("next")).click();
        assertThat(textOf(By.id("current"), "HT-500")).isEqualTo("HT-500");
        screenshot("staff-desk");
        browser.get(rig.url("/t/"));
        assertThat(textOf(By.id("latest"), "HT-500")).contains("HT-500");
        screenshot("waiting");
        browser.get(rig.url("/t/HT-501"));
        assertThat(textOf(By.id("status"), "tiếp theo")).contains("tiếp theo");
        screenshot("waiting-ticket");
    }

    /** The supervisor enrols a kiosk from the page, the code works once over HTTP, then revokes it; both pages to PNG. */
    @Test
    void theSupervisorEnrolsAKioskFromThePageAndRevokesIt() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1700));
        signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        browser.findElement(By.id("enrol-device")).sendKeys("kiosk-3");
        browser.findElement(By.id("enrol-walk-in")).sendKeys("900-999");
        browser.findElement(By.id("enrol-submit")).click();
        String message = textOf(By.id("message"), "kiosk-3");
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("[0-9A-Z]{5}-[0-9A-Z]{5}").matcher(message);
        assertThat(code.find()).as(message).isTrue();
        screenshot("supervisor-devices");

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> enrolled = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(rig.url("/v1/devices/enrol"))).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code.group() + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(enrolled.statusCode()).isEqualTo(200);
        browser.get(rig.url("/staff/desk"));
        assertThat(textOf(By.id("devices"), "kiosk-3")).contains("kiosk-3").contains("Đang hoạt động");
        browser.findElement(By.id("revoke-kiosk-3")).click();
        assertThat(textOf(By.id("message"), "thu hồi")).contains("Đã thu hồi thiết bị kiosk-3");
        assertThat(rig.devices.list(null)).anyMatch(r -> r.device().deviceId().equals("kiosk-3") && r.revoked() != null);

        browser.get(rig.url("/staff/audit"));
        assertThat(textOf(By.id("audit"), "Thu hồi thiết bị")).contains("Tạo mã đăng ký thiết bị")
                .contains("Thiết bị đăng ký").contains("giám sát (giám sát)");
        screenshot("audit-log");
    }

    @Test
    void theSupervisorMakesAnAccountAndTheClerkChoosesTheirOwnPinBeforeTheDeskOpens() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 2200));
        signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        browser.findElement(By.id("account-login")).sendKeys("lan");
        browser.findElement(By.id("account-name")).sendKeys("Nguyễn Thị Lan");
        browser.findElement(By.id("account-submit")).click();
        String message = textOf(By.id("message"), "Mã PIN tạm thời");
        java.util.regex.Matcher pin = java.util.regex.Pattern.compile("tạm thời: (\\d{6})").matcher(message);
        assertThat(pin.find()).as(message).isTrue();
        assertThat(textOf(By.id("accounts"), "lan")).contains("Nguyễn Thị Lan").contains("Chờ đổi mã PIN tạm thời");
        assertThat(browser.findElement(By.id("shared-warning")).getText()).startsWith("Giám sát vẫn đăng nhập bằng mã PIN chung");
        screenshot("supervisor-accounts");
        browser.findElement(By.id("logout")).click();
        assertThat(textOf(By.id("login"), "Đăng nhập")).isEqualTo("Đăng nhập");

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        signIn("lan", "1", pin.group(1));
        assertThat(textOf(By.id("pin-due"), "tạm thời")).contains("Hãy chọn mã PIN riêng");
        screenshot("staff-pin-change-phone");
        browser.findElement(By.id("pin-current")).sendKeys(pin.group(1));
        browser.findElement(By.id("pin-new")).sendKeys("583920");
        browser.findElement(By.id("pin-repeat")).sendKeys("583920");
        browser.findElement(By.id("pin-submit")).click();
        assertThat(textOf(By.id("message"), "Đã đổi mã PIN")).contains("Đã đổi mã PIN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Quầy 1");
        screenshot("staff-desk-personal-phone");
    }

    @Test
    void anOpenDeskFollowsAButtonPressAndAKiosksNewTicketWithoutAReloadAndShowsWhoIsComing() throws Exception {
        rig.queue.issueWalkIn("HT", vn.luot.core.domain.Purpose.SUBMIT, false, null);
        rig.queue.issueWalkIn("HT", vn.luot.core.domain.Purpose.COLLECT, true, null);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1300));
        signIn("1", StaffRig.PIN_1);
        assertThat(textOf(By.id("upcoming"), "Ưu tiên")).contains("Bốc số tại chỗ");
        assertThat(textOf(By.id("live"), "Trực tiếp")).contains("Trực tiếp");
        org.openqa.selenium.WebElement before = browser.findElement(By.id("current"));
        assertThat(before.getText()).isEqualTo("—");

        // The counter's physical button: the page was not touched, the stream brings the change.
        String called = rig.desk.next(1).called().orElseThrow().label();
        assertThat(textOf(By.id("current"), called)).isEqualTo(called);
        assertThat(browser.findElement(By.id("citizen")).getText()).contains("Nhận kết quả").contains("Ưu tiên")
                .contains("tự khai");
        rig.queue.issueWalkIn("HT", vn.luot.core.domain.Purpose.SUBMIT, false, null);
        assertThat(textOf(By.id("waiting-HT"), "2")).isEqualTo("2");
        screenshot("staff-desk-live-desktop");

        rig.desk.pause(1);
        assertThat(textOf(By.id("paused"), "TẠM DỪNG")).contains("QUẦY ĐANG TẠM DỪNG");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        screenshot("staff-desk-live-phone");
    }

    @Test
    void aKiosksPaperOutReachesAnOpenDeskAndTheSupervisorSeesEveryDevice() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 900));
        signIn("1", StaffRig.PIN_1);
        assertThat(textOf(By.id("live"), "Trực tiếp")).contains("Trực tiếp");
        vn.luot.core.health.Heartbeat paperOut = vn.luot.core.health.Heartbeats.withPrinter(
                vn.luot.core.health.Heartbeats.kiosk("kiosk-1", vn.luot.core.domain.DemoBranch.ID, rig.clock.instant()),
                vn.luot.core.health.Heartbeat.Printer.PAPER_OUT);
        assertThat(new vn.luot.core.health.HeartbeatUplink(new okhttp3.OkHttpClient(), rig.hub.url(),
                vn.luot.core.domain.DemoBranch.ID, StaffRig.KIOSK_TOKEN, new com.fasterxml.jackson.databind.ObjectMapper(),
                rig.clock, () -> paperOut, null).beat()).isTrue();
        assertThat(textOf(By.cssSelector(".alert"), "hết giấy")).contains("kiosk-1: máy in hết giấy");
        screenshot("staff-desk-alert");

        browser.findElement(By.id("logout")).click();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(900, 2600));
        signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        assertThat(textOf(By.id("device-health"), "kiosk-1")).contains("Hết giấy");
        screenshot("supervisor-branch");
        browser.findElement(By.cssSelector(".alert button")).click();
        assertThat(textOf(By.id("message"), "Đã ghi nhận")).contains("Đã ghi nhận cảnh báo");
        assertThat(browser.findElements(By.cssSelector(".alert"))).isEmpty();
    }

    /** Markup as it could arrive in a pushed event's ticket field or a branch's configured names. */
    private static final String HOSTILE = "<meta http-equiv=\"refresh\" content=\"0;url=about:blank#pwned\">"
            + "<script>document.title='pwned'</script><b id=\"injected\">x</b>";

    private static vn.luot.core.domain.Branch hostileBranch() {
        vn.luot.core.domain.Branch demo = vn.luot.core.domain.DemoBranch.create();
        java.util.List<vn.luot.core.domain.ServiceField> fields = demo.fields().stream()
                .map(f -> new vn.luot.core.domain.ServiceField(f.code(), f.nameVi() + HOSTILE, f.nameEn())).toList();
        return new vn.luot.core.domain.Branch(demo.id(), demo.name() + HOSTILE, fields, demo.slots(), demo.counters());
    }

    /** What the browser made of the page: none of the hostile markup became an element, all of it is text. */
    private void assertNothingInjected(String page) {
        assertThat(browser.getCurrentUrl()).as("no refresh to elsewhere").isEqualTo(rig.url(page));
        assertThat(browser.getTitle()).as("the script did not run").isNotEqualTo("pwned");
        assertThat(browser.findElements(By.tagName("script"))).as("only the hub's own live.js")
                .allSatisfy(el -> assertThat(el.getAttribute("src")).isEqualTo(rig.url("/staff/live.js")));
        assertThat(browser.findElements(By.id("injected"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("meta[http-equiv]")))
                .allSatisfy(m -> assertThat(m.getAttribute("content")).isIn("15"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("<meta http-equiv=\"refresh\"");
    }

    @Test
    void markupInFieldNamesBranchNamesAndTicketLabelsReachesThePagesAsText() throws Exception {
        rig.close();
        rig = new StaffRig(Files.createDirectories(dir.resolve("hostile")), hostileBranch());
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 23);
        vn.luot.core.domain.Ticket forged = vn.luot.core.domain.Ticket.walkIn(
                new vn.luot.core.domain.TicketId(today, HOSTILE, 1), Purpose.SUBMIT,
                vn.luot.core.domain.TimeSlot.of("09:00", "09:30"), false, vn.luot.core.domain.Hlc.ZERO);
        rig.board.called(new vn.luot.display.calls.CallDesk.Called(1, forged,
                vn.luot.core.queue.CounterOperations.Outcome.CALLED));

        browser.get(rig.url("/t/"));
        assertThat(browser.findElement(By.id("latest")).getText()).contains("<script>");
        assertNothingInjected("/t/");
        browser.get(rig.url("/staff"));
        assertNothingInjected("/staff");
        signIn("1", StaffRig.PIN_1);
        assertThat(textOf(By.tagName("h1"), "Quầy 1")).isEqualTo("Quầy 1");
        assertNothingInjected("/staff/desk");
        assertThat(browser.findElement(By.id("transfer-field")).getText()).contains("<script>");
    }

    @Test
    void aWrongPinIsRefusedOnThePage() {
        signIn("1", "0000");
        assertThat(textOf(By.id("error"), "Mã PIN")).contains("Mã PIN không đúng");
        assertThat(browser.findElements(By.id("next"))).isEmpty();
    }

    @Test
    void clickingNextCallsTheNextNumberAndTheBoardAndTheWaitingPageFollow() {
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        signIn("1", StaffRig.PIN_1);
        assertThat(textOf(By.tagName("h1"), "Quầy 1")).isEqualTo("Quầy 1");

        browser.findElement(By.id("next")).click();

        assertThat(textOf(By.id("message"), "HT-500")).isEqualTo("Đã gọi số HT-500 đến quầy 1.");
        assertThat(textOf(By.id("current"), "HT-500")).isEqualTo("HT-500");
        assertThat(rig.board.state().latest().label()).isEqualTo("HT-500");
        assertThat(rig.board.state().counter(1).serving()).isEqualTo("HT-500");

        browser.get(rig.url("/t/"));
        assertThat(textOf(By.id("latest"), "HT-500")).contains("HT-500").contains("quầy 1");
        browser.findElement(By.id("so")).sendKeys("ht-501");
        browser.findElement(By.id("look")).click();
        assertThat(textOf(By.id("status"), "tiếp theo")).contains("Bạn là người tiếp theo");
    }

    /**
     * The issue's double press: the second click of a double click posts the form of the page it was drawn on,
     * which named the ticket before the call; it must do nothing and say so. A fresh NEXT moments after the
     * call asks first, and goes through once confirmed.
     */
    @Test
    void aRepeatedNextDoesNothingAndANextJustAfterACallAsksFirst() throws Exception {
        for (int i = 0; i < 3; i++) {
            rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        }
        signIn("1", StaffRig.PIN_1);
        assertThat(browser.findElement(By.cssSelector("form:has(#next) input[name=ticket]")).getAttribute("value"))
                .isEqualTo(DeskActions.NO_TICKET);
        browser.findElement(By.id("next")).click();
        assertThat(textOf(By.id("current"), "HT-500")).isEqualTo("HT-500");

        // The same form again, as the old page drew it.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('#next').form.elements.ticket.value = arguments[0];", DeskActions.NO_TICKET);
        browser.findElement(By.id("next")).click();
        assertThat(textOf(By.id("message"), "trang đã cũ")).contains("Thao tác chưa được thực hiện")
                .contains("HT-500");
        assertThat(textOf(By.id("current"), "HT-500")).isEqualTo("HT-500");
        assertThat(rig.queue.currentAt(1)).map(t -> t.label()).contains("HT-500");

        rig.clock.advance(Duration.ofSeconds(2));
        browser.findElement(By.id("next")).click();
        assertThat(textOf(By.id("message"), "Xác nhận")).contains("Số HT-500 vừa được gọi 2 giây trước");
        assertThat(rig.queue.currentAt(1)).map(t -> t.label()).as("nothing happened yet").contains("HT-500");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        screenshot("staff-desk-confirm-next-desktop");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        screenshot("staff-desk-confirm-next-phone");

        assertThat(browser.findElements(By.cssSelector("[id^='rate-']"))).as("the citizens' ratings are not the clerk's")
                .isEmpty();
        browser.findElement(By.id("confirm-next")).click();
        assertThat(textOf(By.id("message"), "HT-501")).isEqualTo("Đã gọi số HT-501 đến quầy 1.");
        assertThat(browser.findElements(By.id("confirm-next"))).isEmpty();

        rig.clock.advance(Duration.ofSeconds(6));
        browser.findElement(By.id("next")).click();
        assertThat(textOf(By.id("message"), "HT-502")).isEqualTo("Đã gọi số HT-502 đến quầy 1.");
    }

    @Test
    void aTransferChoosesNoFieldForTheClerkRefusesTheTicketsOwnFieldAndAsksBeforeFreeingTheCounter() {
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        signIn("1", StaffRig.PIN_1);
        browser.findElement(By.id("next")).click();
        assertThat(textOf(By.id("current"), "HT-500")).isEqualTo("HT-500");
        assertThat(browser.findElement(By.id("transfer-field")).getAttribute("value")).as("no field chosen for the clerk")
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("#transfer-field option")))
                .extracting(o -> o.getAttribute("value")).doesNotContain("HT").contains("CT");

        // A page drawn before the list left out the ticket's own field, or a hand-made form.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const o = document.createElement('option'); o.value = 'HT'; o.text = 'HT';"
                        + "document.getElementById('transfer-field').add(o); o.selected = true;");
        browser.findElement(By.id("transfer")).click();
        assertThat(textOf(By.id("message"), "lĩnh vực khác"))
                .isEqualTo("Số HT-500 đang thuộc lĩnh vực Hộ tịch; hãy chọn một lĩnh vực khác. Chưa chuyển số nào.");
        assertThat(rig.queue.currentAt(1)).map(t -> t.label()).contains("HT-500");

        browser.findElement(By.cssSelector("#transfer-field option[value='CT']")).click();
        browser.findElement(By.id("transfer")).click();
        assertThat(textOf(By.id("message"), "Xác nhận chuyển")).startsWith("Chuyển số HT-500 sang lĩnh vực Chứng thực?");
        assertThat(rig.queue.currentAt(1)).as("nothing moved before the confirmation").map(t -> t.label())
                .contains("HT-500");
        assertThat(rig.queue.waitingCount("CT")).isZero();

        browser.findElement(By.id("confirm-transfer")).click();
        assertThat(textOf(By.id("message"), "Đã chuyển")).isEqualTo("Đã chuyển số HT-500 sang lĩnh vực Chứng thực.");
        assertThat(textOf(By.id("current"), "—")).isEqualTo("—");
        assertThat(rig.queue.waiting("CT")).extracting(t -> t.label()).containsExactly("HT-500");
    }

    @Test
    void theSupervisorsMorningMoveIsPreviewedAndMovesNothingUntilConfirmed() throws Exception {
        rig.queue.receive(vn.luot.core.testing.Fixtures.recorded(java.util.List.of(
                vn.luot.core.testing.Fixtures.booking("HT", 1, "09:30-10:00", false),
                vn.luot.core.testing.Fixtures.booking("CT", 1, "10:00-10:30", false))));
        signIn("supervisor", StaffRig.SUPERVISOR_PIN);
        browser.findElement(By.id("move-morning")).click();
        assertThat(textOf(By.id("message"), "Sẽ chuyển")).startsWith("Sẽ chuyển 2 lịch hẹn ca sáng sang ca chiều: ")
                .contains("09:30-10:00 → ").contains("10:00-10:30 → ");
        assertThat(rig.queue.previewMorningToAfternoon()).as("nothing moved, nobody notified").hasSize(2);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        screenshot("supervisor-move-preview");

        browser.findElement(By.id("move-morning-confirm")).click();
        assertThat(textOf(By.id("message"), "Đã chuyển"))
                .isEqualTo("Đã chuyển lịch hẹn ca sáng sang ca chiều (2 thay đổi). Công dân sẽ nhận được thông báo.");
        assertThat(rig.queue.previewMorningToAfternoon()).isEmpty();
        assertThat(browser.findElements(By.id("move-morning-confirm"))).isEmpty();
    }
}
