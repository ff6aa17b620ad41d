package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.Browser;
import io.imagegate.support.Browser.Scheme;
import io.imagegate.support.BrowserTest;
import io.imagegate.support.Http.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A person reading the model pages in a real browser: every section and row of the seed pages, the live price
 * and its change, the examples' tabs, the catalog's filters; every page without a console error, fitting a
 * phone, and photographed at both widths in both schemes.
 */
class ModelPageBrowserTest extends BrowserTest {

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("JavaScript console errors").isEmpty();
        browser.width(Browser.DESKTOP).scheme(Scheme.LIGHT);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana", "nano-banana-v2"})
    void opensTheModelsPageAndSeesEverySectionAndRowOfItsSeedPage(String id) {
        SeedPage seed = SeedPage.read(id);
        browser.open(url("/models/" + id));

        assertThat(summary()).containsEntry("Vendor", seed.vendor()).containsEntry("Model ID", seed.modelId())
                .containsEntry("Capability", seed.capability());
        assertThat(summary().get("Pricing")).startsWith(seed.pricing() + ": $");
        assertThat(browser.find(By.cssSelector(".description")).getText()).isEqualTo(seed.description());
        assertThat(headings()).containsSubsequence("Request", "Body parameters", "Response", "Code examples",
                "Errors", "When to use", "Limits");
        assertThat(text("#request ~ pre")).isEqualTo(SeedPage.forGateway(seed.request(), url("")));
        assertThat(rows("table.parameters")).containsExactlyElementsOf(seed.parameterRows());
        assertThat(browser.mainText()).contains(seed.responseNote());
        assertThat(rows("table.errors")).containsExactlyElementsOf(seed.errorRows());
        assertThat(browser.findAll(By.cssSelector(".when-to-use li")).stream().map(WebElement::getText).toList())
                .containsExactlyElementsOf(seed.whenToUse());
        assertThat(rows("table.limits")).containsSubsequence(seed.limitRows());
        assertThat(text("#example-curl pre")).isEqualTo(SeedPage.forGateway(seed.codeExample(), url("")));
    }

    @Test
    void seesTheLivePriceThenAnOperatorChangesItAndTheModelPageShowsTheNewOne() {
        browser.open(url("/models/nano-banana"));
        assertThat(rows("#prices ~ .table-wrap table")).containsExactly("1K$0.039" + sizesOf("nano-banana"));

        Response changed = admin.put("/admin/v1/prices/nano-banana",
                "{\"prices\": [{\"size_tier\": \"1K\", \"price\": \"0.045\"}]}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        try {
            browser.open(url("/models/nano-banana"));

            assertThat(rows("#prices ~ .table-wrap table")).containsExactly("1K$0.045" + sizesOf("nano-banana"));
            assertThat(summary().get("Pricing")).endsWith(": $0.045 per image");
            browser.open(url("/models"));
            assertThat(card("nano-banana").findElement(By.cssSelector(".price")).getText())
                    .isEqualTo("$0.045 per image");
            browser.open(url("/pricing"));
            assertThat(browser.mainText()).contains("$0.045");
        } finally {
            admin.put("/admin/v1/prices/nano-banana", "{\"prices\": [{\"size_tier\": \"1K\", \"price\": \"0.039\"}]}");
        }
    }

    @Test
    void seesTheVersion2PricesPerSizeTierAndQuality() {
        browser.open(url("/models/nano-banana-v2"));

        List<String> prices = rows("#prices ~ .table-wrap table");
        assertThat(prices).hasSize(4);
        assertThat(prices.get(0)).isEqualTo("1Kstandard$0.0671024x1024");
        assertThat(prices.get(3)).startsWith("2Khd$0.1512048x2048, ");
    }

    @Test
    void copiesTheRequestExampleAndItWorksAgainstThisGateway() {
        Key key = admin.newKey();
        for (String id : List.of("nano-banana", "nano-banana-v2", "nano-banana-pro", "seedream-v4", "seedream-v4.5")) {
            browser.open(url("/models/" + id));
            String curl = text("#request ~ pre");
            String body = curl.substring(curl.indexOf("-d '") + 4, curl.lastIndexOf('\''));

            Response response = http.post("/v1/images/generations", body, key.header());

            assertThat(response.status()).as(id + ": " + response).isEqualTo(200);
        }
    }

    @Test
    void theCodeExamplesAreTabsAPersonCanSwitchWithTheKeyboard() {
        browser.open(url("/models/nano-banana-v2"));

        List<WebElement> tabs = browser.findAll(By.cssSelector("[role=tab]"));
        assertThat(tabs).extracting(WebElement::getText).containsExactly("curl", "Python", "Node.js", "Java");
        assertThat(browser.find(By.id("example-curl")).isDisplayed()).isTrue();
        assertThat(browser.find(By.id("example-java")).isDisplayed()).isFalse();

        tabs.getFirst().click();
        browser.driver().switchTo().activeElement().sendKeys(Keys.END);

        assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Java");
        assertThat(browser.find(By.id("example-java")).isDisplayed()).isTrue();
        assertThat(text("#example-java pre")).contains(".baseUrl(\"" + url("/v1") + "\")");
        assertThat(browser.find(By.id("example-curl")).isDisplayed()).isFalse();
        tabs.get(1).click();
        assertThat(text("#example-python pre")).contains("base_url=\"" + url("/v1") + "\"");
    }

    @Test
    void followsAWhenToUseLinkToASiblingModel() {
        browser.open(url("/models/nano-banana-v2"));

        browser.find(By.linkText("Seedream V4.5")).click();

        assertThat(browser.driver().getCurrentUrl()).endsWith("/models/seedream-v4.5");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Seedream V4.5");
    }

