package io.imagegate.web;

import static java.math.BigDecimal.TWO;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.Browser;
import io.imagegate.support.Browser.Scheme;
import io.imagegate.support.BrowserTest;
import io.imagegate.support.ScriptedUpstream;
import io.imagegate.support.ScriptedUpstreamConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The playground in a real browser, as a person uses it: paste a key, pick a model and its options, generate,
 * and read the images, the seed, the charge and every kind of refusal. nano-banana-pro is served by a
 * {@link ScriptedUpstream} here, so a test can make the upstream's safety system block a prompt; the other models
 * are drawn by the sandbox.
 */
@Import(ScriptedUpstreamConfig.class)
class PlaygroundBrowserTest extends BrowserTest {

    private static final String KEY_STORAGE = "imagegate.playground.api-key";
    private static final String PROMPT = "A cafe storefront with a chalk-board menu reading PASTEL DE NATA";

    @Autowired
    ScriptedUpstream upstream;

    /** A database of its own: this gateway runs beside the other test classes' one. */
    @DynamicPropertySource
    static void ownDatabaseAndScriptedChannel(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "playground");
        ScriptedUpstreamConfig.routeModel(registry);
    }

    @BeforeEach
    void healthyUpstreamAndADesktop() {
        upstream.reset();
        assertThat(admin.post("/admin/v1/channels/scripted-main/reset", "").status()).isEqualTo(200);
        browser.width(Browser.DESKTOP).scheme(Scheme.LIGHT);
    }

    /**
     * The browser logs an API refusal the page asked for as a failed load; the tests of refusals check theirs.
     * Nothing else may be logged: no script error, no CSP violation, no missing asset.
     */
    @AfterEach
    void noJavaScriptErrors() {
        upstream.reset();
        assertThat(browser.consoleErrors()).allMatch(PlaygroundBrowserTest::refusedGeneration);
    }

    private static boolean refusedGeneration(String consoleError) {
        return consoleError.contains("/v1/images/generations - Failed to load resource");
    }

    @Test
    void aPersonGeneratesAnImageSeesItsSeedAndChargeThenTheSameSeedAgainAndTheCurl() {
        Key key = admin.newKey("10.00");
        String livePrice = livePrice("nano-banana-v2", "1K", "standard");

        openPlayground("");
        paste(key.secret());
        pick("nano-banana-v2");
        pickSize("1024x1024");
        type(PROMPT);
        generate();

        WebElement image = waitForImage();
        assertThat(number("return arguments[0].naturalWidth", image)).isEqualTo(1024);
        assertThat(image.getDomAttribute("width")).as("sized before it loads").isEqualTo("1024");
        assertThat(image.getDomAttribute("height")).isEqualTo("1024");
        String seed = text("pg-seed-used");
        assertThat(seed).matches("[0-9]+");
        assertThat(text("pg-charged")).isEqualTo("$" + livePrice);
        String requestId = text("pg-request-id");
        assertThat(requestId).startsWith("req_");
        assertThat(text("pg-status")).startsWith("Done in");
        assertThat(browser.mainText()).contains("Price: $" + livePrice + " per image at 1024x1024 standard");

        click("pg-again");
        waitForAnswerAfter(requestId);
        assertThat(text("pg-request-id")).as("a new request").isNotEqualTo(requestId);
        assertThat(text("pg-seed-used")).isEqualTo(seed);
        assertThat(value("pg-seed")).as("the seed is filled in").isEqualTo(seed);
        assertThat(number("return arguments[0].naturalWidth", waitForImage())).isEqualTo(1024);

        click("pg-copy");
        String curl = value("pg-curl-text");
        assertThat(curl).contains("http://localhost:" + port + "/v1/images/generations",
                "\"model\": \"nano-banana-v2\"", "\"prompt\": \"" + PROMPT + "\"", "\"size\": \"1024x1024\"",
                "\"seed\": " + seed, "$IMAGEGATE_API_KEY");
        assertThat(curl).doesNotContain(key.secret());

        assertThat((String) script("return document.cookie")).doesNotContain(key.secret());
        assertThat((String) script("return sessionStorage.getItem(arguments[0])", KEY_STORAGE))
                .isEqualTo(key.secret());
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(key.secret());
        assertThat(new BigDecimal(admin.balance(key.accountId()))).as("two images at the live price")
                .isEqualByComparingTo(new BigDecimal("10.00").subtract(new BigDecimal(livePrice).multiply(TWO)));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aSeedTypedAndEnterPressedGivesABase64ImageWithThatSeed() {
        Key key = admin.newKey("10.00");

        openPlayground("?model=nano-banana");
        paste(key.secret());
        type(PROMPT);
        click("pg-format-b64");
        WebElement seed = browser.find(By.id("pg-seed"));
        seed.sendKeys("42");
        seed.sendKeys(Keys.ENTER);

        WebElement image = waitForImage();
        assertThat(image.getDomAttribute("src")).startsWith("data:image/png;base64,");
        assertThat(number("return arguments[0].naturalWidth", image)).isEqualTo(1024);
        assertThat(text("pg-seed-used")).isEqualTo("42");
        assertThat(browser.find(By.linkText("Download")).getDomAttribute("download")).isEqualTo("imagegate-42.png");
        click("pg-copy");
        assertThat(value("pg-curl-text")).contains("\"seed\": 42", "\"response_format\": \"b64_json\"");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theFormOffersOnlyWhatTheChosenModelSupports() {
        openPlayground("?model=nano-banana");

        assertThat(new Select(browser.find(By.id("pg-model"))).getFirstSelectedOption().getText())
                .isEqualTo("Nano Banana");
        assertThat(browser.find(By.id("pg-quality")).isDisplayed()).as("nano-banana has no quality").isFalse();
        assertThat(options("pg-size")).containsExactly("", "1024x1024", "1024x1536", "1536x1024");
        assertThat(browser.find(By.id("pg-seed")).isDisplayed()).isTrue();

        pick("nano-banana-v2");
        assertThat(browser.find(By.id("pg-quality")).isDisplayed()).isTrue();
        assertThat(options("pg-quality")).containsExactly("standard", "hd");
        assertThat(options("pg-size")).containsExactly("", "1024x1024", "2048x2048", "2048x1536", "1536x2048");
        assertThat(options("pg-aspect-ratio")).contains("16:9");
        assertThat(browser.find(By.id("pg-n")).getDomAttribute("max")).isEqualTo("2");
        assertThat(browser.driver().getCurrentUrl()).as("a reload keeps the model").endsWith("?model=nano-banana-v2");

        assertThat(script("const block = document.getElementById('models-data');"
                + " return block.type + ' ' + JSON.parse(block.textContent).length"))
                .as("the capabilities are data, read by the module, never run")
                .isEqualTo("application/json " + catalogSize());
        assertThat(script("return [...document.querySelectorAll('main input, main select, main textarea')]"
                + ".filter(e => e.offsetParent !== null && e.labels.length === 0).map(e => e.id)"))
                .as("every visible input has a label").isEqualTo(List.of());
    }

    @Test
    void aBalanceTooLowIsA402ThatSaysTopUpAndThatNothingWasCharged() {
        Key poor = admin.newKey("0.01");

        openPlayground("?model=nano-banana-v2");
        paste(poor.secret());
        pickSize("1024x1024");
        type(PROMPT);
        generate();

        String error = waitForError();
        assertThat(error).contains("Your balance is too low: top up your account", "Nothing was charged");
        assertThat(error).contains("402", "insufficient_balance");
        assertThat(browser.find(By.id("pg-output")).isDisplayed()).isFalse();
        assertThat(admin.balance(poor.accountId())).isEqualTo("0.01");
        assertThat(browser.consoleErrors()).singleElement().asString().contains("status of 402");
        screenshots("playground-402");
    }

    @Test
    void anInconsistentSizeAndAspectRatioIsA400ThatNamesAndMarksTheField() {
        Key key = admin.newKey("10.00");

        openPlayground("?model=nano-banana-v2");
        paste(key.secret());
        pickSize("1024x1024");
        new Select(browser.find(By.id("pg-aspect-ratio"))).selectByValue("16:9");
        type(PROMPT);
        generate();

        String error = waitForError();
        assertThat(error).contains("Check the aspect ratio", "Nothing was charged", "16:9", "400");
        assertThat(browser.find(By.id("pg-aspect-ratio")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id("pg-field-aspect-ratio")).getDomAttribute("class")).contains("pg-field--error");
        assertThat(text("pg-aspect-ratio-error")).contains("1024x1024 is not 16:9");
        assertThat(admin.balance(key.accountId())).isEqualTo("10.00");
        assertThat(browser.consoleErrors()).singleElement().asString().contains("status of 400");
        browser.width(Browser.PHONE);
        assertThat(browser.fits()).as("390 px with the error: " + browser.overflowing()).isTrue();
        screenshots("playground-400");

        new Select(browser.find(By.id("pg-aspect-ratio"))).selectByValue("");
        assertThat(browser.find(By.id("pg-aspect-ratio")).getDomAttribute("aria-invalid"))
                .as("changing the field clears its mark").isNull();
    }

    @Test
    void aPromptTheUpstreamBlocksIsA451ThatSaysSoAndIsNotBilled() {
        Key key = admin.newKey("10.00");
        upstream.failWith(new UpstreamException(new UpstreamFailure.SafetyBlocked("PROHIBITED_CONTENT")));

        openPlayground("?model=nano-banana-pro");
        paste(key.secret());
        pickSize("1024x1024");
        type("something the upstream refuses");
        generate();

        String error = waitForError();
        assertThat(error).contains("The prompt was blocked, and not billed", "safety system", "Nothing was charged",
                "451");
        assertThat(admin.balance(key.accountId())).isEqualTo("10.00");
        assertThat(browser.consoleErrors()).singleElement().asString().contains("status of 451");
    }

    @Test
    void aKeyOverItsRateIsA429ThatSaysWhenToTryAgain() {
        Key onePerMinute = admin.newLimitedKey("1.00", "\"requests_per_minute\":1");

        openPlayground("?model=nano-banana");
        paste(onePerMinute.secret());
        type(PROMPT);
        generate();
        waitForImage();
        generate();

        String error = waitForError();
        assertThat(error).containsPattern("Too many requests: try again in [0-9]+ seconds?");
        assertThat(error).containsPattern("Retry-After: [0-9]+").contains("rate_limit_exceeded", "Nothing was charged");
        assertThat(browser.consoleErrors()).singleElement().asString().contains("status of 429");
    }

    @Test
    void aRevokedKeyIsA401ThatSaysTheKeyIsWrongOrRevoked() {
        Key key = admin.newKey("10.00");
        assertThat(admin.delete("/admin/v1/keys/" + key.id()).status()).isEqualTo(204);

        openPlayground("?model=nano-banana");
        paste(key.secret());
        type(PROMPT);
        generate();

        assertThat(waitForError()).contains("Your API key was not accepted", "wrong, or it has been revoked");
        assertThat(browser.find(By.id("pg-key")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.consoleErrors()).singleElement().asString().contains("status of 401");
    }

    @Test
    void withoutAKeyNothingIsSentAndTheKeyFieldSaysSo() {
        openPlayground("?model=nano-banana");
        click("pg-forget");
        type(PROMPT);
        generate();

        assertThat(text("pg-key-error")).isEqualTo("Paste your API key first.");
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("pg-key");
        assertThat(text("pg-error")).isEmpty();
    }

    @Test
    void forgettingTheKeyClearsItFromTheTab() {
        Key key = admin.newKey("10.00");
        openPlayground("");
        paste(key.secret());
        assertThat(script("return sessionStorage.getItem(arguments[0])", KEY_STORAGE)).isEqualTo(key.secret());

        openPlayground("");
        assertThat(value("pg-key")).as("kept for this tab across a reload").isEqualTo(key.secret());

        click("pg-forget");
        assertThat(value("pg-key")).isEmpty();
        assertThat(script("return sessionStorage.getItem(arguments[0])", KEY_STORAGE)).isNull();
        assertThat(text("pg-status")).contains("forgotten");
    }

    @Test
    void thePageWithItsImagesFitsAPhoneAndADesktopInBothSchemes() {
        Key key = admin.newKey("10.00");
        for (int width : new int[] {Browser.DESKTOP, Browser.PHONE}) {
            browser.width(width);
            openPlayground("?model=nano-banana");
            assertThat(browser.fits()).as(width + " px, empty: " + browser.overflowing()).isTrue();
            paste(key.secret());
            new Select(browser.find(By.id("pg-aspect-ratio"))).selectByValue("16:9");
            type("A glass of red wine on a marble counter");
            generate();
            WebElement image = waitForImage();
            assertThat(number("return arguments[0].naturalWidth", image)).isEqualTo(1344);
            click("pg-copy");

            assertThat(browser.fits()).as(width + " px, with a result: " + browser.overflowing()).isTrue();
            screenshots("playground");
        }
    }

    private void openPlayground(String query) {
        browser.open("http://localhost:" + port + "/playground" + query);
        assertThat(browser.title()).isEqualTo("Playground · imagegate");
        // The module has run once it enables the button the page renders disabled.
        await().until(d -> browser.find(By.id("pg-generate")).isEnabled());
    }

    private void paste(String key) {
        WebElement field = browser.find(By.id("pg-key"));
        field.clear();
        field.sendKeys(key);
    }

    private void pick(String model) {
        new Select(browser.find(By.id("pg-model"))).selectByValue(model);
    }

    private void pickSize(String size) {
        new Select(browser.find(By.id("pg-size"))).selectByValue(size);
    }

    private void type(String prompt) {
        WebElement field = browser.find(By.id("pg-prompt"));
        field.clear();
        field.sendKeys(prompt);
    }

    private void generate() {
        click("pg-generate");
    }

    private void click(String id) {
        browser.find(By.id(id)).click();
    }

    private WebElement waitForImage() {
        await().until(d -> !browser.findAll(By.cssSelector("#pg-images img")).isEmpty()
                && Boolean.TRUE.equals(script("const i = document.querySelector('#pg-images img');"
                        + " return i.complete && i.naturalWidth > 0")));
        return browser.find(By.cssSelector("#pg-images img"));
    }

    private void waitForAnswerAfter(String requestId) {
        await().until(d -> browser.find(By.id("pg-generate")).isEnabled()
                && (!text("pg-request-id").equals(requestId) || !text("pg-error").isEmpty()));
    }

    private String waitForError() {
        await().until(d -> !text("pg-error").isEmpty());
        return text("pg-error");
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
    }

    private String text(String id) {
        return (String) script("return document.getElementById(arguments[0]).textContent.trim()", id);
    }

    private String value(String id) {
        return browser.find(By.id(id)).getDomProperty("value");
    }

    private List<String> options(String id) {
        return new Select(browser.find(By.id(id))).getOptions().stream().map(o -> o.getDomAttribute("value"))
                .toList();
    }

    private long number(String script, WebElement element) {
        return ((Number) script(script, element)).longValue();
    }

    private Object script(String script, Object... args) {
        return browser.driver().executeScript(script, args);
    }

    private void screenshots(String name) {
        for (Scheme scheme : Scheme.values()) {
            assertThat(browser.screenshot(name, scheme)).isNotEmptyFile();
        }
        browser.scheme(Scheme.LIGHT);
    }

    private int catalogSize() {
        return http.get("/v1/models").json().get("data").size();
    }

    /** The price the gateway charges now, from its public price list. */
    private String livePrice(String model, String tier, String quality) {
        for (JsonNode entry : http.get("/v1/pricing").json().get("data")) {
            if (entry.get("model").asString().equals(model)) {
                for (JsonNode row : entry.get("pricing").get("prices")) {
                    if (row.get("size_tier").asString().equals(tier) && row.get("quality").asString().equals(quality)) {
                        return row.get("price").asString();
                    }
                }
            }
        }
        throw new AssertionError("no live price for " + model + " " + tier + " " + quality);
    }
}
