package io.imagegate.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ProviderContractTest;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.Http.Response;
import io.imagegate.support.Http;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The provider contract for {@code gemini}, against a fake {@code generateContent} endpoint. */
class GeminiContractTest extends ProviderContractTest {

    private static final FakeUpstream GEMINI = new FakeUpstream(request -> Reply.json(500, "{}"));
    private static final String UPSTREAM_MODEL = "gemini-3.1-flash-image-preview";

    @DynamicPropertySource
    static void gemini(DynamicPropertyRegistry registry) {
        contractGateway(registry, "gemini", GEMINI, "nano-banana-v2", "nano-banana-pro", UPSTREAM_MODEL);
    }

    @AfterAll
    static void stop() {
        GEMINI.close();
    }

    @Override
    protected FakeUpstream upstream() {
        return GEMINI;
    }

    @Override
    protected String model() {
        return "nano-banana-v2";
    }

    @Override
    protected String editModel() {
        return "nano-banana-pro";
    }

    /** The images as {@code inlineData} parts, in order and base64 of exactly their bytes, then the prompt. */
    @Override
    protected void assertEditShape(Recorded request, List<byte[]> images) {
        assertThat(request.path()).isEqualTo("/v1beta/models/" + UPSTREAM_MODEL + ":generateContent");
        assertThat(request.query()).isNull();
        assertThat(request.header("x-goog-api-key")).isEqualTo(API_KEY);
        JsonNode parts = Http.JSON.readTree(request.body()).at("/contents/0/parts");
        assertThat(parts).hasSize(images.size() + 1);
        for (int i = 0; i < images.size(); i++) {
            assertThat(parts.get(i).at("/inlineData/mimeType").asString()).isEqualTo("image/png");
            assertThat(Base64.getDecoder().decode(parts.get(i).at("/inlineData/data").asString()))
                    .isEqualTo(images.get(i));
        }
        assertThat(parts.get(images.size()).get("text").asString()).isEqualTo(PROMPT);
    }

    @Override
    protected ImageSize size() {
        return ImageSize.parse("2048x1536");
    }

    /** A real-shaped answer: commentary text, a thought draft to be skipped, then the image (smaller than asked). */
    @Override
    protected Reply success(Recorded request) {
        String image = Base64.getEncoder().encodeToString(png(688, 512));
        String draft = Base64.getEncoder().encodeToString(png(8, 8));
        return Reply.json(200, """
                {"candidates": [{"content": {"role": "model", "parts": [
                    {"text": "Here is your lighthouse:"},
                    {"inlineData": {"mimeType": "image/png", "data": "%s"}, "thought": true},
                    {"inlineData": {"mimeType": "image/png", "data": "%s"}}]},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 12, "candidatesTokenCount": 1680, "totalTokenCount": 1692},
                 "modelVersion": "%s"}""".formatted(draft, image, UPSTREAM_MODEL));
    }

    @Override
    protected Reply rateLimited(Duration retryAfter) {
        return Reply.json(429, """
                {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED",
                  "message": "You exceeded your current quota, please check your plan and billing details.",
                  "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "%ds"}]}}"""
                .formatted(retryAfter.toSeconds()));
    }

    @Override
    protected Reply serverError() {
        return Reply.json(503, """
                {"error": {"code": 503, "message": "The model is overloaded. Please try again later.",
                  "status": "UNAVAILABLE"}}""");
    }

    @Override
    protected Reply safetyBlocked() {
        return Reply.json(200, """
                {"candidates": [{"content": {"parts": [{"text": "I can't create that."}]},
                  "finishReason": "IMAGE_SAFETY"}]}""");
    }

    @Override
    protected Reply credentialRejected() {
        return Reply.json(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                  "status": "INVALID_ARGUMENT", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                  "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}""");
    }

    @Override
    protected void assertRequestShape(Recorded request, int n, long seed) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1beta/models/" + UPSTREAM_MODEL + ":generateContent");
        assertThat(request.query()).isNull();
        assertThat(request.header("x-goog-api-key")).isEqualTo(API_KEY);
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.at("/contents/0/parts/0/text").asString()).isEqualTo(PROMPT);
        assertThat(body.at("/generationConfig/imageConfig/aspectRatio").asString()).isEqualTo("4:3");
        assertThat(body.at("/generationConfig/imageConfig/imageSize").asString()).isEqualTo("2K");
        assertThat(body.at("/generationConfig/seed").asLong()).isEqualTo(seed);
        assertThat(body.at("/generationConfig/candidateCount").asInt()).isEqualTo(1);
        assertThat(body.at("/generationConfig/responseModalities").toString()).isEqualTo("[\"TEXT\",\"IMAGE\"]");
    }

    @Test
    void aFanOutsSeedsWrapIntoGeminisInt32Range() {
        Response response = http.post("/v1/images/generations", "{\"model\":\"nano-banana-v2\",\"prompt\":\"a fox\","
                + "\"n\":2,\"seed\":2147483647,\"response_format\":\"b64_json\"}", admin.newKey("1.00").header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(GEMINI.requests()).extracting(r -> Http.JSON.readTree(r.body()).at("/generationConfig/seed")
                .asLong()).containsExactlyInAnyOrder(2147483647L, 0L);
    }

    @Override
    protected int callsFor(int n) {
        return n; // Gemini image models return one image per call
    }

    private static byte[] png(int width, int height) {
        return GeminiTestImages.png(width, height);
    }
}