    @Test
    void goesFromAModelPageToThePlaygroundWithThatModelChosen() {
        browser.open(url("/models/nano-banana-v2"));

        browser.find(By.linkText("Try Nano Banana 2 in the playground")).click();

        waitForUrl("/playground");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/playground?model=nano-banana-v2");
        assertThat(new Select(browser.find(By.id("pg-model"))).getFirstSelectedOption().getText())
                .contains("Nano Banana 2");
    }

    @Test
    void filtersTheCatalogByVendorAndFeature() {
        browser.open(url("/models"));
        assertThat(cardIds()).hasSize(5);

        new org.openqa.selenium.support.ui.Select(browser.find(By.id("filter-vendor"))).selectByVisibleText("Google");
        waitForUrl("vendor=Google");
        assertThat(cardIds()).containsExactly("nano-banana", "nano-banana-v2", "nano-banana-pro");

        browser.find(By.id("filter-quality")).click();
        waitForUrl("quality=on");
        assertThat(cardIds()).containsExactly("nano-banana-v2");
        assertThat(browser.find(By.id("shown")).getText()).isEqualTo("1 of 5 models");

        browser.find(By.linkText("Clear filters")).click();
        assertThat(cardIds()).hasSize(5);
    }

    @Test
    void aPersonWithoutJavaScriptFiltersWithTheFormsButton() {
        Response response = http.get("/models?vendor=ByteDance&resolution=4k", Map.of("Accept", "text/html"));

        String html = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("data-model=\"seedream-v4\"").contains("data-model=\"seedream-v4.5\"")
                .doesNotContain("data-model=\"nano-banana\"").contains("2 of 5 models")
                .contains("<button class=\"button\" type=\"submit\">Apply filters</button>");
    }

    @Test
    void measuredLatencyAppearsOnceTheModelHasServedRequests() throws InterruptedException {
        Key key = admin.newKey();
        for (int i = 0; i < 3; i++) {
            Response response = http.post("/v1/images/generations",
                    "{\"model\": \"seedream-v4\", \"prompt\": \"a measured fox " + i + "\", \"size\": \"1024x1024\"}",
                    key.header());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        // The figures are read at most every RequestLogLatency.TTL.
        long deadline = System.nanoTime() + RequestLogLatency.TTL.plusSeconds(5).toNanos();
        String measured;
        do {
            browser.open(url("/models/seedream-v4"));
            measured = summary().get("Measured latency");
            if (measured.startsWith("p50")) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);

        assertThat(measured).matches("p50 \\d+(\\.\\d)? m?s · p90 \\d+(\\.\\d)? m?s, over \\d+ successful requests? in"
                + " the last 24 hours");
        browser.open(url("/models"));
        assertThat(card("seedream-v4").findElement(By.cssSelector(".measured")).getText()).startsWith("p50 ");
    }

    @Test
    void everyPageFitsAPhoneAndADesktopInBothSchemesWithoutConsoleErrors() {
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("models", "/models");
        pages.put("model-nano-banana", "/models/nano-banana");
        pages.put("model-nano-banana-v2", "/models/nano-banana-v2");
        pages.put("model-nano-banana-pro", "/models/nano-banana-pro");
        pages.put("model-seedream-v4", "/models/seedream-v4");
        pages.put("model-seedream-v4.5", "/models/seedream-v4.5");
        pages.put("pricing", "/pricing");
        pages.put("not-found", "/models/no-such-model");
        for (int width : new int[] {Browser.DESKTOP, Browser.PHONE}) {
            browser.width(width);
            pages.forEach((name, path) -> {
                browser.open(url(path));
                assertThat(browser.fits()).as(name + " at " + width + " px: " + browser.overflowing()).isTrue();
                for (Scheme scheme : Scheme.values()) {
                    assertThat(browser.screenshot(name, scheme)).isNotEmptyFile();
                }
                List<String> errors = browser.consoleErrors();
                if (name.equals("not-found")) {
                    assertThat(errors).as(name).allMatch(e -> e.contains("404"));
                } else {
                    assertThat(errors).as(name).isEmpty();
                }
            });
        }
    }

    @Test
    void anUnknownModelIsA404PageThatLeadsBackToTheCatalog() {
        browser.open(url("/models/no-such-model"));

        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Model not found");
        assertThat(browser.mainText()).contains("no-such-model");
        browser.find(By.linkText("See the models")).click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/models");
        browser.consoleErrors();
    }

    private Map<String, String> summary() {
        List<WebElement> terms = browser.findAll(By.cssSelector(".summary dt"));
        List<WebElement> values = browser.findAll(By.cssSelector(".summary dd"));
        Map<String, String> summary = new java.util.LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            summary.put(terms.get(i).getText(), values.get(i).getText());
        }
        return summary;
    }

    private List<String> headings() {
        return browser.findAll(By.cssSelector("main h2")).stream().map(WebElement::getText).toList();
    }

    private String text(String css) {
        return browser.find(By.cssSelector(css)).getText();
    }

    /** Each body row's cells run together, as the seed pages' text has them. */
    private List<String> rows(String tableCss) {
        return browser.findAll(By.cssSelector(tableCss + " tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText)
                        .reduce("", String::concat))
                .toList();
    }

    private WebElement card(String id) {
        return browser.find(By.cssSelector(".card[data-model='" + id + "']"));
    }

    private List<String> cardIds() {
        return browser.findAll(By.cssSelector(".card")).stream().map(c -> c.getAttribute("data-model")).toList();
    }

    private void waitForUrl(String part) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains(part));
    }

    private String sizesOf(String id) {
        return browser.findAll(By.cssSelector("#prices ~ .table-wrap td.sizes")).getFirst().getText();
    }
}
