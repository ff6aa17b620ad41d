package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.storage.ExpirySweeper;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every table and query does, checked through the HTTP API on SQLite here and on PostgreSQL in
 * {@link DatabaseBackendsOnPostgresTest}: the same migrations and the same SQL must work on both.
 */
class DatabaseBackendsTest extends GatewayTest {

    private static final String GENERATE = "/v1/images/generations";

    @Autowired
    ExpirySweeper sweeper;

    @Test
    void accountAndKeyAreStoredAndReadBackExactly() {
        String account = admin.createAccount("acme", "12.345678");

        Response read = admin.get("/admin/v1/accounts/" + account);
        Key key = admin.createKey(account, "nano-banana");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asString()).isEqualTo("acme");
        assertThat(read.json().get("balance").asString()).isEqualTo("12.345678");
        Map<String, Object> row = jdbc.sql("SELECT account_id, models, revoked_at FROM api_keys WHERE id = ?")
                .param(key.id()).query().singleRow();
        assertThat(row.get("account_id")).isEqualTo(account);
        assertThat(row.get("models")).isEqualTo("nano-banana");
        assertThat(row.get("revoked_at")).isNull();
    }

    @Test
    void generationSucceedsAndStoresItsImageRow() {
        Key key = admin.newKey();
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("x-request-id", "trace-db-backends");

        Response response = http.post(GENERATE,
                "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\",\"seed\":7,\"user\":\"end-user-7\"}", headers);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Response file = http.get(response.json().get("data").get(0).get("url").asString());
        assertThat(file.status()).isEqualTo(200);
        Map<String, Object> image = jdbc.sql("""
                SELECT request_id, client_request_id, end_user, model, width, height, format, byte_size, created_at,
                       expires_at
                FROM images WHERE account_id = ?""").param(key.accountId()).query().singleRow();
        assertThat(image).containsEntry("request_id", response.header("x-imagegate-request-id"))
                .containsEntry("client_request_id", "trace-db-backends").containsEntry("end_user", "end-user-7")
                .containsEntry("model", "nano-banana").containsEntry("format", "PNG");
        assertThat(((Number) image.get("width")).intValue()).isEqualTo(1024);
        assertThat(((Number) image.get("height")).intValue()).isEqualTo(1024);
        assertThat(((Number) image.get("byte_size")).longValue()).isEqualTo(file.body().length);
        assertThat(((Number) image.get("expires_at")).longValue() - ((Number) image.get("created_at")).longValue())
                .isEqualTo(86_400L);
    }

    @Test
    void twoRequestsSharingOneClientIdAreTwoRequestsAndARefundGivesBackOne() {
        Key key = admin.newKey("1.00");
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("x-request-id", "retry-of-the-same-click");
        String body = "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\",\"response_format\":\"b64_json\"}";

        Response first = http.post(GENERATE, body, headers);
        Response second = http.post(GENERATE, body, headers);

        assertThat(first.header("x-request-id")).isEqualTo("retry-of-the-same-click");
        assertThat(second.header("x-request-id")).isEqualTo("retry-of-the-same-click");
        String firstId = first.header("x-imagegate-request-id");
        assertThat(firstId).startsWith("req_").isNotEqualTo(second.header("x-imagegate-request-id"));
        assertThat(jdbc.sql("SELECT request_id FROM charges WHERE account_id = ? AND client_request_id = ?")
                .params(key.accountId(), "retry-of-the-same-click").query(String.class).list())
                .containsExactlyInAnyOrder(firstId, second.header("x-imagegate-request-id"));

        Response refunded = admin.post("/admin/v1/accounts/" + key.accountId() + "/refunds",
                "{\"request_id\":\"" + firstId + "\"}");
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
        assertThat(refunded.json().get("refunded").asString()).as("one request's charge").isEqualTo("0.039");
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
        assertError(admin.post("/admin/v1/accounts/" + key.accountId() + "/refunds",
                "{\"request_id\":\"retry-of-the-same-click\"}"), 404, "invalid_request_error", "not_found",
                "request_id");
        admin.assertBooksBalance();
    }

    @Test
    void aClientRequestIdAsLongAsTheApiAcceptsIsKept() {
        Key key = admin.newKey();
        String longest = "t".repeat(128);
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("x-request-id", longest);

        Response response = http.post(GENERATE, "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\"}", headers);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-request-id")).isEqualTo(longest);
        assertThat(jdbc.sql("SELECT client_request_id FROM charges WHERE request_id = ?")
                .param(response.header("x-imagegate-request-id")).query(String.class).single()).isEqualTo(longest);
        assertThat(jdbc.sql("SELECT client_request_id FROM images WHERE account_id = ?")
                .param(key.accountId()).query(String.class).single()).isEqualTo(longest);
    }

    @Test
    void revokedKeyIsRefusedAndStaysRevoked() {
        Key key = admin.newKey();
        assertThat(http.post(GENERATE, "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}", key.header()).status())
                .isEqualTo(200);

        assertThat(admin.delete("/admin/v1/keys/" + key.id()).status()).isEqualTo(204);

        assertError(http.post(GENERATE, "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}", key.header()),
                401, "authentication_error", "revoked_api_key", null);
        assertError(admin.delete("/admin/v1/keys/" + key.id()), 404, "invalid_request_error", "not_found", null);
        assertThat(imagesOf(key.accountId())).isEqualTo(1);
    }

    @Test
    void keyLimitedToSomeModelsIsRefusedTheOthers() {
        Key key = admin.createKey(admin.createAccount("acme", "1.00"), "nano-banana");

        Response refused = http.post(GENERATE, "{\"model\":\"nano-banana-v2\",\"prompt\":\"a fox\"}", key.header());

        assertError(refused, 403, "permission_error", "model_not_allowed", "model");
    }

    @Test
    void sweeperFindsAndDeletesExpiredImageRows() {
        Key key = admin.newKey();
        http.post(GENERATE, "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"response_format\":\"url\"}",
                key.header());
        jdbc.sql("UPDATE images SET expires_at = ? WHERE account_id = ?")
                .params(Instant.now().getEpochSecond() - 10, key.accountId()).update();

        assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(imagesOf(key.accountId())).isZero();
    }
}
