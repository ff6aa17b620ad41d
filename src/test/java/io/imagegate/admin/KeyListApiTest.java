package io.imagegate.admin;

import static io.imagegate.admin.AccountListApiTest.ids;
import static io.imagegate.admin.AccountListApiTest.waitForTheNextSecond;
import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/v1/keys}: keys newest first, revoked ones included, with everything an operator may change
 * and never the secret. {@link KeyListApiOnPostgresTest} runs this on PostgreSQL.
 */
class KeyListApiTest extends GatewayTest {

    @Test
    void listsAnAccountsKeysNewestFirstWithTheirSettingsAndNoSecret() {
        String account = admin.createAccount("keys", "1.00");
        Response first = admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\","
                + "\"models\":[\"nano-banana\"],\"requests_per_minute\":60}");
        waitForTheNextSecond();
        Response second = admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\","
                + "\"max_concurrent\":2,\"unsupported_parameters\":\"drop\"}");
        String firstId = first.json().get("id").asString();
        String secondId = second.json().get("id").asString();
        assertThat(admin.delete("/admin/v1/keys/" + firstId).status()).isEqualTo(204);

        Response response = admin.get("/admin/v1/keys?account_id=" + account);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(ids(page)).containsExactly(secondId, firstId);
        assertThat(page.get("has_more").asBoolean()).isFalse();
        JsonNode active = page.get("data").get(0);
        assertThat(active.propertyNames()).containsExactlyInAnyOrder("id", "account_id", "prefix", "models",
                "requests_per_minute", "max_concurrent", "unsupported_parameters", "created", "revoked",
                "revoked_at");
        assertThat(active.get("account_id").asString()).isEqualTo(account);
        assertThat(active.get("models").isNull()).as("every model").isTrue();
        assertThat(active.get("requests_per_minute").isNull()).isTrue();
        assertThat(active.get("max_concurrent").asInt()).isEqualTo(2);
        assertThat(active.get("unsupported_parameters").asString()).isEqualTo("drop");
        assertThat(active.get("revoked").asBoolean()).isFalse();
        assertThat(active.get("revoked_at").isNull()).isTrue();
        assertThat(active.get("prefix").asString()).isEqualTo(second.json().get("key").asString().substring(0, 8))
                .startsWith("ig_");
        JsonNode revoked = page.get("data").get(1);
        assertThat(revoked.get("models").get(0).asString()).isEqualTo("nano-banana");
        assertThat(revoked.get("requests_per_minute").asInt()).isEqualTo(60);
        assertThat(revoked.get("unsupported_parameters").asString()).isEqualTo("reject");
        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(revoked.get("revoked_at").asLong()).isGreaterThanOrEqualTo(revoked.get("created").asLong());
        assertThat(active.get("created").asLong()).isGreaterThan(revoked.get("created").asLong());

        String body = new String(response.body(), StandardCharsets.UTF_8);
        for (Response created : List.of(first, second)) {
            String secret = created.json().get("key").asString();
            String hash = jdbc.sql("SELECT key_hash FROM api_keys WHERE id = ?")
                    .param(created.json().get("id").asString()).query(String.class).single();
            assertThat(body).doesNotContain(secret).doesNotContain(hash);
        }
    }

    @Test
    void creatingChangingAndListingAKeyShowOneShape() {
        String account = admin.createAccount("keys", "1.00");
        Response created = admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\"}");
        String id = created.json().get("id").asString();

        Response patched = admin.patch("/admin/v1/keys/" + id, "{\"requests_per_minute\":30}");
        JsonNode listed = admin.get("/admin/v1/keys?account_id=" + account).json().get("data").get(0);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("key").asString()).startsWith("ig_");
        assertThat(created.json().propertyNames()).containsExactlyInAnyOrderElementsOf(withKey(listed));
        assertThat(patched.json()).isEqualTo(listed);
        assertThat(listed.get("requests_per_minute").asInt()).isEqualTo(30);
    }

    @Test
    void withoutAnAccountEveryKeyIsListedNewestFirstAcrossPages() {
        String one = admin.createAccount("keys-one", "1.00");
        String two = admin.createAccount("keys-two", "1.00");
        List<String> mine = new ArrayList<>();
        mine.add(admin.createKey(one).id());
        waitForTheNextSecond();
        mine.add(admin.createKey(two).id());
        mine.add(admin.createKey(one).id());

        List<JsonNode> walked = new ArrayList<>();
        String after = null;
        boolean more;
        do {
            JsonNode page = admin.get("/admin/v1/keys?limit=2" + (after == null ? "" : "&after=" + after)).json();
            assertThat(page.get("data").size()).isLessThanOrEqualTo(2);
            page.get("data").forEach(walked::add);
            more = page.get("has_more").asBoolean();
            after = page.get("last_id").asString();
        } while (more);

        List<String> walkedIds = walked.stream().map(key -> key.get("id").asString()).toList();
        assertThat(walkedIds).doesNotHaveDuplicates().containsAll(mine);
        assertThat(walkedIds.indexOf(mine.get(1))).isLessThan(walkedIds.indexOf(mine.getFirst()));
        assertThat(walkedIds.indexOf(mine.get(2))).isLessThan(walkedIds.indexOf(mine.getFirst()));
        for (int i = 1; i < walked.size(); i++) {
            assertThat(walked.get(i).get("created").asLong()).as("newest first")
                    .isLessThanOrEqualTo(walked.get(i - 1).get("created").asLong());
        }
        long totalKeys = jdbc.sql("SELECT COUNT(*) FROM api_keys").query(Long.class).single();
        assertThat(walked).hasSize((int) totalKeys);
    }

    @Test
    void anUnknownAccountIs404AndBadParametersAre400() {
        String account = admin.createAccount("keys", "1.00");
        String otherKey = admin.newKey().id();

        assertError(admin.get("/admin/v1/keys?account_id=acct_nobody"), 404, "invalid_request_error", "not_found",
                "account_id");
        assertError(admin.get("/admin/v1/keys?limit=0"), 400, "invalid_request_error", "invalid_value", "limit");
        assertError(admin.get("/admin/v1/keys?limit=many"), 400, "invalid_request_error", "invalid_value", "limit");
        assertError(admin.get("/admin/v1/keys?after=key_nobody"), 400, "invalid_request_error", "invalid_value",
                "after");
        assertError(admin.get("/admin/v1/keys?account_id=" + account + "&after=" + otherKey), 400,
                "invalid_request_error", "invalid_value", "after");
        assertError(http.get("/admin/v1/keys"), 401, "authentication_error", "missing_api_key", null);
    }

    private static List<String> withKey(JsonNode listed) {
        List<String> names = new ArrayList<>(listed.propertyNames());
        names.add("key");
        return names;
    }
}
