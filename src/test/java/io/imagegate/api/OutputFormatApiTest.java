package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code output_format} and {@code output_compression}: the delivered bytes are in the asked format (sniffed,
 * never taken from a label), of the promised size, behind a URL whose extension and content type match.
 */
class OutputFormatApiTest extends GatewayTest {

    private Key key;

    @BeforeEach
    void newKey() {
        key = admin.newKey();
    }

    @Test
    void jpegIsDeliveredAsJpegBytesOfThePromisedSizeBehindAJpgUrl() throws IOException {
        Response response = generate("""
                {"model": "nano-banana", "prompt": "a red fox", "aspect_ratio": "16:9", "output_format": "jpeg"}""");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        String url = response.json().get("data").get(0).get("url").asString();
        assertThat(url).contains(".jpg?");
        Response file = http.get(url);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("content-type")).isEqualTo("image/jpeg");
        assertJpeg(file.body(), 1344, 768);
    }

    @Test
    void jpegAsBase64IsJpegToo() throws IOException {
        Response response = generate("""
                {"model": "nano-banana", "prompt": "a red fox", "output_format": "jpeg", "output_compression": 40,
                 "response_format": "b64_json"}""");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertJpeg(Base64.getDecoder().decode(response.json().get("data").get(0).get("b64_json").asString()),
                1024, 1024);
    }

    @Test
    void lowerCompressionNumbersGiveSmallerJpegs() {
        int kept = jpegSize(95);
        int squeezed = jpegSize(10);

        assertThat(squeezed).as("output_compression 10 vs 95").isLessThan(kept);
    }

    @Test
    void pngIsTheDefault() throws IOException {
        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a red fox\"}");

        String url = response.json().get("data").get(0).get("url").asString();
        assertThat(url).contains(".png?");
        GenerationApiTest.assertPng(http.get(url).body(), 1024, 1024);
    }

    @Test
    void anUnknownFormatIsAnInvalidValueNamingWhatTheModelDelivers() {
        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a red fox\", \"output_format\": \"jpg\"}");

        assertError(response, 400, "invalid_request_error", "invalid_value", "output_format");
        assertThat(response.error().get("message").asString()).contains("png", "jpeg");
    }

    @Test
    void webpIsRefusedNamingTheFormatsThisGatewayEncodes() {
        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a red fox\", \"output_format\": \"webp\"}");

        assertError(response, 400, "invalid_request_error", "invalid_value", "output_format");
        assertThat(response.error().get("message").asString()).contains("webp", "png, jpeg");
    }

    @Test
    void compressionIsForLossyFormatsAndWithinZeroToHundred() {
        assertError(generate("{\"model\": \"nano-banana\", \"prompt\": \"a fox\", \"output_compression\": 50}"),
                400, "invalid_request_error", "unsupported_parameter", "output_compression");
        assertError(generate("""
                {"model": "nano-banana", "prompt": "a fox", "output_format": "jpeg", "output_compression": 101}"""),
                400, "invalid_request_error", "invalid_value", "output_compression");
        assertThat(imagesOf(key.accountId())).isZero();
    }

    @Test
    void theCatalogSaysWhichFormatsEachModelDelivers() {
        JsonNode models = http.get("/v1/models").json().get("data");

        assertThat(models).isNotEmpty().allSatisfy(model -> assertThat(model.get("output_formats").toString())
                .isEqualTo("[\"png\",\"jpeg\"]"));
    }

    private int jpegSize(int compression) {
        Response response = generate("{\"model\": \"nano-banana\", \"prompt\": \"a red fox\", \"seed\": 7,"
                + " \"output_format\": \"jpeg\", \"output_compression\": " + compression
                + ", \"response_format\": \"b64_json\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return Base64.getDecoder().decode(response.json().get("data").get(0).get("b64_json").asString()).length;
    }

    private Response generate(String body) {
        return http.post("/v1/images/generations", body, key.header());
    }

    private static void assertJpeg(byte[] bytes, int width, int height) throws IOException {
        assertThat(bytes).startsWith(0xFF, 0xD8, 0xFF);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
