package io.imagegate.web;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pages and assets carry the browser security headers, over plain HTTP; the API's paths keep the JSON error body
 * whatever the caller accepts, and a browser asking for a page that does not exist gets an HTML 404.
 */
class SecurityHeadersTest extends GatewayTest {

    private static final Map<String, String> BROWSER = Map.of("Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");

    @Test
    void everyPageAndAssetSendsACspWithoutInlineScriptsNosniffNoFramingAndAReferrerPolicy() {
        for (String path : List.of("/models", "/assets/site.css", "/assets/favicon.svg", "/no-such-page",
                "/v1/models")) {
            Response response = http.get(path, BROWSER);

            String csp = response.header("content-security-policy");
            assertThat(csp).as(path).isNotNull().contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .contains("default-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.header("x-content-type-options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("referrer-policy")).as(path).isEqualTo("same-origin");
        }
    }

    @Test
    void theRootRedirectsToTheModels() {
        Response response = http.get("/");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).endsWith("/models");
    }

    @Test
    void pagesAreHtmlInUtf8() {
        Response response = http.get("/models", BROWSER);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualToIgnoringCase("text/html;charset=UTF-8");
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>")
                .doesNotContain("style=\"").doesNotContain("<script>").doesNotContain("<style");
    }

    @Test
    void theChartLibraryIsServedFromItsWebjar() {
        Response response = http.get(Assets.UPLOT_JS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/javascript");
        assertThat(new String(response.body())).contains("uPlot");
        assertThat(http.get(Assets.UPLOT_CSS).status()).isEqualTo(200);
    }

    @Test
    void aBrowserAskingForAPageThatDoesNotExistGetsAnHtml404() {
        Response response = http.get("/no-such-page", BROWSER);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("content-type")).startsWith("text/html");
        assertThat(new String(response.body())).contains("Page not found");
    }

    @Test
    void anApiClientAskingForAPathThatDoesNotExistKeepsTheJsonBody() {
        for (Map<String, String> accept : List.of(Map.<String, String>of(), Map.of("Accept", "*/*"),
                Map.of("Accept", "application/json"))) {
            assertError(http.get("/no-such-page", accept), 404, "invalid_request_error", "not_found", null);
        }
        for (String path : List.of("/v1/nope", "/admin/v1/nope", "/actuator/nope")) {
            Response response = http.get(path, Map.of("Accept", BROWSER.get("Accept"),
                    "Authorization", "Bearer " + ADMIN_TOKEN));
            assertError(response, 404, "invalid_request_error", "not_found", null);
        }
    }

    @Test
    void theAdminConsolesAddressIsNotTakenByTheAdminApisAuthentication() {
        Response response = http.get("/admin", BROWSER);

        assertThat(response.status()).as("no 401 from the admin API's token check").isNotEqualTo(401);
    }
}
