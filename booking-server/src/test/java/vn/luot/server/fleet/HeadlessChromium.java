package vn.luot.server.fleet;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import vn.luot.core.testing.Tool;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver, as display-app's page tests start it (display-app's
 * helper is in its own tests, which booking-server cannot depend on: display-app depends on booking-server).
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A fresh browser with its profile in {@code dir}; the caller quits it. */
    static WebDriver start(Path dir) {
        // Selenium Manager must never fetch a driver or a browser: both come from the system.
        System.setProperty("webdriver.chrome.driver", Tool.CHROMEDRIVER.path().toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Tool.CHROMIUM.path().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Tool.CHROMEDRIVER.path().toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return browser;
    }
}
