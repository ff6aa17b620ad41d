package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of a generation: its status, the OpenAI error body with type, code and param, a message that
 * says what to fix, and nothing stored.
 */
class GenerationErrorsTest extends GatewayTest {

    private Key key;

    @BeforeEach
    void newKey() {
        key = admin.newKey();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(imagesOf(key.accountId())).as("images stored by refused requests").isZero();
    }

    @Test
    void malformedJsonIs400() {
        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": ");

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
        assertThat(response.error().get("message").asString()).contains("not valid JSON");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        assertError(generate("[1, 2]"), 400, "invalid_request_error", "invalid_json", null);
    }

    @Test
    void missingPromptIs400NamingPrompt() {
        Response response = generate("{\"model\": \"nano-banana\"}");

        assertError(response, 400, "invalid_request_error", "missing_required_parameter", "prompt");
    }

    @Test
    void blankPromptIs400() {
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"   \"}"), 400, "invalid_request_error",
                "invalid_value", "prompt");
    }

    @Test
    void missingModelIs400NamingModel() {
        assertError(generate("{\"prompt\": \"a red fox\"}"), 400, "invalid_request_error",
                "missing_required_parameter", "model");
    }

    @Test
    void unknownModelIs400() {
        Response response = generate("{\"model\": \"nano-apple\", \"prompt\": \"a red fox\"}");

        assertError(response, 400, "invalid_request_error", "model_not_found", "model");
        assertThat(response.error().get("message").asString()).contains("nano-apple", "/v1/models");
    }

    @Test
    void unknownFieldIs400NamingIt() {
        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a red fox\", \"colour\": \"red\"}");

        assertError(response, 400, "invalid_request_error", "unknown_parameter", "colour");
        assertThat(response.error().get("message").asString()).contains("'colour'");
    }

    @Test
    void qualityOnNanoBananaIs400NamingFieldAndModel() {
        Response response = generate(
                "{\"model\": \"nano-banana\", \"prompt\": \"a red fox\", \"quality\": \"hd\"}");

        assertError(response, 400, "invalid_request_error", "unsupported_parameter", "quality");
        assertThat(response.error().get("message").asString()).contains("nano-banana", "quality");
    }

    @Test
    void negativePromptAndInitImageAreUnsupportedByEveryModel() {
        assertError(generate("{\"model\": \"nano-banana-v2\", \"prompt\": \"a fox\", \"negative_prompt\": \"dogs\"}"),
                400, "invalid_request_error", "unsupported_parameter", "negative_prompt");
        assertError(generate("{\"model\": \"seedream-v4\", \"prompt\": \"a fox\", \"image\": \"data:image/png;base64,\"}"),
                400, "invalid_request_error", "unsupported_parameter", "image");
    }

    @Test
    void aQualityTheModelLacksIs400ListingItsQualities() {
        Response response = generate(
                "{\"model\": \"nano-banana-v2\", \"prompt\": \"a red fox\", \"quality\": \"ultra\"}");

        assertError(response, 400, "invalid_request_error", "invalid_value", "quality");
        assertThat(response.error().get("message").asString()).contains("standard, hd");
    }

    @Test
    void sizeNotInTheModelsListIs400ListingSupportedSizes() {
        Response response = generate(
                "{\"model\": \"nano-banana\", \"prompt\": \"a red fox\", \"size\": \"2048x2048\"}");

        assertError(response, 400, "invalid_request_error", "invalid_value", "size");
        assertThat(response.error().get("message").asString()).contains("1024x1024, 1024x1536, 1536x1024");
    }

    @Test
    void malformedSizeIs400() {
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"size\": \"1024 x 1024\"}"),
                400, "invalid_request_error", "invalid_value", "size");
    }

    @Test
    void nOutOfRangeIs400() {
        for (int n : new int[] {0, 3, -1}) {
            Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a red fox\", \"n\": " + n + "}");
            assertError(response, 400, "invalid_request_error", "invalid_value", "n");
            assertThat(response.error().get("message").asString()).contains("between 1 and 2");
        }
    }

    @Test
    void nThatIsNotAnIntegerIs400() {
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"n\": \"2\"}"),
                400, "invalid_request_error", "invalid_value", "n");
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"n\": 1.5}"),
                400, "invalid_request_error", "invalid_value", "n");
    }

    @Test
    void seedOutOfRangeIs400() {
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"seed\": 4294967296}"),
                400, "invalid_request_error", "invalid_value", "seed");
    }

    @Test
    void inconsistentSizeAndAspectRatioIs400() {
        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a red fox\","
                + " \"size\": \"1024x1024\", \"aspect_ratio\": \"16:9\"}");

        assertError(response, 400, "invalid_request_error", "inconsistent_parameters", "aspect_ratio");
        assertThat(response.error().get("message").asString()).contains("1024x1024", "16:9", "1344x768");
    }

    @Test
    void anAspectRatioTheModelLacksIs400() {
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"aspect_ratio\": \"21:9\"}"),
                400, "invalid_request_error", "invalid_value", "aspect_ratio");
    }

    @Test
    void promptLongerThanTheModelAcceptsIs400() {
        String prompt = "a".repeat(4001);

        Response response = generate("{\"model\": \"seedream-v4\", \"prompt\": \"" + prompt + "\"}");

        assertError(response, 400, "invalid_request_error", "invalid_value", "prompt");
        assertThat(response.error().get("message").asString()).contains("4001", "4000");
    }

    @Test
    void badResponseFormatIs400() {
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"response_format\": \"png\"}"),
                400, "invalid_request_error", "invalid_value", "response_format");
    }

    @Test
    void overlongUserIs400() {
        String user = "u".repeat(257);

        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"user\": \"" + user + "\"}");

        assertError(response, 400, "invalid_request_error", "invalid_value", "user");
    }

    @Test
    void noKeyIs401() {
        Response response = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}",
                Map.of());

        assertError(response, 401, "authentication_error", "missing_api_key", null);
    }

    @Test
    void unknownKeyIs401() {
        Response response = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}",
                Map.of("x-api-key", "ig_thisKeyWasNeverIssued"));

        assertError(response, 401, "authentication_error", "invalid_api_key", null);
    }

    @Test
    void revokedKeyIs401() {
        assertThat(admin.delete("/admin/v1/keys/" + key.id()).status()).isEqualTo(204);

        Response response = generate("{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}");

        assertError(response, 401, "authentication_error", "revoked_api_key", null);
    }

    @Test
    void twoDifferentKeysInTheTwoHeadersIs401() {
        Key other = admin.newKey();

        Response response = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}",
                Map.of("x-api-key", key.secret(), "Authorization", "Bearer " + other.secret()));

        assertError(response, 401, "authentication_error", "conflicting_api_keys", null);
        assertThat(imagesOf(other.accountId())).isZero();
    }

    @Test
    void keyWhoseAllowListLacksTheModelIs403() {
        Key limited = admin.createKey(key.accountId(), "nano-banana");

        Response refused = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana-v2\",\"prompt\":\"a fox\"}", limited.header());
        Response allowed = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"response_format\":\"b64_json\"}", limited.header());

        assertError(refused, 403, "permission_error", "model_not_allowed", "model");
        assertThat(refused.error().get("message").asString()).contains("nano-banana-v2");
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void bodyOverTheSizeLimitIs413() {
        String prompt = "a".repeat(70 * 1024);

        Response response = generate("{\"model\":\"nano-banana\",\"prompt\":\"" + prompt + "\"}");

        assertError(response, 413, "invalid_request_error", "body_too_large", null);
    }

    /**
     * A caller still sending an oversized body when the gateway decides gets its 413, not a reset: the rest of
     * the body (here sent 300 ms later) is read and dropped before the answer. Refused and closed at once, the
     * connection would reset that late write.
     */
    @Test
    void aCallerStillSendingAnOversizedBodyGetsItsAnswer() throws Exception {
        byte[] body = ("{\"model\":\"nano-banana\",\"prompt\":\"" + "a".repeat(1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        URI base = URI.create(http.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/images/generations HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + key.secret()
                    + "\r\ncontent-type: application/json\r\ncontent-length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 64 * 1024);
            out.flush();
            Thread.sleep(300);
            out.write(body, 64 * 1024, body.length - 64 * 1024);
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("body_too_large");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
        }
    }

    @Test
    void chunkedBodyOverTheSizeLimitIs413() {
        byte[] big = ("{\"model\":\"nano-banana\",\"prompt\":\"" + "a".repeat(70 * 1024) + "\"}").getBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + "/v1/images/generations"))
                .header("x-api-key", key.secret())
                .header("content-type", "application/json")
                // A publisher of unknown length makes the client send the body chunked, with no Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));

        assertError(http.send(request), 413, "invalid_request_error", "body_too_large", null);
    }

    private Response generate(String body) {
        return http.post("/v1/images/generations", body, key.header());
    }
}
