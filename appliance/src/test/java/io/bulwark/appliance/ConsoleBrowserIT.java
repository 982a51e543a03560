package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser: Debian's headless Chromium logs in as admin and finds, in Message
 * tracking, a message this test just sent through the gateway.
 *
 * <p>Needs the packages chromium and chromium-driver (see {@link HeadlessChromium}).
 */
class ConsoleBrowserIT extends ApplianceTestBase {
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void adminLogsInAndSeesTheMessageTheTestSent() throws Exception {
        String messageId = "console-" + System.nanoTime() + "@client.test";
        try (SmtpClient client = new SmtpClient(smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.send("browser-test@sender.test", List.of("reader@example.com"),
                    SmtpClient.message("browser-test@sender.test", "reader@example.com", messageId, "for the console")))
                    .startsWith("250");
        }

        try {
            logIn();
            browser.get(ConsoleHttps.base(httpPort) + "/messages");
            chromium.wait.until(d -> {
                d.findElement(By.id("refresh")).click();
                return !d.findElements(By.xpath("//vaadin-grid-cell-content[contains(., '" + messageId + "')]"))
                        .isEmpty();
            });
            WebElement senderCell = browser.findElement(
                    By.xpath("//vaadin-grid-cell-content[contains(., 'browser-test@sender.test')]"));
            assertThat(senderCell.getText()).contains("browser-test@sender.test");
        } finally {
            chromium.evidence("console-message-tracking");
        }
    }

    @Test
    void adminCreatesADkimKeyAndSeesTheRecordToPublish() throws Exception {
        try {
            logIn();
            browser.findElement(By.xpath("//vaadin-side-nav-item[contains(., 'DKIM keys')]")).click();
            chromium.waitForId("dkim-create");
            browser.findElement(By.id("dkim-create")).click();
            chromium.wait.until(d -> !d.findElements(By.cssSelector("#dkim-domain input")).isEmpty());
            chromium.type("#dkim-domain input", "browser.example");
            chromium.type("#dkim-selector input", "web2026");
            browser.findElement(By.id("dkim-confirm")).click();
            chromium.wait.until(d -> !d.findElements(By.xpath("//vaadin-grid-cell-content[contains(., 'web2026')]")).isEmpty());
            // the new key is selected and its record is shown, ready to copy
            chromium.wait.until(d -> String.valueOf(d.findElement(By.cssSelector("#dkim-dns-name input")).getDomProperty("value"))
                    .equals("web2026._domainkey.browser.example"));
            assertThat(browser.findElement(By.cssSelector("#dkim-dns-record textarea")).getDomProperty("value"))
                    .startsWith("v=DKIM1; k=rsa; p=");
        } finally {
            chromium.evidence("console-dkim-keys");
        }
    }

    /** Logs in as admin and waits for the start page, the dashboard. */
    private void logIn() {
        chromium.logIn(ConsoleHttps.base(httpPort), "admin", PASSWORD);
        chromium.waitForId("dashboard");
    }
}
