package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which requests are a browser asking for a page, and so may get an HTML 404 instead of the API's JSON. */
class PagePathsTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void aBrowserAskingForAPathOutsideTheApiWantsAPage() {
        assertThat(PagePaths.wantsPage("GET", "/nope", BROWSER)).isTrue();
        assertThat(PagePaths.wantsPage("HEAD", "/models/x/y", "text/html")).isTrue();
    }

    @Test
    void wildcardsAndOtherTypesAreApiClients() {
        assertThat(PagePaths.wantsPage("GET", "/nope", "*/*")).isFalse();
        assertThat(PagePaths.wantsPage("GET", "/nope", "text/*")).isFalse();
        assertThat(PagePaths.wantsPage("GET", "/nope", "application/json")).isFalse();
        assertThat(PagePaths.wantsPage("GET", "/nope", "text/html;q=0")).isFalse();
        assertThat(PagePaths.wantsPage("GET", "/nope", "garbage;;")).isFalse();
        assertThat(PagePaths.wantsPage("GET", "/nope", null)).isFalse();
    }

    @Test
    void theApisPathsAndOtherMethodsNeverGetAPage() {
        for (String path : new String[] {"/v1/nope", "/v1", "/admin/v1/nope", "/admin/v1", "/actuator/nope",
            "/actuator", "/error"}) {
            assertThat(PagePaths.wantsPage("GET", path, BROWSER)).as(path).isFalse();
        }
        assertThat(PagePaths.wantsPage("POST", "/nope", BROWSER)).isFalse();
        assertThat(PagePaths.wantsPage("GET", "/v1beta", BROWSER)).isTrue();
        assertThat(PagePaths.wantsPage("GET", "/errors", BROWSER)).isTrue();
    }
}
