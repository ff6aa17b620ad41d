package io.imagegate.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.http.MultipartForm;
import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ProviderContractTest;
import io.imagegate.providers.sandbox.SandboxPainter;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The provider contract for {@code openai}, against a fake {@code /v1/images/generations} answering like a GPT
 * image model: base64 only, n images from one call.
 */
class OpenAiContractTest extends ProviderContractTest {

    private static final FakeUpstream OPENAI = new FakeUpstream(request -> Reply.json(500, "{}"));
    private static final String UPSTREAM_MODEL = "gpt-image-1.5";
    /** What the fake draws: half the promised size each way, so the gateway has to resample. */
    private static final byte[] UPSTREAM_PNG = SandboxPainter.paintPng(UPSTREAM_MODEL, PROMPT, 7, 512, 768, null);

    @DynamicPropertySource
    static void openai(DynamicPropertyRegistry registry) {
        contractGateway(registry, "openai", OPENAI, "nano-banana", "seedream-v4", UPSTREAM_MODEL);
        // The fake's base URL has no /v1; a real channel's does (https://api.openai.com/v1).
        registry.add("imagegate.channels[0].base-url", () -> OPENAI.baseUrl() + "/v1");
        registry.add("imagegate.channels[0].options.max-images-per-call", () -> "2");
    }

    @AfterAll
    static void stop() {
        OPENAI.close();
    }

    @Override
    protected FakeUpstream upstream() {
        return OPENAI;
    }

    @Override
    protected String model() {
        return "nano-banana";
    }

    @Override
    protected String editModel() {
        return "seedream-v4";
    }

    /** {@code images/edits} as a form: the images as {@code image[]} files, in order, beside the prompt. */
    @Override
    protected void assertEditShape(Recorded request, List<byte[]> images) {
        assertThat(request.path()).isEqualTo("/v1/images/edits");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + API_KEY);
        MultipartForm form = MultipartForm.read(new ByteArrayInputStream(request.body()),
                request.header("content-type"));
        assertThat(form.one("model").orElseThrow().text()).isEqualTo(UPSTREAM_MODEL);
        assertThat(form.one("prompt").orElseThrow().text()).isEqualTo(PROMPT);
        assertThat(form.all("image[]")).extracting(part -> part.content().toByteArray())
                .containsExactlyElementsOf(images);
    }

    @Override
    protected ImageSize size() {
        return ImageSize.parse("1024x1536");
    }

    @Test
    void theUpstreamsRevisedPromptReachesTheCaller() {
        Response response = generate(1);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().at("/data/0/revised_prompt").asString())
                .isEqualTo("A lighthouse on a rocky cliff at dusk, warm light");
    }

    /** A real-shaped answer with as many images as asked, each smaller than the size promised to the caller. */
    @Override
    protected Reply success(Recorded request) {
        int n = request.path().endsWith("/images/edits")
                ? MultipartForm.read(new ByteArrayInputStream(request.body()), request.header("content-type"))
                        .optionalInt("n").orElse(1)
                : Http.JSON.readTree(request.body()).path("n").asInt(1);
        String data = IntStream.range(0, n)
                .mapToObj(i -> """
                        {"b64_json": "%s", "revised_prompt": "A lighthouse on a rocky cliff at dusk, warm light"}"""
                        .formatted(Base64.getEncoder().encodeToString(UPSTREAM_PNG)))
                .collect(Collectors.joining(", "));
        return Reply.json(200, """
                {"created": 1763596800, "data": [%s], "background": "opaque", "output_format": "png",
                 "quality": "medium", "size": "1024x1536",
                 "usage": {"input_tokens": 14, "input_tokens_details": {"image_tokens": 0, "text_tokens": 14},
                   "output_tokens": 1584, "total_tokens": 1598}}""".formatted(data));
    }

    @Override
    protected Reply rateLimited(Duration retryAfter) {
        return Reply.json(429, """
                {"error": {"message": "Rate limit reached for gpt-image-1.5 in organization org-abc on images per \
                minute (IPM): Limit 5, Used 5, Requested 1. Please try again in 1s.",
                  "type": "requests", "param": null, "code": "rate_limit_exceeded"}}""")
                .withHeader("retry-after", Long.toString(retryAfter.toSeconds()));
    }

    @Override
    protected Reply serverError() {
        return Reply.json(500, """
                {"error": {"message": "The server had an error while processing your request. Sorry about that!",
                  "type": "server_error", "param": null, "code": null}}""");
    }

    @Override
    protected Reply safetyBlocked() {
        return Reply.json(400, """
                {"error": {"message": "Your request was rejected by the safety system. If you believe this is an \
                error, contact us at help.openai.com and include the request ID req_123. safety_violations=[violence].",
                  "type": "image_generation_user_error", "param": null, "code": "moderation_blocked",
                  "moderation_details": {"moderation_stage": "input", "categories": ["violence"]}}}""");
    }

    @Override
    protected Reply credentialRejected() {
        return Reply.json(401, """
                {"error": {"message": "Incorrect API key provided: sk-proj-****1234. You can find your API key at \
                https://platform.openai.com/account/api-keys.",
                  "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}""");
    }

    /** A body cut off inside the base64, as a dropped proxy connection leaves it. */
    @Override
    protected Reply malformed() {
        return Reply.json(200, "{\"created\": 1763596800, \"data\": [{\"b64_json\": \"iVBORw0KGgo");
    }

    @Override
    protected void assertRequestShape(Recorded request, int n, long seed) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/images/generations");
        assertThat(request.query()).isNull();
        assertThat(request.header("authorization")).isEqualTo("Bearer " + API_KEY);
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.get("model").asString()).isEqualTo(UPSTREAM_MODEL);
        assertThat(body.get("prompt").asString()).isEqualTo(PROMPT);
        assertThat(body.get("n").asInt()).isEqualTo(n);
        assertThat(body.get("size").asString()).isEqualTo("1024x1536");
        // OpenAI has no seed and refuses unknown parameters; the GPT image models refuse response_format.
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("model", "prompt", "n", "size");
    }

    @Override
    protected int callsFor(int n) {
        return 1; // max-images-per-call is 2 on this channel
    }
}
