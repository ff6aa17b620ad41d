package io.imagegate.admin;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/v1/accounts}: every account, newest first, searched by name. The gateway is shared with other
 * test classes, so each test names its accounts with a tag of its own and searches for it.
 * {@link AccountListApiOnPostgresTest} runs this on PostgreSQL.
 */
class AccountListApiTest extends GatewayTest {

    @Test
    void listsAccountsNewestFirstEachAsItsOwnRouteShowsIt() {
        String tag = tag();
        String older = admin.createAccount(tag + " older", "1.00");
        waitForTheNextSecond();
        String newer = admin.createAccount(tag + " newer", "2.50");
        admin.patch("/admin/v1/accounts/" + older, "{\"disabled\": true}");

        Response response = admin.get("/admin/v1/accounts?search=" + tag);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("object").asString()).isEqualTo("list");
        assertThat(ids(page)).containsExactly(newer, older);
        assertThat(page.get("data").get(0)).isEqualTo(admin.account(newer));
        assertThat(page.get("data").get(1)).isEqualTo(admin.account(older));
        assertThat(page.get("data").get(0).get("balance").asString()).isEqualTo("2.50");
        assertThat(page.get("data").get(0).get("available").asString()).isEqualTo("2.50");
        assertThat(page.get("data").get(1).get("disabled").asBoolean()).isTrue();
        assertThat(page.get("data").get(0).get("created").asLong())
                .isGreaterThan(page.get("data").get(1).get("created").asLong());
        assertThat(page.get("first_id").asString()).isEqualTo(newer);
        assertThat(page.get("last_id").asString()).isEqualTo(older);
        assertThat(page.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void searchFindsAPartOfTheNameWhateverItsCaseAndTakesWildcardsLiterally() {
        String tag = tag();
        String rockets = admin.createAccount(tag + "-Acme Rockets", "0");
        String labs = admin.createAccount(tag + "-acme-labs", "0");
        admin.createAccount(tag + "-Globex", "0");
        String percent = admin.createAccount(tag + "-50% off", "0");
        admin.createAccount(tag + "-500 club", "0");
        String underscore = admin.createAccount(tag + "-a_b", "0");
        admin.createAccount(tag + "-axb", "0");
        String umlaut = admin.createAccount(tag + "-Ökobank", "0");

        assertThat(ids(search(tag.toUpperCase() + "-ACME"))).containsExactlyInAnyOrder(rockets, labs);
        assertThat(ids(search(tag + "-acme r"))).containsExactly(rockets);
        assertThat(ids(search(tag + "-50%"))).containsExactly(percent);
        assertThat(ids(search(tag + "-a_b"))).containsExactly(underscore);
        assertThat(ids(search(tag + "-Ökobank"))).as("a name matches its own exact text").containsExactly(umlaut);
        assertThat(ids(search(tag + "-nothing"))).isEmpty();
        assertThat(search(tag + "-nothing").has("first_id")).isFalse();
        assertThat(ids(search(tag))).hasSize(8);
    }

    @Test
    void pagesWalkEveryMatchOnceInOrder() {
        String tag = tag();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(admin.createAccount(tag + " " + i, "0"));
        }
        List<String> whole = ids(search(tag));

        List<String> walked = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = admin.get("/admin/v1/accounts?limit=2&search=" + tag
                    + (after == null ? "" : "&after=" + after)).json();
            walked.addAll(ids(page));
            more.add(page.get("has_more").asBoolean());
            after = page.get("last_id").asString();
        } while (more.getLast());

        assertThat(whole).containsExactlyInAnyOrderElementsOf(created);
        assertThat(walked).isEqualTo(whole);
        assertThat(more).containsExactly(true, true, false);
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        for (String limit : List.of("0", "101", "ten", "-1", "2.5")) {
            assertError(admin.get("/admin/v1/accounts?limit=" + limit), 400, "invalid_request_error",
                    "invalid_value", "limit");
        }
        assertError(admin.get("/admin/v1/accounts?after=acct_nobody"), 400, "invalid_request_error",
                "invalid_value", "after");
        assertError(admin.get("/admin/v1/accounts?search=" + "x".repeat(201)), 400, "invalid_request_error",
                "invalid_value", "search");
    }

    @Test
    void theListNeedsTheAdminToken() {
        assertError(http.get("/admin/v1/accounts"), 401, "authentication_error", "missing_api_key", null);
        assertError(http.get("/admin/v1/accounts", java.util.Map.of("x-api-key", admin.newKey().secret())), 401,
                "authentication_error", "missing_api_key", null);
    }

    private JsonNode search(String text) {
        Response response = admin.get("/admin/v1/accounts?limit=100&search="
                + URLEncoder.encode(text, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Letters and digits only, so that case folding and LIKE see nothing special in it. */
    static String tag() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Accounts and keys are ordered by the second they were created: the next one must be a second later. */
    static void waitForTheNextSecond() {
        long now = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 == now) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
