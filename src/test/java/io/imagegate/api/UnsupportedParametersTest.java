package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The policy for fields a model cannot honour: strict by default (a 400 naming the field), left out and named
 * in {@code x-imagegate-ignored} on a key an admin set to drop, and never a way around an invalid value or a
 * charge for a refused request.
 */
class UnsupportedParametersTest extends GatewayTest {

    /** What LangChain's DALL-E wrapper sends on every call, on a model with no quality levels and no styles. */
    private static final String LANGCHAIN_STYLE = """
            {"model": "nano-banana", "prompt": "a red fox", "style": "vivid", "quality": "standard"}""";

    @Test
    void aDropKeyLeavesOutStyleAndQualityAndNamesThem() throws Exception {
        Key key = dropKey("10.00");

        Response response = generate(key, LANGCHAIN_STYLE, Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-imagegate-ignored")).isEqualTo("quality,style");
        assertThat(response.header("x-imagegate-charged")).isEqualTo("0.039");
        GenerationApiTest.assertPng(http.get(url(response)).body(), 1024, 1024);
    }

    @Test
    void aStrictKeyRefusesTheFirstUnsupportedFieldNamingItAndTheModel() {
        Key key = admin.newKey();

        Response response = generate(key, LANGCHAIN_STYLE, Map.of());

        assertError(response, 400, "invalid_request_error", "unsupported_parameter", "quality");
        assertThat(response.error().get("message").asString()).contains("nano-banana", "'quality'", "drop");
        assertError(generate(key, """
                {"model": "nano-banana", "prompt": "a red fox", "style": "vivid"}""", Map.of()),
                400, "invalid_request_error", "unsupported_parameter", "style");
        assertNothingCharged(key, "10.00");
    }

    @Test
    void dropNeverLetsAnInvalidValueThrough() {
        Key key = dropKey("10.00");

        assertError(generate(key, """
                {"model": "nano-banana", "prompt": "a red fox", "style": "vivid", "size": "4096x4096"}""", Map.of()),
                400, "invalid_request_error", "invalid_value", "size");
        assertError(generate(key, """
                {"model": "nano-banana", "prompt": "a red fox", "style": "vivid", "n": 3}""", Map.of()),
                400, "invalid_request_error", "invalid_value", "n");
        assertError(generate(key, """
                {"model": "nano-banana-v2", "prompt": "a red fox", "quality": "ultra"}""", Map.of()),
                400, "invalid_request_error", "invalid_value", "quality");
        assertNothingCharged(key, "10.00");
    }

    @Test
    void dropDoesNotTurnAMisspeltFieldIntoASilentOne() {
        Key key = dropKey("10.00");

        assertError(generate(key, """
                {"model": "nano-banana", "prompt": "a red fox", "sise": "1024x1536"}""", Map.of()),
                400, "invalid_request_error", "unknown_parameter", "sise");
    }

    @Test
    void aRequestMayAskForDropOnlyOnAKeyThatAllowsIt() {
        Key strict = admin.newKey();
        Key lenient = dropKey("10.00");

        assertError(generate(strict, LANGCHAIN_STYLE, Map.of("x-imagegate-unsupported", "drop")),
                403, "permission_error", "unsupported_parameters_not_allowed", "x-imagegate-unsupported");
        assertError(generate(lenient, LANGCHAIN_STYLE, Map.of("x-imagegate-unsupported", "reject")),
                400, "invalid_request_error", "unsupported_parameter", "quality");
        assertError(generate(lenient, LANGCHAIN_STYLE, Map.of("x-imagegate-unsupported", "lenient")),
                400, "invalid_request_error", "invalid_value", "x-imagegate-unsupported");
        Response dropped = generate(lenient, LANGCHAIN_STYLE, Map.of("x-imagegate-unsupported", "drop"));
        assertThat(dropped.status()).as(dropped.toString()).isEqualTo(200);
        assertThat(dropped.header("x-imagegate-ignored")).isEqualTo("quality,style");
        assertNothingCharged(strict, "10.00");
    }

    @Test
    void anAdminSwitchesAKeyToDropAndBack() {
        Key key = admin.newKey();
        Response patched = admin.patch("/admin/v1/keys/" + key.id(), "{\"unsupported_parameters\": \"drop\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("unsupported_parameters").asString()).isEqualTo("drop");

        assertThat(generate(key, LANGCHAIN_STYLE, Map.of()).header("x-imagegate-ignored")).isEqualTo("quality,style");

        Response back = admin.patch("/admin/v1/keys/" + key.id(), "{\"unsupported_parameters\": null}");
        assertThat(back.json().get("unsupported_parameters").asString()).isEqualTo("reject");
        assertError(generate(key, LANGCHAIN_STYLE, Map.of()), 400, "invalid_request_error", "unsupported_parameter",
                "quality");
        assertError(admin.patch("/admin/v1/keys/" + key.id(), "{\"unsupported_parameters\": \"coerce\"}"),
                400, "invalid_request_error", "invalid_value", "unsupported_parameters");
    }

    @Test
    void aFieldTheModelHonoursIsKeptUnderDrop() {
        Key key = dropKey("10.00");

        Response response = generate(key, """
                {"model": "nano-banana-v2", "prompt": "a red fox", "size": "1024x1024", "quality": "hd",
                 "style": "natural"}""", Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-imagegate-ignored")).isEqualTo("style");
        assertThat(response.header("x-imagegate-charged")).as("hd at 1K").isEqualTo("0.101");
    }

    @Test
    void nothingIgnoredMeansNoIgnoredHeader() {
        Response response = generate(dropKey("10.00"), """
                {"model": "nano-banana", "prompt": "a red fox"}""", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-imagegate-ignored")).isNull();
    }

    @Test
    void autoBackgroundAndModerationAskNothingAndPassEvenWhenStrict() {
        Response response = generate(admin.newKey(), """
                {"model": "nano-banana", "prompt": "a red fox", "background": "auto", "moderation": "auto"}""",
                Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-imagegate-ignored")).isNull();
    }

    @Test
    void aTransparentBackgroundIsUnsupportedAndDroppedOnlyWhereAllowed() {
        String transparent = """
                {"model": "nano-banana", "prompt": "a red fox", "background": "transparent", "moderation": "low"}""";

        assertError(generate(admin.newKey(), transparent, Map.of()), 400, "invalid_request_error",
                "unsupported_parameter", "background");
        assertThat(generate(dropKey("10.00"), transparent, Map.of()).header("x-imagegate-ignored"))
                .isEqualTo("background,moderation");
    }

    @Test
    void nullMeansAbsentForEveryFieldKnownOrNot() {
        Response response = generate(admin.newKey(), """
                {"model": "nano-banana", "prompt": "a red fox", "quality": null, "style": null,
                 "some_future_field": null}""", Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-imagegate-ignored")).isNull();
    }

    @Test
    void qualityAutoIsTheModelsDefaultQuality() {
        Response response = generate(admin.newKey(), """
                {"model": "nano-banana-v2", "prompt": "a red fox", "size": "1024x1024", "quality": "auto"}""",
                Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-imagegate-charged")).as("standard at 1K").isEqualTo("0.067");
    }

    @Test
    void aReplayNamesTheFieldsItsFirstResponseLeftOut() {
        Key key = dropKey("10.00");
        Map<String, String> idempotent = Map.of("Idempotency-Key", "drop-replay-1");

        Response first = generate(key, LANGCHAIN_STYLE, idempotent);
        Response replay = generate(key, LANGCHAIN_STYLE, idempotent);

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("x-imagegate-ignored")).isEqualTo("quality,style");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(admin.balance(key.accountId())).as("charged once").isEqualTo("9.961");
    }

    private Key dropKey(String balance) {
        return admin.newLimitedKey(balance, "\"unsupported_parameters\": \"drop\"");
    }

    private Response generate(Key key, String body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(key.header());
        all.putAll(headers);
        return http.post("/v1/images/generations", body, all);
    }

    private void assertNothingCharged(Key key, String balance) {
        assertThat(admin.balance(key.accountId())).isEqualTo(balance);
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
        assertThat(imagesOf(key.accountId())).isZero();
    }

    private static String url(Response response) {
        return response.json().get("data").get(0).get("url").asString();
    }
}
