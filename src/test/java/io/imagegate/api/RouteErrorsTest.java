package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A path or method typed wrong: the 404 lists every public route, wherever the wrong path points, and the 405
 * names the methods the path takes, in the body and in {@code Allow}.
 */
class RouteErrorsTest extends GatewayTest {

    private static final String ROUTES_ARE = "The routes are: ";

    /** The routes the README's "API in short" table documents, as method and path. */
    private static final List<String> DOCUMENTED = List.of(
            "POST /v1/images/generations", "POST /v1/images/edits", "GET /v1/models", "GET /v1/models/{id}",
            "GET /v1/files/{name}",
            "GET /v1/pricing", "GET /v1/usage", "GET /v1/requests", "GET /v1/requests/{id}",
            "POST /admin/v1/accounts", "GET /admin/v1/accounts", "GET /admin/v1/accounts/{id}",
            "PATCH /admin/v1/accounts/{id}", "POST /admin/v1/accounts/{id}/credit",
            "POST /admin/v1/accounts/{id}/refunds", "GET /admin/v1/accounts/{id}/ledger",
            "GET /admin/v1/prices/{model}", "PUT /admin/v1/prices/{model}", "GET /admin/v1/reconcile",
            "GET /admin/v1/usage", "POST /admin/v1/keys", "GET /admin/v1/keys", "PATCH /admin/v1/keys/{id}",
            "DELETE /admin/v1/keys/{id}", "GET /admin/v1/channels", "POST /admin/v1/channels/{name}/reset",
            "POST /admin/v1/channels/{name}/test",
            "GET /admin/v1/requests", "GET /admin/v1/requests/{id}",
            "GET /actuator/health", "GET /actuator/prometheus");

    @Test
    void anUnknownPathUnderEveryPrefixListsEveryPublicRoute() {
        for (String path : List.of("/nope", "/v1/nope", "/v1/images/generation", "/admin/v1/nope",
                "/actuator/nope")) {
            Response response = admin.get(path);

            assertError(response, 404, "invalid_request_error", "not_found", null);
            String message = response.error().get("message").asString();
            assertThat(message).as(path).startsWith("No route is GET " + path + ". ");
            assertThat(listedRoutes(message)).as(path).containsAll(DOCUMENTED);
        }
    }

    @Test
    void theListLeavesOutTheErrorDispatchAndTheActuatorsInternals() {
        List<String> listed = listedRoutes(admin.get("/v1/nope").error().get("message").asString());

        assertThat(listed).doesNotHaveDuplicates().allSatisfy(route -> assertThat(route)
                .matches("(GET|POST|PUT|PATCH|DELETE) (/v1/|/admin/v1/|/actuator/(health|prometheus)$).*"));
        assertThat(listed.getFirst()).as("the caller's API comes first").contains(" /v1/");
    }

    @Test
    void anUnknownPathWithAMethodNoRouteTakesIs404Too() {
        Response response = http.post("/v1/nope", "{}", Map.of());

        assertError(response, 404, "invalid_request_error", "not_found", null);
        assertThat(response.error().get("message").asString()).startsWith("No route is POST /v1/nope. ");
    }

    @Test
    void getOnTheGenerationsRouteIs405NamingPost() {
        Response response = http.get("/v1/images/generations");

        assertError(response, 405, "invalid_request_error", "method_not_allowed", null);
        assertThat(response.header("allow")).isEqualTo("POST");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThat(response.error().get("message").asString())
                .isEqualTo("GET /v1/images/generations is not a route; that path takes only POST.");
    }

    @Test
    void aWrongMethodOnAPathWithSeveralNamesThemAll() {
        Response response = admin.put("/admin/v1/accounts/acct_any", "{}");

        assertError(response, 405, "invalid_request_error", "method_not_allowed", null);
        assertThat(response.header("allow").split(",\\s*")).containsExactlyInAnyOrder("GET", "PATCH");
        assertThat(response.error().get("message").asString()).endsWith("that path takes only GET or PATCH.");
    }

    private static List<String> listedRoutes(String message) {
        int start = message.indexOf(ROUTES_ARE);
        assertThat(start).as(message).isNotNegative();
        String list = message.substring(start + ROUTES_ARE.length());
        assertThat(list).as(message).endsWith(".");
        return Arrays.asList(list.substring(0, list.length() - 1).split(", "));
    }
}
