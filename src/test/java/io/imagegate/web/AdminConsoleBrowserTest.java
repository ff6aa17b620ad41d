package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Browser;
import io.imagegate.support.Browser.Scheme;
import io.imagegate.support.BrowserTest;
import io.imagegate.support.Http.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An operator runs the gateway from the admin console in a real browser, step by step. */
class AdminConsoleBrowserTest extends BrowserTest {

    private static final String GENERATE = "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}";

    @Test
    void anOperatorOpensAnAccountCreditsItIssuesAKeyRevokesItChangesAPriceAndSignsOut() {
        String oldPrices = admin.get("/admin/v1/prices/nano-banana").json().toString();
        try {
            signIn();
            shoot("admin-accounts");

            fill("name", "Browser test co");
            fill("balance", "5.00");
            press("Create account");
            waitFor(By.id("balance"));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Browser test co");
            assertThat(text("balance")).isEqualTo("$5.00");

            fill("amount", "2.50");
            fill("note", "welcome credit");
            press("Credit");
            assertThat(text("balance")).isEqualTo("$7.50");
            assertThat(browser.mainText()).contains("welcome credit");

            press("Disable account");
            assertThat(browser.mainText()).contains("Disabled: its keys are refused");
            press("Enable account");
            assertThat(browser.mainText()).contains("Active: its keys work");

            browser.find(By.linkText("Accounts")).click();
            fill("search", "browser TEST");
            press("Search");
            assertThat(browser.find(By.cssSelector(".admin-table")).getText()).contains("Browser test co")
                    .contains("$7.50");
            browser.find(By.linkText("Browser test co")).click();
            waitFor(By.id("balance"));

            press("Create key");
            waitFor(By.id("new-secret"));
            String secret = browser.find(By.id("new-secret")).getDomAttribute("value");
            assertThat(secret).startsWith("ig_");
            assertThat(browser.driver().getCurrentUrl()).doesNotContain(secret);
            shoot("admin-account");
            browser.driver().navigate().refresh();
            assertThat(browser.findAll(By.id("new-secret"))).as("the secret is shown once").isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(secret);

            Response works = http.post("/v1/images/generations", GENERATE, Map.of("x-api-key", secret));
            assertThat(works.status()).as(works.toString()).isEqualTo(200);

            WebElement rpm = browser.find(By.cssSelector(".admin-limits input[name=requests_per_minute]"));
            rpm.sendKeys("30");
            press("Save limits");
            assertThat(browser.find(By.cssSelector(".admin-limits input[name=requests_per_minute]"))
                    .getDomAttribute("value")).isEqualTo("30");

            press("Revoke");
            assertThat(browser.mainText()).contains("Revoked");
            Response refused = http.post("/v1/images/generations", GENERATE, Map.of("x-api-key", secret));
            assertThat(refused.status()).isEqualTo(401);

            browser.find(By.linkText("Prices")).click();
            browser.find(By.linkText("Nano Banana")).click();
            waitFor(By.cssSelector(".admin-prices"));
            for (WebElement price : browser.findAll(By.cssSelector(".admin-prices input[name^=price_]"))) {
                price.clear();
                price.sendKeys("0.045");
            }
            press("Save prices");
            assertThat(browser.mainText()).contains("Saved");
            shoot("admin-prices");
            // The person opens the model's page and sees the price just saved, in the page and in its price table.
            browser.open(base() + "/models/nano-banana");
            assertThat(browser.find(By.cssSelector("table.prices")).getText()).contains("$0.045")
                    .doesNotContain("$0.039");
            assertThat(browser.mainText()).contains("$0.045").doesNotContain("$0.039");
            browser.open(base() + "/admin/accounts");

            press("Sign out");
            assertThat(browser.find(By.id("token")).getDomAttribute("type")).isEqualTo("password");
            browser.open(base() + "/admin/accounts");
            assertThat(browser.findAll(By.id("token"))).as("signed out: the sign-in form, no data").hasSize(1);
            assertThat(browser.mainText()).doesNotContain("Browser test co");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            admin.put("/admin/v1/prices/nano-banana", oldPrices);
        }
    }

    @Test
    void aWrongTokenShowsTheFormAgainWithTheProblem() {
        browser.driver().manage().deleteAllCookies();
        browser.open(base() + "/admin");
        shoot("admin-sign-in");
        fill("token", "not-the-admin-token");
        press("Sign in");

        assertThat(browser.mainText()).contains("There is a problem").contains("not this gateway's admin token");
        assertThat(browser.find(By.id("token")).getDomAttribute("type")).isEqualTo("password");
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("401"));
    }

    @Test
    void anOperatorTestsAChannelAndResetsIt() {
        signIn();
        browser.find(By.linkText("Channels")).click();
        waitFor(By.cssSelector(".admin-table"));
        shoot("admin-channels");

        press("Test");
        waitFor(By.id("test-result"));
        assertThat(text("test-result")).contains("it works").contains("Delivered a");
        shoot("admin-channels-tested");
        browser.driver().navigate().refresh();
        assertThat(browser.findAll(By.id("test-result"))).as("the outcome is shown once").isEmpty();

        press("Reset");
        assertThat(browser.mainText()).contains("closed");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void anOperatorReadsTheRequestLogTheBooksAndTheUsageChart() {
        var key = admin.newKey("3.00");
        Response made = http.post("/v1/images/generations", GENERATE, key.header());
        assertThat(made.status()).isEqualTo(200);
        signIn();

        browser.find(By.linkText("Requests")).click();
        fill("account_id", key.accountId());
        fill("status", "200");
        press("Filter");
        assertThat(browser.findAll(By.cssSelector(".admin-table tbody tr"))).hasSize(1);
        assertThat(browser.mainText()).contains("nano-banana").contains(key.id());
        shoot("admin-requests");

        fill("status", "twelve");
        press("Filter");
        assertThat(browser.mainText()).contains("Enter an HTTP status such as 200 or 402");
        // The browser logs the page's 400 as a failed load; nothing else may be logged.
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("400"));

        browser.find(By.linkText("Reconcile")).click();
        waitFor(By.cssSelector(".admin-panel"));
        assertThat(browser.mainText()).contains("The books balance");
        shoot("admin-reconcile");

        browser.find(By.linkText("Usage")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".admin-chart canvas")));
        assertThat(browser.mainText()).contains("Per day");
        shoot("admin-usage");
    }

    private void signIn() {
        browser.open(base() + "/admin");
        if (browser.findAll(By.id("token")).isEmpty()) {
            return;
        }
        fill("token", ADMIN_TOKEN);
        press("Sign in");
        waitFor(By.cssSelector(".admin-tabs"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/accounts");
    }

    /** Screenshots at both widths and in both schemes; the page must fit a phone. */
    private void shoot(String name) {
        for (int width : new int[] {Browser.DESKTOP, Browser.PHONE}) {
            browser.width(width);
            assertThat(browser.fits()).as(name + " at " + width + " px: " + browser.overflowing()).isTrue();
            for (Scheme scheme : Scheme.values()) {
                browser.screenshot(name, scheme);
            }
        }
        browser.width(Browser.DESKTOP).scheme(Scheme.LIGHT);
        assertThat(browser.consoleErrors()).as(name).isEmpty();
    }

    private void fill(String id, String value) {
        WebElement field = browser.find(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Presses the button and waits for the page it leads to. */
    private void press(String label) {
        WebElement button = browser.find(By.xpath("//main//button[normalize-space()='" + label + "']"
                + " | //button[normalize-space()='" + label + "']"));
        browser.submit(button);
    }

    private void waitFor(By by) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
