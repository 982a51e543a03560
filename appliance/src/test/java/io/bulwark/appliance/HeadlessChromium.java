package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driving the console, for the browser tests: start, sign in, type into
 * a Vaadin field, keep evidence of the last page.
 *
 * <p>Needs the packages chromium and chromium-driver (.ci/run installs them). Without them a test is
 * skipped on a developer machine, and fails in CI (where the variable CI is set).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    final WebDriver browser;
    final WebDriverWait wait;

    private HeadlessChromium(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    static HeadlessChromium start() throws IOException {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
        } else {
            assertThat(installed).as("CI must install chromium and chromium-driver").isTrue();
        }
        Path profile = Files.createTempDirectory("bulwark-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900", "--user-data-dir=" + profile);
        // The appliance's self-signed certificate, which a browser cannot know: accepted as an operator
        // accepts it on first visit (docs/security.md says how to install a trusted one instead).
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    /** Opens the console at {@code base} and signs in; the caller waits for the page it expects. */
    void logIn(String base, String username, String password) {
        browser.get(base + "/");
        // Type only once Vaadin has upgraded the form; keys sent earlier are lost on re-render.
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !!customElements.get('vaadin-login-form') && !!document.querySelector('vaadin-login-form')"
                        + " && !!document.querySelector('input[name=username]')")));
        type("input[name='username']", username);
        type("input[name='password']", password);
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Log in')]")).click();
    }

    /** Replaces a field's text and waits until the field holds it. */
    void type(String css, String text) {
        WebElement field = browser.findElement(By.cssSelector(css));
        field.click();
        field.clear();
        field.sendKeys(text);
        wait.until(d -> text.equals(d.findElement(By.cssSelector(css)).getDomProperty("value")));
    }

    /** Waits until an element with this id exists. */
    void waitForId(String id) {
        wait.until(d -> !d.findElements(By.id(id)).isEmpty());
    }

    /** The last page and a screenshot, for when a run fails. */
    void evidence(String name) throws IOException {
        Files.writeString(Path.of("target", name + ".html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
        Files.write(Path.of("target", name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
