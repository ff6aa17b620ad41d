package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.money.Micros;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.Browser;
import io.imagegate.support.Browser.Scheme;
import io.imagegate.support.BrowserTest;
import io.imagegate.support.Http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** A person with an API key uses the account console in a real browser. */
class ConsoleBrowserTest extends BrowserTest {

    @Test
    void aPersonSignsInSeesTheChargeOfTheRequestTheyJustMadeAndSignsOut() throws Exception {
        String accountId = admin.createAccount("Fox Studio", "10.00");
        Key key = admin.createKey(accountId);
        Response generated = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a red fox in the snow\"}", key.header());
        assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
        long charged = Micros.parse(generated.header("x-imagegate-charged"));
        String requestId = generated.header("x-imagegate-request-id");
        String balance = "$" + Micros.format(10 * Micros.PER_UNIT - charged);
        String cost = "$" + Micros.format(charged);

        browser.width(Browser.DESKTOP).open(base() + "/console");
        assertThat(browser.title()).isEqualTo("Sign in to your console · imagegate");
        WebElement field = browser.find(By.id("api_key"));
        assertThat(field.getAttribute("type")).isEqualTo("password");
        assertThat(field.getAttribute("autocomplete")).isEqualTo("off");
        assertThat(browser.find(By.cssSelector("label[for=api_key]")).getText()).isEqualTo("API key");
        screenshots("console-sign-in");

        field = browser.find(By.id("api_key"));
        field.sendKeys(key.secret());
        field.submit();
        awaitTitle("Your console · imagegate");

        assertThat(browser.title()).isEqualTo("Your console · imagegate");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Fox Studio");
        assertThat(browser.find(By.cssSelector("[data-testid=balance]")).getText()).isEqualTo(balance);
        assertThat(browser.find(By.cssSelector("[data-testid=available]")).getText()).isEqualTo(balance);
        assertThat(browser.find(By.cssSelector("[data-testid=held]")).getText()).isEqualTo("$0.00");

        WebElement row = browser.find(By.id("request-" + requestId));
        assertThat(row.getText()).contains("nano-banana", "1024x1024", "1 / 1", "200", cost);
        WebElement thumb = row.findElement(By.tagName("img"));
        assertThat(thumb.getDomAttribute("loading")).isEqualTo("lazy");
        assertThat(thumb.getDomAttribute("width")).isEqualTo("72");
        assertThat(thumb.getDomAttribute("height")).isEqualTo("72");
        assertThat(loaded(thumb)).as("the thumbnail's signed URL serves the image").isTrue();

        WebElement byModel = browser.find(By.id("model-table"));
        assertThat(byModel.findElement(By.cssSelector("tbody tr")).getText()).contains("nano-banana", cost);
        assertThat(browser.find(By.id("usage-table")).getText()).contains(cost);
        assertThat(browser.mainText()).contains("All models");
        awaitChart();

        Object visibleCookies = ((JavascriptExecutor) browser.driver()).executeScript("return document.cookie");
        assertThat((String) visibleCookies).as("HttpOnly: no script reads the session").doesNotContain("imagegate");
        Set<Cookie> cookies = browser.driver().manage().getCookies();
        assertThat(cookies).extracting(Cookie::getName).contains("imagegate_console");
        assertThat(cookies).allSatisfy(c -> assertThat(c.getValue()).doesNotContain(key.secret()));
        assertThat(cookies).filteredOn(c -> c.getName().equals("imagegate_console"))
                .allSatisfy(c -> assertThat(c.isHttpOnly()).isTrue());
        assertThat(browser.consoleErrors()).isEmpty();
        screenshots("console");

        browser.find(By.cssSelector(".console-head__sign-out button")).click();
        awaitTitle("Sign in to your console · imagegate");

        assertThat(browser.title()).isEqualTo("Sign in to your console · imagegate");
        assertThat(browser.find(By.id("api_key")).isDisplayed()).isTrue();
        assertThat(browser.driver().manage().getCookieNamed("imagegate_console")).isNull();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aWrongKeyShowsTheErrorAndTheFormAgain() {
        browser.width(Browser.DESKTOP).open(base() + "/console");

        WebElement field = browser.find(By.id("api_key"));
        field.sendKeys("ig_this-is-not-a-key");
        field.submit();

        assertThat(browser.mainText()).contains("Sign-in failed", "This is not an API key of this gateway");
        assertThat(browser.find(By.id("api_key")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id("api_key")).getAttribute("value")).isEmpty();
        assertThat(browser.driver().manage().getCookieNamed("imagegate_console")).isNull();
        // The refused sign-in is a 401 document; the browser logs that status, nothing else may be logged.
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("401"));
        screenshots("console-sign-in-error");
    }

    @BeforeEach
    void forgetTheLastTest() {
        browser.driver().manage().deleteAllCookies();
        browser.consoleErrors();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Both widths and both schemes; the page must fit each width without scrolling sideways. */
    private void screenshots(String name) {
        for (int width : new int[] {Browser.DESKTOP, Browser.PHONE}) {
            // No reload: the refused sign-in is a POST's answer, and uPlot follows the width by itself.
            browser.width(width);
            assertThat(browser.fits()).as(name + " at " + width + " px: " + browser.overflowing()).isTrue();
            for (Scheme scheme : Scheme.values()) {
                browser.screenshot(name, scheme);
            }
        }
        browser.width(Browser.DESKTOP).scheme(Scheme.LIGHT);
    }

    /** A click returns before the POST it sends has brought the next page; wait for that page. */
    private void awaitTitle(String title) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!browser.title().equals(title) && Instant.now().isBefore(deadline)) {
            sleep();
        }
    }

    private void awaitChart() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (browser.findAll(By.cssSelector("#usage-chart canvas")).isEmpty()) {
            assertThat(Instant.now()).as("uPlot drew the chart").isBefore(deadline);
            sleep();
        }
    }

    private boolean loaded(WebElement image) {
        JavascriptExecutor js = browser.driver();
        js.executeScript("arguments[0].scrollIntoView()", image);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(js.executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", image))) {
                return true;
            }
            sleep();
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
