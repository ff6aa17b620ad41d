package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Browser;
import io.imagegate.support.Browser.Scheme;
import io.imagegate.support.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The frame every page shares, in a real browser: the header's navigation, the skip link, the stylesheet. */
class SiteFrameTest extends BrowserTest {

    @Test
    void aPersonOpeningTheSiteLandsOnTheModelsWithTheNavigationAtTheTop() {
        browser.open("http://localhost:" + port + "/");

        assertThat(browser.driver().getCurrentUrl()).endsWith("/models");
        assertThat(browser.title()).isEqualTo("Models · imagegate");
        List<String> nav = browser.findAll(By.cssSelector(".site-nav__link")).stream().map(WebElement::getText)
                .toList();
        assertThat(nav).containsExactly("Models", "Pricing", "Playground", "Console", "Admin");
        assertThat(browser.find(By.cssSelector(".site-nav__link[aria-current=page]")).getText()).isEqualTo("Models");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theStylesheetAppliesAndTheFirstTabStopSkipsToTheContent() {
        browser.open("http://localhost:" + port + "/models");

        String font = browser.find(By.tagName("body")).getCssValue("font-family");
        assertThat(font).as("site.css loaded under the CSP").contains("system-ui");
        browser.find(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to main content");
        assertThat(focused.getCssValue("top")).as("visible once focused").isNotEqualTo("-48px");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theModelsPageFitsAPhoneAndADesktopInBothSchemes() {
        for (int width : new int[] {Browser.DESKTOP, Browser.PHONE}) {
            browser.width(width).open("http://localhost:" + port + "/models");

            assertThat(browser.fits()).as(width + " px: " + browser.overflowing()).isTrue();
            for (Scheme scheme : Scheme.values()) {
                assertThat(browser.screenshot("frame-models", scheme)).isNotEmptyFile();
            }
            assertThat(browser.consoleErrors()).isEmpty();
        }
        browser.width(Browser.DESKTOP).scheme(Scheme.LIGHT);
    }

    @Test
    void anUnknownPageIsAnHtml404WithTheNavigation() {
        browser.open("http://localhost:" + port + "/no-such-page");

        assertThat(browser.title()).isEqualTo("Page not found · imagegate");
        assertThat(browser.mainText()).contains("Page not found");
        assertThat(browser.findAll(By.cssSelector(".site-nav__link"))).hasSize(5);
        // The 404 itself is logged by the browser as a failed load; nothing else may be.
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("404"));
    }
}
