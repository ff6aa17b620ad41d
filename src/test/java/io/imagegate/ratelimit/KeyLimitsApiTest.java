package io.imagegate.ratelimit;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Per-key limits set through the admin API and the rate limit over HTTP, with limits in this node's memory.
 * {@link KeyLimitsApiOnRedisTest} runs the same with them in Redis.
 */
class KeyLimitsApiTest extends GatewayTest {

    static final String GENERATE = "/v1/images/generations";
    static final String NANO_BANANA = "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\"}";

    @Test
    void aKeyIsCreatedWithLimitsAndAPatchChangesOrRemovesThem() {
        String account = admin.createAccount("limits", "1.00");

        Response created = admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\","
                + "\"requests_per_minute\":60,\"max_concurrent\":2}");
        String id = created.json().get("id").asString();
        Response patched = admin.patch("/admin/v1/keys/" + id, "{\"max_concurrent\":null}");
        Response raised = admin.patch("/admin/v1/keys/" + id, "{\"requests_per_minute\":600}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("requests_per_minute").asInt()).isEqualTo(60);
        assertThat(created.json().get("max_concurrent").asInt()).isEqualTo(2);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode key = patched.json();
        assertThat(key.has("key")).as("the secret is never shown again").isFalse();
        assertThat(key.get("id").asString()).isEqualTo(id);
        assertThat(key.get("account_id").asString()).isEqualTo(account);
        assertThat(key.get("requests_per_minute").asInt()).isEqualTo(60);
        assertThat(key.get("max_concurrent").isNull()).isTrue();
        assertThat(raised.json().get("requests_per_minute").asInt()).isEqualTo(600);
        assertThat(raised.json().get("max_concurrent").isNull()).isTrue();
    }

    @Test
    void limitsMustBePositiveIntegersAndAPatchMustNameAnExistingKeyAndALimit() {
        Key key = admin.newKey("1.00");
        String account = key.accountId();

        assertError(admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\",\"requests_per_minute\":0}"),
                400, "invalid_request_error", "invalid_value", "requests_per_minute");
        assertError(admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\",\"max_concurrent\":-1}"),
                400, "invalid_request_error", "invalid_value", "max_concurrent");
        assertError(admin.patch("/admin/v1/keys/" + key.id(), "{\"max_concurrent\":\"2\"}"), 400,
                "invalid_request_error", "invalid_value", "max_concurrent");
        assertError(admin.patch("/admin/v1/keys/" + key.id(), "{\"requests_per_minute\":1.5}"), 400,
                "invalid_request_error", "invalid_value", "requests_per_minute");
        assertError(admin.patch("/admin/v1/keys/" + key.id(), "{}"), 400, "invalid_request_error",
                "missing_required_parameter", null);
        assertError(admin.patch("/admin/v1/keys/" + key.id(), "{\"models\":[\"nano-banana\"]}"), 400,
                "invalid_request_error", "unknown_parameter", "models");
        assertError(admin.patch("/admin/v1/keys/key_nobody", "{\"max_concurrent\":1}"), 404,
                "invalid_request_error", "not_found", null);
        admin.delete("/admin/v1/keys/" + key.id());
        assertError(admin.patch("/admin/v1/keys/" + key.id(), "{\"max_concurrent\":1}"), 404,
                "invalid_request_error", "not_found", null);
    }

    @Test
    void overTheRateIs429WithRetryAfterAndTheErrorBodyAndChargesNothing() {
        Key key = admin.newLimitedKey("1.00", "\"requests_per_minute\":2");

        Response first = http.post(GENERATE, NANO_BANANA, key.header());
        Response second = http.post(GENERATE, NANO_BANANA, key.header());
        Response refused = http.post(GENERATE, NANO_BANANA, key.header());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("x-ratelimit-limit-requests")).isEqualTo("2");
        assertThat(first.header("x-ratelimit-remaining-requests")).isEqualTo("1");
        assertThat(second.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertError(refused, 429, "rate_limit_error", "rate_limit_exceeded", null);
        assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(25L, 30L); // a token every 30 s
        assertThat(refused.header("x-ratelimit-limit-requests")).isEqualTo("2");
        assertThat(refused.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(refused.header("x-request-id")).isNotBlank();
        assertThat(refused.error().get("message").asString()).contains("2 requests per minute", "nothing was charged");
        assertThat(admin.balance(key.accountId())).isEqualTo("0.922"); // two images at 0.039
        assertThat(admin.ledger(key.accountId())).hasSize(3);
        assertThat(imagesOf(key.accountId())).isZero(); // b64_json stores nothing
        admin.assertBooksBalance();
    }

    @Test
    void aPatchTakesEffectOnTheKeysNextRequest() {
        Key key = admin.newLimitedKey("1.00", "\"requests_per_minute\":1");
        http.post(GENERATE, NANO_BANANA, key.header());
        Response limited = http.post(GENERATE, NANO_BANANA, key.header());

        admin.patch("/admin/v1/keys/" + key.id(), "{\"requests_per_minute\":3}");
        Response raised = http.post(GENERATE, NANO_BANANA, key.header());
        admin.patch("/admin/v1/keys/" + key.id(), "{\"requests_per_minute\":null}");
        Response unlimited = http.post(GENERATE, NANO_BANANA, key.header());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        assertThat(raised.header("x-ratelimit-limit-requests")).isEqualTo("3");
        assertThat(unlimited.status()).isEqualTo(200);
        assertThat(unlimited.header("x-ratelimit-limit-requests")).as("no rate limit, no headers").isNull();
    }

    @Test
    void idempotentReplaysCountAgainstTheRate() {
        Key key = admin.newLimitedKey("1.00", "\"requests_per_minute\":2");
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("Idempotency-Key", "replayed-" + key.id());

        Response first = http.post(GENERATE, NANO_BANANA, headers);
        Response replay = http.post(GENERATE, NANO_BANANA, headers);
        Response refused = http.post(GENERATE, NANO_BANANA, headers);

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertError(refused, 429, "rate_limit_error", "rate_limit_exceeded", null);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
    }

    @Test
    void requestsRefusedForOtherReasonsStillCountAgainstTheRate() {
        Key key = admin.newLimitedKey("1.00", "\"requests_per_minute\":1");

        Response malformed = http.post(GENERATE, "{\"model\":\"nano-banana\"", key.header());
        Response next = http.post(GENERATE, NANO_BANANA, key.header());

        assertError(malformed, 400, "invalid_request_error", "invalid_json", null);
        assertThat(malformed.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertError(next, 429, "rate_limit_error", "rate_limit_exceeded", null);
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
    }
}
