package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser: Debian's headless Chromium logs in as admin and finds, in Message
 * tracking, a message this test just sent through the gateway; creates a DKIM key; and filters the
 * audit log by each of its five filters.
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
            openFromNavigation("DKIM keys");
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

    @Test
    void theAuditLogFiltersByEachOfItsFiveFilters() throws Exception {
        // A login failure to find: the API with a wrong password (a real request over HTTPS).
        HttpResponse<String> refused = ConsoleHttps.client(dataDir()).send(HttpRequest.newBuilder(
                        URI.create(ConsoleHttps.base(httpPort) + "/api/v1/rules"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:not-the-password".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);

        org.openqa.selenium.support.ui.WebDriverWait wait = chromium.wait;
        try {
            logIn();
            openFromNavigation("Logs");
            wait.until(d -> !d.findElements(By.id("audit-grid")).isEmpty());

            // Event type
            openAuditLog(wait);
            chromium.type("#audit-type input", "LoginFailed");
            browser.findElement(By.cssSelector("#audit-type input")).sendKeys(Keys.ENTER);
            searchUntil(wait, () -> onlyTheFailedLogin(auditCells()));

            // Subject: the user's name, then one no entry has
            openAuditLog(wait);
            chromium.type("#audit-subject input", "admin");
            // (other ITs of the shared context act as admin too, so only what this test did is asserted)
            searchUntil(wait, () -> auditCells().containsAll(List.of("LoginFailed", "Login")));
            openAuditLog(wait);
            chromium.type("#audit-subject input", "nobody-at-all");
            searchUntil(wait, () -> auditCount() == 0);

            // Result
            openAuditLog(wait);
            browser.findElement(By.xpath("//vaadin-radio-button[.//label[contains(., 'failure')]]")).click();
            searchUntil(wait, () -> onlyTheFailedLogin(auditCells()));

            // Text in the description
            openAuditLog(wait);
            chromium.type("#audit-text input", "wrong password");
            searchUntil(wait, () -> onlyTheFailedLogin(auditCells()));

            // Date and time range: nothing has happened in 2099 yet
            openAuditLog(wait);
            // The picker sends its value to the server on "change", as it does when a person picks a date.
            ((JavascriptExecutor) browser).executeScript("const picker = document.getElementById('audit-from');"
                    + " picker.value = '2099-01-01T00:00:00';"
                    + " picker.dispatchEvent(new CustomEvent('change', {bubbles: true}));");
            searchUntil(wait, () -> auditCount() == 0);
        } finally {
            chromium.evidence("console-audit-log");
        }
    }

    /** A fresh audit log tab, every filter empty. */
    private void openAuditLog(org.openqa.selenium.support.ui.WebDriverWait wait) {
        browser.get(ConsoleHttps.base(httpPort) + "/audit");
        wait.until(d -> !d.findElements(By.cssSelector("#audit-text input")).isEmpty()
                && d.findElement(By.id("audit-count")).getText().contains("entr"));
    }

    /** Clicks Search until the page shows what the filters should give (the log is a moment behind). */
    private void searchUntil(org.openqa.selenium.support.ui.WebDriverWait wait, java.util.function.BooleanSupplier shown) {
        wait.until(d -> {
            d.findElement(By.id("audit-refresh")).click();
            return shown.getAsBoolean();
        });
    }

    /** Rows of the failed login only (the unfiltered log also holds logins, account and rule events). */
    private static boolean onlyTheFailedLogin(List<String> cells) {
        return cells.contains("LoginFailed") && !cells.contains("Login") && !cells.contains("AccountCreated");
    }

    /** The number of matching entries the page reports ("12 entries"). */
    private long auditCount() {
        String text = browser.findElement(By.id("audit-count")).getText().strip();
        return text.isEmpty() ? -1 : Long.parseLong(text.split(" ")[0]);
    }

    /** The texts of the audit grid's rendered cells. */
    private List<String> auditCells() {
        return browser.findElements(By.cssSelector("#audit-grid vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    /** Logs in as admin and waits for the start page, the dashboard. */
    /**
     * Clicks a navigation entry by its title, scrolled into view first as a user scrolls the drawer:
     * with its sections the drawer is taller than the test browser's window, and Chrome does not
     * scroll the app layout's drawer by itself.
     */
    private void openFromNavigation(String title) {
        WebElement item = browser.findElement(By.xpath("//vaadin-side-nav-item[contains(., '" + title + "')]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", item);
        item.click();
    }

    private void logIn() {
        chromium.logIn(ConsoleHttps.base(httpPort), "admin", PASSWORD);
        chromium.waitForId("dashboard");
    }
}
