package io.imagegate.providers.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ProviderContractTest;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The provider contract for {@code seedream}, against a fake ModelArk {@code images/generations} endpoint. */
class SeedreamContractTest extends ProviderContractTest {

    private static final FakeUpstream ARK = new FakeUpstream(request -> Reply.json(500, "{}"));
    private static final String UPSTREAM_MODEL = "seedream-4-5-251128";
    /** As on ModelArk, the channel's base URL carries the API version and the provider appends the rest. */
    private static final String BASE_PATH = "/api/v3";

    @DynamicPropertySource
    static void seedream(DynamicPropertyRegistry registry) {
        contractGateway(registry, "seedream", ARK, "seedream-v4.5", "seedream-v4.5", UPSTREAM_MODEL);
        // The later registration of a name wins, and the fake's own URL has no path.
        registry.add("imagegate.channels[0].base-url", () -> ARK.baseUrl() + BASE_PATH);
    }

    @AfterAll
    static void stop() {
        ARK.close();
    }

    @Override
    protected FakeUpstream upstream() {
        return ARK;
    }

    @Override
    protected String model() {
        return "seedream-v4.5";
    }

    /** Seedream 4.5 takes up to 14 reference images, on the same channel as its generations. */
    @Override
    protected String editModel() {
        return "seedream-v4.5";
    }

    /**
     * The same {@code images/generations} call as a generation, with {@code image}: one data URL as a string, or
     * several as an array, each decoding to exactly the bytes sent, in order.
     */
    @Override
    protected void assertEditShape(Recorded request, List<byte[]> images) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(BASE_PATH + "/images/generations");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + API_KEY);
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.get("model").asString()).isEqualTo(UPSTREAM_MODEL);
        assertThat(body.get("prompt").asString()).isEqualTo(PROMPT);
        assertThat(body.get("sequential_image_generation").asString()).isEqualTo("disabled");
        assertThat(body.get("response_format").asString()).isEqualTo("b64_json");
        JsonNode image = body.get("image");
        List<String> urls = new ArrayList<>();
        if (images.size() == 1) {
            assertThat(image.isString()).as("one image is a string: %s", image.getNodeType()).isTrue();
            urls.add(image.asString());
        } else {
            assertThat(image.isArray()).as("several images are an array: %s", image.getNodeType()).isTrue();
            image.forEach(url -> urls.add(url.asString()));
        }
        assertThat(urls).allSatisfy(url -> assertThat(url).startsWith("data:image/png;base64,"));
        assertThat(urls).extracting(url -> Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)))
                .containsExactlyElementsOf(images);
    }

    @Override
    protected ImageSize size() {
        return ImageSize.parse("2848x1600");
    }

    /** A real-shaped answer: a JPEG (Seedream 4.x draws nothing else) smaller than asked, usage and all. */
    @Override
    protected Reply success(Recorded request) {
        String image = Base64.getEncoder().encodeToString(jpeg(712, 400));
        return Reply.json(200, """
                {"model": "%s", "created": 1764300000,
                 "data": [{"b64_json": "%s", "size": "2848x1600"}],
                 "usage": {"generated_images": 1, "output_tokens": 17800, "total_tokens": 17800}}"""
                .formatted(UPSTREAM_MODEL, image));
    }

    @Override
    protected Reply rateLimited(Duration retryAfter) {
        return arkError(429, "RateLimitExceeded.EndpointRPMExceeded", "TooManyRequests",
                "The request has exceeded the RPM rate limit of the endpoint.")
                .withHeader("retry-after", Long.toString(retryAfter.toSeconds()));
    }

    @Override
    protected Reply serverError() {
        return arkError(500, "InternalServiceError", "InternalServerError",
                "The service encountered an unexpected internal error.");
    }

    @Override
    protected Reply safetyBlocked() {
        return arkError(400, "OutputImageSensitiveContentDetected", "BadRequest",
                "The request failed because the output image may contain sensitive information.");
    }

    @Override
    protected Reply credentialRejected() {
        return arkError(401, "AuthenticationError", "Unauthorized",
                "The API key or AK/SK in the request is missing or invalid.");
    }

    /** ModelArk's error body: every message ends with the request id, and {@code param} is usually empty. */
    private static Reply arkError(int status, String code, String type, String message) {
        return Reply.json(status, """
                {"error": {"code": "%s",
                  "message": "%s Request id: 021775048228405beb22b84618335a214e9b1bc67d5e6c3ad7543",
                  "param": "", "type": "%s"}}""".formatted(code, message, type));
    }

    @Override
    protected Reply malformed() {
        return Reply.json(200, "{\"model\": \"" + UPSTREAM_MODEL + "\", \"created\": 1764300000, \"data\": [{\"b64");
    }

    @Override
    protected void assertRequestShape(Recorded request, int n, long seed) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(BASE_PATH + "/images/generations");
        assertThat(request.query()).isNull();
        assertThat(request.header("authorization")).isEqualTo("Bearer " + API_KEY);
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.get("model").asString()).isEqualTo(UPSTREAM_MODEL);
        assertThat(body.get("prompt").asString()).isEqualTo(PROMPT);
        assertThat(body.get("size").asString()).isEqualTo("2848x1600");
        assertThat(body.get("seed").asLong()).isEqualTo(seed);
        assertThat(body.get("watermark").isBoolean()).isTrue();
        assertThat(body.get("watermark").asBoolean()).isFalse();
        assertThat(body.get("response_format").asString()).isEqualTo("b64_json");
        assertThat(body.get("sequential_image_generation").asString()).isEqualTo("disabled");
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(body.has("n")).isFalse();
    }

    @Override
    protected int callsFor(int n) {
        return n; // no n upstream: the gateway fans out one call per image
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x60);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("this JDK has no ImageIO JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
