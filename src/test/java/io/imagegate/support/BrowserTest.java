package io.imagegate.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A {@link GatewayTest} that drives its pages in a real {@link Browser}, one Chromium for the whole class: skipped
 * without Chromium and chromedriver, failed under {@code CI=true} ({@link WithBrowser}).
 */
@WithBrowser
public abstract class BrowserTest extends GatewayTest {

    protected static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
