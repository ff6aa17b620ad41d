package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API: accounts and keys behind the admin token. */
class AdminApiTest extends GatewayTest {

    @Test
    void createsAndReadsAnAccountWithADecimalBalance() {
        Response created = admin.post("/admin/v1/accounts", "{\"name\":\"acme\",\"balance\":\"10.00\"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(id).startsWith("acct_");
        assertThat(created.json().get("name").asString()).isEqualTo("acme");
        assertThat(created.json().get("balance").asString()).isEqualTo("10.00");

        Response read = admin.get("/admin/v1/accounts/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("balance").asString()).isEqualTo("10.00");
    }

    @Test
    void keepsBalancesExactToTheMicroUnit() {
        Response created = admin.post("/admin/v1/accounts", "{\"name\":\"acme\",\"balance\":\"0.039001\"}");

        assertThat(created.json().get("balance").asString()).isEqualTo("0.039001");
    }

    @Test
    void refusesBalancesThatAreNotNonNegativeDecimalStrings() {
        for (String balance : new String[] {"\"-1.00\"", "\"ten\"", "10.5", "\"0.0000001\""}) {
            Response response = admin.post("/admin/v1/accounts", "{\"name\":\"acme\",\"balance\":" + balance + "}");
            assertError(response, 400, "invalid_request_error", "invalid_value", "balance");
        }
    }

    @Test
    void createdKeyIsShownOnceAndWorks() {
        String account = admin.createAccount("acme", "1.00");

        Response key = admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\"}");

        assertThat(key.status()).isEqualTo(201);
        assertThat(key.json().get("id").asString()).startsWith("key_");
        String secret = key.json().get("key").asString();
        assertThat(secret).startsWith("ig_").hasSize(43);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE key_hash = ? OR key_prefix = ?")
                .params(secret, secret).query(Long.class).single()).as("plain secret stored").isZero();
        Response generation = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"response_format\":\"b64_json\"}",
                Map.of("x-api-key", secret));
        assertThat(generation.status()).isEqualTo(200);
    }

    @Test
    void keyForAnUnknownAccountOrModelIsRefused() {
        String account = admin.createAccount("acme", "1.00");

        assertError(admin.post("/admin/v1/keys", "{\"account_id\":\"acct_nobody\"}"), 404,
                "invalid_request_error", "not_found", "account_id");
        assertError(admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\",\"models\":[\"dall-e-9\"]}"),
                400, "invalid_request_error", "invalid_value", "models");
        assertError(admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\",\"models\":[]}"),
                400, "invalid_request_error", "invalid_value", "models");
    }

    @Test
    void revokingAKeyIs204ThenTheKeyIsUnknownToRevoke() {
        String keyId = admin.createKey(admin.createAccount("acme", "1.00")).id();

        assertThat(admin.delete("/admin/v1/keys/" + keyId).status()).isEqualTo(204);
        assertError(admin.delete("/admin/v1/keys/" + keyId), 404, "invalid_request_error", "not_found", null);
    }

    @Test
    void unknownAccountIs404() {
        assertError(admin.get("/admin/v1/accounts/acct_nobody"), 404, "invalid_request_error", "not_found", null);
    }

    @Test
    void adminRoutesNeedTheAdminToken() {
        assertError(http.get("/admin/v1/accounts/acct_x", Map.of()), 401, "authentication_error",
                "missing_api_key", null);
        assertError(http.get("/admin/v1/accounts/acct_x", Map.of("Authorization", "Bearer wrong-token-123456")),
                401, "authentication_error", "invalid_api_key", null);
        var apiKey = admin.newKey();
        assertError(http.post("/admin/v1/accounts", "{\"name\":\"x\"}", Map.of("Authorization",
                "Bearer " + apiKey.secret())), 401, "authentication_error", "invalid_api_key", null);
    }

}
