package vn.luot.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.server.ServerConfig;

/**
 * Issue 20 §4: the city's fleet page in a real headless Chromium — an operator signs in with their token and sees
 * every branch and every device, the devices with an alert first, most urgent first; a device's history; sign-out.
 */
@RequiresTools({Tool.CHROMIUM, Tool.CHROMEDRIVER})
@Tag("slow")
class FleetPageTest {

    @TempDir
    Path dir;

    private FleetRig rig;
    private WebDriver browser;

    @BeforeEach
    void start() {
        rig = new FleetRig(dir);
        browser = HeadlessChromium.start(dir);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        rig.close();
    }

    private void signIn(String token) {
        browser.get(rig.url("/fleet"));
        browser.findElement(By.id("token")).sendKeys(token);
        WebElement button = browser.findElement(By.id("login"));
        button.click();
        awaitGone(button);
    }

    /** A click that posts a form loads a new page: the clicked element goes stale once it has. */
    private static void awaitGone(WebElement clicked) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
                    try {
                        clicked.isEnabled();
                        return false;
                    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                        return true;
                    }
                });
    }

    @Test
    void anOperatorSeesEveryBranchAndEveryDeviceWithTheAlertsFirst() throws Exception {
        rig.hubReports();
        signIn("not-the-token");
        assertThat(browser.findElement(By.id("error")).getText()).contains("Mã không đúng");
        screenshot("fleet-sign-in");

        signIn(FleetRig.OPERATOR);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tình trạng thiết bị toàn thành phố");
        assertThat(browser.findElement(By.id("operator")).getText()).isEqualTo("lan.nguyen");
        List<WebElement> alerts = browser.findElements(By.cssSelector("#alerts tr.alert"));
        assertThat(alerts).extracting(r -> r.getAttribute("data-device"))
                .containsExactly("kiosk-2", "kiosk-1", "display-1");
        assertThat(alerts.get(0).getText()).contains("Mất liên lạc quá 2 phút", "5 phút trước");
        assertThat(alerts.get(1).getText()).contains("Máy in hết giấy");
        assertThat(alerts.get(2).getText()).contains("Bảng LED không phản hồi");
        assertThat(browser.findElements(By.cssSelector("h2.branch"))).hasSize(ServerConfig.demo().branches().size());
        List<WebElement> hoanKiem = browser.findElements(By.cssSelector("table.devices tr[data-device]"));
        assertThat(hoanKiem).extracting(r -> r.getAttribute("data-device"))
                .containsExactly("kiosk-2", "kiosk-1", "display-1", "kiosk-3");
        assertThat(hoanKiem.get(3).getText()).contains("Bình thường", "Sẵn sàng");
        assertThat(browser.findElement(By.id("summary")).getText()).contains("3 thiết bị có cảnh báo");
        screenshot("fleet-page");

        WebElement link = browser.findElement(By.cssSelector("#alerts tr[data-device='kiosk-1'] a"));
        link.click();
        awaitGone(link);
        assertThat(browser.findElement(By.id("device")).getText()).isEqualTo("kiosk-1");
        assertThat(browser.findElements(By.cssSelector("#history tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("history")).getText()).contains("Hết giấy", "display-1");
        screenshot("fleet-device-history");

        browser.get(rig.url("/fleet"));
        WebElement logout = browser.findElement(By.id("logout"));
        logout.click();
        awaitGone(logout);
        assertThat(browser.findElements(By.id("token"))).hasSize(1);
        assertThat(browser.getPageSource()).doesNotContain("kiosk-1");
        assertThat(rig.server.audit().latest(5)).extracting(e -> e.action()).contains("fleet.sign-in", "fleet.sign-in-failed");
    }

    private void screenshot(String name) throws java.io.IOException {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
