package io.imagegate.providers.sdwebui;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.PngEncoder;
import io.imagegate.money.Micros;
import io.imagegate.providers.ProviderContractTest;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.Http.Response;
import io.imagegate.support.Http;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider contract for {@code sdwebui}, against a fake AUTOMATIC1111 {@code txt2img} endpoint. The
 * contract's api-key has no {@code ':'}, so this channel sends it as a bearer token (a reverse proxy's); HTTP
 * Basic for {@code --api-auth} is pinned in {@link SdWebUiProviderTest}.
 */
class SdWebUiContractTest extends ProviderContractTest {

    private static final FakeUpstream WEBUI = new FakeUpstream(request -> Reply.json(500, "{}"));
    private static final String MODEL = "seedream-v4";
    private static final String EDIT_MODEL = "seedream-v4.5";
    private static final String CHECKPOINT = "sd_xl_base_1.0.safetensors";

    @DynamicPropertySource
    static void sdwebui(DynamicPropertyRegistry registry) {
        contractGateway(registry, SdWebUiWire.NAME, WEBUI, MODEL, EDIT_MODEL, CHECKPOINT);
    }

    @AfterAll
    static void stop() {
        WEBUI.close();
    }

    @Override
    protected FakeUpstream upstream() {
        return WEBUI;
    }

    @Override
    protected String model() {
        return MODEL;
    }

    /** Portrait, so a width/height swap shows; every catalog size is already a multiple of 8. */
    @Override
    protected ImageSize size() {
        return ImageSize.parse("1728x2304");
    }

    /** What A1111 answers: one PNG per batch item at the size asked, the request echoed, {@code info} as a string. */
    @Override
    protected Reply success(Recorded request) {
        return Reply.json(200, txt2img(request, false));
    }

