package io.imagegate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the page tests: Debian's Chromium, headless, driven through Debian's chromedriver by
 * Selenium. Both binaries are named explicitly, so Selenium Manager never runs and nothing is downloaded;
 * {@code scripts/browser.sh} installs them. Without them the tests are skipped on a laptop and fail under
 * {@code CI=true}, as {@link RequiredServer} does for servers.
 *
 * <p>Each browser has a fresh profile directory, removed on {@link #close()}. Widths are emulated through the
 * DevTools protocol ({@code Emulation.setDeviceMetricsOverride}), so a "390 px phone" is a 390 CSS-pixel
 * layout viewport with a phone's viewport rules, whatever the headless window's size.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("imagegate.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("imagegate.test.chromedriver", "/usr/bin/chromedriver"));
    public static final int DESKTOP = 1280;
    public static final int PHONE = 390;
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public enum Scheme {
        LIGHT, DARK;

        String cssValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ChromeDriver driver;
    private final Path profile;
    private int width = DESKTOP;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test (fails it under {@code CI=true}) when Chromium or chromedriver is missing. */
    public static void require() {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " is missing"
                : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER + " is missing" : null;
        RequiredServer.require("browser", "Chromium for the page tests is not installed", missing,
                "true".equals(System.getenv("CI")),
                "scripts/browser.sh installs Debian's chromium and chromium-driver (.ci/run calls it).",
                "Run scripts/browser.sh (as root) to install Debian's chromium and chromium-driver.");
    }

    public static Browser open() {
        require();
        try {
            Path profile = Files.createTempDirectory("imagegate-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--hide-scrollbars", "--force-color-profile=srgb", "--lang=en-US",
                    "--window-size=" + DESKTOP + ",900", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            Browser browser = new Browser(driver, profile);
            browser.width(DESKTOP);
            browser.scheme(Scheme.LIGHT);
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url} and waits until the document has loaded, its modules included. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    public String title() {
        return driver.getTitle();
    }

    /** The text of the page's {@code <main>}, as a person reads it (hidden elements left out). */
    public String mainText() {
        return driver.findElement(By.tagName("main")).getText();
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /**
     * Clicks {@code control}, which sends a form, and waits until the page it leads to has replaced this one: a
     * click returns before the POST has brought the next page. While the old page unloads, Chromium may answer a
     * question about its element with "Node … does not belong to the document" instead of Selenium's stale
     * element, so any failure to reach the old element means it is gone.
     */
    public void submit(WebElement control) {
        control.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(browser -> {
            try {
                control.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    /** Lays the page out for a viewport {@code cssPixels} wide; below 600 as a phone does. */
    public Browser width(int cssPixels) {
        this.width = cssPixels;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", cssPixels, "height", cssPixels < 600 ? 844 : 900, "deviceScaleFactor", 1,
                "mobile", cssPixels < 600));
        return this;
    }

    public Browser scheme(Scheme scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme.cssValue()))));
        return this;
    }

    /**
     * Whether the page fits its viewport: nothing wider than the layout viewport, so the page never scrolls
     * sideways. Wide tables and code blocks scroll inside their own boxes and do not count.
     */
    public boolean fits() {
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "const d = document.documentElement;"
                        + " return d.scrollWidth <= d.clientWidth && d.clientWidth <= arguments[0]"
                        + " && document.body.scrollWidth <= d.clientWidth;", width);
        return Boolean.TRUE.equals(fits);
    }

    /** The elements that stick out past the viewport's right edge, for a failure message. */
    public String overflowing() {
        Object found = ((JavascriptExecutor) driver).executeScript(
                "const w = document.documentElement.clientWidth; const out = [];"
                        + " for (const e of document.querySelectorAll('body *')) {"
                        + "   const r = e.getBoundingClientRect();"
                        + "   if (r.right > w + 0.5 && !e.closest('.table-wrap, pre')) {"
                        + "     out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')"
                        + "       + ' right=' + Math.round(r.right)); } }"
                        + " return 'viewport ' + w + ', scrollWidth ' + document.documentElement.scrollWidth"
                        + "   + ': ' + out.slice(0, 10).join(', ');");
        return String.valueOf(found);
    }

    /**
     * The browser console's errors since the last call: JavaScript exceptions, failed loads (a 404 asset), CSP
     * violations. Reading the log empties it.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * Saves the whole page, not only the viewport, as {@code target/screenshots/<name>-<width>-<scheme>.png},
     * at the current width and in {@code scheme}.
     */
    @SuppressWarnings("unchecked")
    public Path screenshot(String name, Scheme scheme) {
        scheme(scheme);
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double height = Math.min(((Number) content.get("height")).doubleValue(), 16_000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true, "fromSurface", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Path file = SCREENSHOTS.resolve(name + "-" + width + "-" + scheme.cssValue() + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            GatewayTest.deleteTree(profile);
        }
    }
}
