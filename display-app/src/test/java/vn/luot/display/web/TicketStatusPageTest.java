package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.core.token.TicketToken;
import vn.luot.core.token.TicketTokens;

/**
 * Issue 18 §3: the status page a ticket's QR links to, {@code /t/<signed token>}, in a real headless Chromium:
 * "it is your turn — counter N" above everything once called, one plain sentence on why numbers are not called
 * in order, a forged or old token told plainly, and every link at WCAG AA contrast (4.5:1) on its background.
 */
@RequiresTools({Tool.CHROMIUM, Tool.CHROMEDRIVER})
@Tag("slow")
class TicketStatusPageTest {

    /** Each link's colour and the colour behind it (the nearest ancestor with a background), as CSS rgb() texts. */
    private static final String LINK_COLOURS = """
            return Array.from(document.querySelectorAll('a')).map(a => {
              let e = a, bg = 'rgba(0, 0, 0, 0)';
              while (e && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
                bg = getComputedStyle(e).backgroundColor; e = e.parentElement;
              }
              return [a.textContent, getComputedStyle(a).color, bg];
            });""";

    @TempDir
    Path dir;

    private StaffRig rig;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = HeadlessChromium.start(dir);
        browser.manage().window().setSize(new Dimension(412, 915));
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

    private String link(Ticket t) {
        return rig.url("/t/" + rig.tickets.sign(new TicketToken(DemoBranch.ID, t.id())));
    }

    @Test
    void aCalledTicketSaysItIsYourTurnAndTheCounterAboveEverythingElse() throws Exception {
        Ticket first = rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket();
        rig.queue.next(1);

        browser.get(link(first));
        var turn = browser.findElement(By.id("turn"));
        assertThat(turn.getText()).contains("ĐẾN LƯỢT BẠN", "Mời bạn đến quầy 1", "IT IS YOUR TURN",
                "counter 1");
        assertThat(turn.getLocation().getY()).as("the first thing on the page").isLessThan(40);
        assertThat(Double.parseDouble(turn.findElement(By.className("turn-title")).getCssValue("font-size")
                .replace("px", ""))).as("px").isGreaterThanOrEqualTo(32);
        screenshot("ticket-status-called");
    }

    @Test
    void aWaitingTicketSaysHowManyAreAheadAndWhyNumbersAreNotCalledInOrder() throws Exception {
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        Ticket mine = rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket();

        browser.get(link(mine));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Số HT-501");
        assertThat(browser.findElement(By.id("ahead")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("order")).getText()).contains("không được gọi theo thứ tự", "ưu tiên",
                "đặt lịch", "not called in order");
        assertThat(browser.findElements(By.id("turn"))).isEmpty();
        screenshot("ticket-status-waiting");
    }

    /** Issue 18 §4: the page says the branch's one estimate, a range, and that the lunch break is on. */
    @Test
    void aWaitingTicketInTheLunchBreakIsToldWhenServiceResumesAndARange() throws Exception {
        rig.clock.set("2026-11-23T12:20");
        for (int i = 0; i < 3; i++) {
            rig.queue.issueWalkIn("DD", Purpose.SUBMIT, false, null);
        }
        Ticket mine = rig.queue.issueWalkIn("DD", Purpose.SUBMIT, false, null).ticket();

        browser.get(link(mine));
        assertThat(browser.findElement(By.id("ahead")).getText()).isEqualTo("3");
        // the kiosk and the ticket say the same: 40 minutes to 13:00, then 3.5 services of 15 minutes on 2 counters
        assertThat(browser.findElement(By.id("wait")).getText()).isEqualTo("khoảng 60–75 phút");
        assertThat(browser.findElement(By.id("status")).getText()).contains("3 people ahead of you — about 60–75 minutes");
        assertThat(browser.findElement(By.className("wait-note")).getText())
                .contains("Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.", "Lunch break. The counters open again at 13:00.");
        screenshot("ticket-status-lunch-break");
    }

    @Test
    void aForgedTokenAndATicketOfAnotherDayAreToldPlainlyAndShowNoTicket() throws Exception {
        Ticket mine = rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket();

        browser.get(rig.url("/t/" + TicketTokens.ephemeral().sign(new TicketToken(DemoBranch.ID, mine.id()))));
        assertThat(browser.findElement(By.id("status")).getText()).contains("không hợp lệ ở chi nhánh này");
        assertThat(browser.getPageSource()).doesNotContain("HT-500");
        screenshot("ticket-status-forged");

        browser.get(rig.url("/t/" + rig.tickets.sign(new TicketToken(DemoBranch.ID,
                new TicketId(LocalDate.of(2026, 11, 22), "HT", 500)))));
        assertThat(browser.findElement(By.id("status")).getText()).contains("ngày khác");
    }

    @Test
    void everyLinkOnTheStatusPagesMeetsWcagAaContrast() {
        Ticket called = rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket();
        Ticket waiting = rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket();
        rig.queue.next(1);

        int links = 0;
        for (String page : List.of(link(called), link(waiting), rig.url("/t/not-a-token-at-all-xxxxxxxxxxxxxxxxx"),
                rig.url("/t/HT-501"))) {
            browser.get(page);
            @SuppressWarnings("unchecked")
            List<List<String>> colours = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(LINK_COLOURS);
            assertThat(colours).as("links on %s", page).isNotEmpty();
            for (List<String> c : colours) {
                assertThat(Contrast.ratio(c.get(1), c.get(2))).as("link '%s' (%s on %s) on %s", c.get(0), c.get(1),
                        c.get(2), page).isGreaterThanOrEqualTo(4.5);
                links++;
            }
        }
        assertThat(links).isGreaterThanOrEqualTo(8);
        assertThat(Contrast.ratio("rgb(0, 0, 238)", "rgb(11, 31, 58)")).as("the browser's default blue, before")
                .isLessThan(2.0);
    }

    private void screenshot(String name) throws java.io.IOException {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** WCAG 2.x contrast ratio of two CSS colours, {@code rgb(r, g, b)} or {@code rgba(r, g, b, 1)}. */
    static final class Contrast {
        private Contrast() {
        }

        static double ratio(String foreground, String background) {
            double a = luminance(foreground);
            double b = luminance(background);
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }

        private static double luminance(String css) {
            String[] parts = css.replaceAll("[^0-9.,]", "").split(",");
            Map<Integer, Double> weights = Map.of(0, 0.2126, 1, 0.7152, 2, 0.0722);
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                double c = Double.parseDouble(parts[i]) / 255;
                sum += weights.get(i) * (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
            }
            return sum;
        }
    }
}
