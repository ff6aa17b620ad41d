package io.imagegate.billing;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key}: a replay returns the first response and is charged once. */
class IdempotencyApiTest extends GatewayTest {

    private static final String BODY = "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"n\":2}";

    private Key key;

    @BeforeEach
    void newKey() {
        key = admin.newKey("1.00");
    }

    @Test
    void aReplayReturnsTheFirstResponseWithTheSameUrlsAndChargesOnce() {
        Response first = generate(BODY, "order-1234");
        Response replay = generate(BODY, "order-1234");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(first.header("x-imagegate-charged")).isEqualTo("0.078");
        assertThat(replay.header("x-imagegate-charged")).isEqualTo("0.00");
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.header("x-imagegate-seed")).isEqualTo(first.header("x-imagegate-seed"));
        assertThat(admin.balance(key.accountId())).isEqualTo("0.922");
        assertThat(admin.ledger(key.accountId())).hasSize(2);
        assertThat(imagesOf(key.accountId())).isEqualTo(2);
        String url = replay.json().get("data").get(0).get("url").asString();
        assertThat(http.get(url).status()).isEqualTo(200);
        admin.assertBooksBalance();
    }

    @Test
    void theSameBodyWithOtherKeyOrderAndSpacingIsTheSameRequest() {
        Response first = generate(BODY, "order-5678");
        Response reordered = generate("{ \"n\": 2, \"prompt\": \"a red fox\",\n \"model\": \"nano-banana\" }",
                "order-5678");

        assertThat(reordered.status()).isEqualTo(200);
        assertThat(reordered.body()).isEqualTo(first.body());
        assertThat(admin.balance(key.accountId())).isEqualTo("0.922");
    }

    @Test
    void theSameKeyWithAnotherBodyIs409AndChargesNothingMore() {
        generate(BODY, "order-42");

        Response other = generate("{\"model\":\"nano-banana\",\"prompt\":\"a blue fox\",\"n\":2}", "order-42");

        assertError(other, 409, "invalid_request_error", "idempotency_key_reused", null);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.922");
    }

    @Test
    void keysBelongToTheirAccount() {
        Key other = admin.newKey("1.00");
        generate(BODY, "shared-key");

        Response response = http.post("/v1/images/generations", BODY, headers(other, "shared-key"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("idempotent-replayed")).isNull();
        assertThat(admin.balance(other.accountId())).isEqualTo("0.922");
    }

    @Test
    void aFailedRequestGivesItsKeyBackForTheRetry() {
        Key poor = admin.newKey("0.05");
        Response refused = http.post("/v1/images/generations", BODY, headers(poor, "retry-me"));
        admin.post("/admin/v1/accounts/" + poor.accountId() + "/credit", "{\"amount\":\"1.00\"}");

        Response retried = http.post("/v1/images/generations", BODY, headers(poor, "retry-me"));

        assertThat(refused.status()).isEqualTo(402);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("idempotent-replayed")).isNull();
        assertThat(admin.balance(poor.accountId())).isEqualTo("0.972");
    }

    @Test
    void aMalformedKeyIs400() {
        assertError(generate(BODY, "has spaces in it"), 400, "invalid_request_error", "invalid_value",
                "Idempotency-Key");
        assertError(generate(BODY, "k".repeat(256)), 400, "invalid_request_error", "invalid_value",
                "Idempotency-Key");
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
    }

    @Test
    void aB64JsonReplayIsTheFirstResponseByteForByteRebuiltFromStoredImagesNotFromTheDatabase() {
        String b64 = "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"n\":2,\"response_format\":\"b64_json\"}";
        Response first = generate(b64, "order-b64");
        Response replay = generate(b64, "order-b64");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.body()).as("the same bytes").isEqualTo(first.body());
        String base64 = first.json().get("data").get(0).get("b64_json").asString();
        assertThat(base64).hasSizeGreaterThan(1000);
        Map<String, Object> kept = jdbc.sql("SELECT response_body, response_images FROM idempotency_keys"
                        + " WHERE account_id = ? AND idem_key = 'order-b64'")
                .param(key.accountId()).query().singleRow();
        assertThat((String) kept.get("response_body")).as("no base64 in the database").hasSizeLessThan(500)
                .doesNotContain(base64.substring(0, 100));
        assertThat(((String) kept.get("response_images")).split(",")).hasSize(2);
        assertThat(imagesOf(key.accountId())).as("stored for the replay").isEqualTo(2);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.922");
        admin.assertBooksBalance();
    }

    @Test
    void aB64JsonAnswerWithoutAKeyStoresNothing() {
        Response answer = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\","
                + "\"response_format\":\"b64_json\"}", key.header());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(imagesOf(key.accountId())).isZero();
    }

    private Response generate(String body, String idempotencyKey) {
        return http.post("/v1/images/generations", body, headers(key, idempotencyKey));
    }

    private static Map<String, String> headers(Key key, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("Idempotency-Key", idempotencyKey);
        return headers;
    }
}