    /** nginx's {@code limit_req} with {@code limit_req_status 429}: A1111 itself never rate-limits. */
    @Override
    protected Reply rateLimited(Duration retryAfter) {
        return Reply.html(429, "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n"
                + "<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n"
                + "</body>\r\n</html>\r\n").withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    /** A1111's middleware turning torch's out-of-memory exception into a 500. */
    @Override
    protected Reply serverError() {
        return Reply.json(500, """
                {"error": "OutOfMemoryError", "detail": "", "body": "",
                 "errors": "CUDA out of memory. Tried to allocate 2.25 GiB (GPU 0; 23.65 GiB total capacity; \
                19.84 GiB already allocated; 1.12 GiB free; 21.12 GiB reserved in total by PyTorch)"}""");
    }

    /**
     * Nothing in A1111 or Forge refuses on content grounds. This is the most a filter placed in front of the
     * API could say, in the middleware's shape, and the adapter still reads it as the plain 400 it is.
     */
    @Override
    protected Reply safetyBlocked() {
        return Reply.json(400, """
                {"error": "HTTPException", "detail": "NSFW content detected in prompt", "body": "",
                 "errors": "400: NSFW content detected in prompt"}""");
    }

    /**
     * A WebUI started with {@code --api-auth} answering a bearer token: FastAPI's HTTPBasic refuses any other
     * scheme, and A1111's middleware reshapes the 401.
     */
    @Override
    protected Reply credentialRejected() {
        return Reply.json(401, """
                {"error": "HTTPException", "detail": "Not authenticated", "body": "",
                 "errors": "401: Not authenticated"}""");
    }

    /** A 200 cut off in the middle of the first image. */
    @Override
    protected Reply malformed() {
        return Reply.json(200, "{\"images\": [\"iVBORw0KGgoAAAANSUhEUgAABsAAAAkA");
    }

    @Override
    protected void assertRequestShape(Recorded request, int n, long seed) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/sdapi/v1/txt2img");
        assertThat(request.query()).isNull();
        assertThat(request.header("authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.get("prompt").asString()).isEqualTo(PROMPT);
        assertThat(body.get("negative_prompt").asString()).isEmpty();
        assertThat(body.get("width").asInt()).isEqualTo(1728);
        assertThat(body.get("height").asInt()).isEqualTo(2304);
        assertThat(body.get("seed").asLong()).isEqualTo(seed);
        assertThat(body.get("batch_size").asInt()).isEqualTo(n);
        assertThat(body.get("n_iter").asInt()).isEqualTo(1);
        assertThat(body.get("steps").asInt()).isEqualTo(25);
        assertThat(body.get("cfg_scale").asDouble()).isEqualTo(7.0);
        assertThat(body.get("sampler_name").asString()).isEqualTo("Euler a");
        assertThat(body.get("override_settings").toString())
                .isEqualTo("{\"sd_model_checkpoint\":\"" + CHECKPOINT + "\"}");
    }

    @Override
    protected String editModel() {
        return EDIT_MODEL;
    }

    /**
     * {@code img2img}: the {@code txt2img} fields, then every image as plain base64 in {@code init_images}, in
     * order. Several images are one batch item each, so two images make a batch of two for one result.
     */
    @Override
    protected void assertEditShape(Recorded request, List<byte[]> images) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/sdapi/v1/img2img");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.get("prompt").asString()).isEqualTo(PROMPT);
        assertThat(body.get("init_images").valueStream().map(image -> Base64.getDecoder().decode(image.asString())))
                .containsExactlyElementsOf(images);
        assertThat(body.get("batch_size").asInt()).isEqualTo(images.size());
        assertThat(body.get("n_iter").asInt()).isEqualTo(1);
        assertThat(body.get("denoising_strength").asDouble()).isEqualTo(0.75);
        assertThat(body.has("mask")).isFalse();
        assertThat(body.get("override_settings").toString())
                .isEqualTo("{\"sd_model_checkpoint\":\"" + CHECKPOINT + "\"}");
    }

    @Override
    protected int callsFor(int n) {
        return (n + 3) / 4; // one batch of up to max-batch-size (4) images per call
    }

    /**
     * Replaces the contract's safety test, because AUTOMATIC1111 and Forge have no safety signal. A 400 is a
     * rejected request whatever its words: an upstream error after one call, never a 451. And every 200 with
     * images is delivered and charged, even when a censor extension has painted the images black.
     */
    @Test
    @Override
    @DisplayName("sdwebui has no safety signal: a 400 is a plain rejection, every 200 with images is delivered")
    protected void aSafetyBlockIs451AfterOneCallAndChargesNothing() {
        Key own = admin.newKey("10.00");
        upstream().answerByDefault(request -> safetyBlocked());

        Response refused = generateFor(own);

        assertError(refused, 502, "upstream_error", "upstream_error", null);
        assertThat(upstream().requests()).hasSize(1);
        assertThat(Micros.parse(admin.balance(own.accountId()))).isEqualTo(10_000_000L);

        upstream().answerByDefault(request -> Reply.json(200, txt2img(request, true)));

        Response delivered = generateFor(own);

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        long charged = Micros.parse(delivered.header("x-imagegate-charged"));
        assertThat(charged).isPositive();
        assertThat(Micros.parse(admin.balance(own.accountId()))).isEqualTo(10_000_000L - charged);
        admin.assertBooksBalance();
    }

    private Response generateFor(Key own) {
        return http.post("/v1/images/generations", "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + PROMPT
                + "\",\"size\":\"" + size() + "\",\"n\":1,\"seed\":42,\"response_format\":\"b64_json\"}",
                own.header());
    }

    /**
     * A {@code TextToImageResponse} for the request: its batch, its echo, and {@code info} as a JSON string. An
     * {@code img2img} request gets the same shape, its echo without the images and mask, as A1111 sends unless
     * asked for them ({@code include_init_images}).
     */
    private static String txt2img(Recorded request, boolean black) {
        ObjectNode asked = (ObjectNode) Http.JSON.readTree(request.body());
        if (asked.has("init_images")) {
            asked.putNull("init_images");
            asked.putNull("mask");
        }
        int width = asked.get("width").asInt();
        int height = asked.get("height").asInt();
        int batch = asked.get("batch_size").asInt();
        long seed = asked.get("seed").asLong();
        String image = Base64.getEncoder().encodeToString(png(width, height, black));
        ObjectNode answer = Http.JSON.createObjectNode();
        answer.putArray("images").addAll(Collections.nCopies(batch,
                Http.JSON.getNodeFactory().stringNode(image)));
        answer.set("parameters", asked);
        ObjectNode info = Http.JSON.createObjectNode()
                .put("prompt", asked.get("prompt").asString())
                .put("seed", seed)
                .put("width", width)
                .put("height", height)
                .put("sampler_name", asked.get("sampler_name").asString())
                .put("cfg_scale", asked.get("cfg_scale").asDouble())
                .put("steps", asked.get("steps").asInt())
                .put("batch_size", batch)
                .put("sd_model_name", "sd_xl_base_1.0")
                .put("sd_model_hash", "31e35c80fc")
                .put("index_of_first_image", 0)
                .put("job_timestamp", "20261121043400");
        for (int i = 0; i < batch; i++) {
            info.withArray("all_seeds").add(seed + i);
        }
        answer.put("info", info.toString());
        return answer.toString();
    }

    /** Identical rows compress to almost nothing, so even a large batch is a small body. */
    private static byte[] png(int width, int height, boolean black) {
        byte[] rgb = new byte[width * height * 3];
        if (!black) {
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) (i % (width * 3));
            }
        }
        return PngEncoder.encodeRgb(width, height, rgb);
    }
}
