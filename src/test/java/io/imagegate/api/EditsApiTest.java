package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImagesResponse;
import io.imagegate.inputs.TestImages;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/images/edits} as OpenAI's SDKs and curl send it, and as JSON with {@code image_url}s: read,
 * checked, and refused with the field at fault, never charged. The seed models take no input image.
 */
class EditsApiTest extends GatewayTest {

    private static final String BOUNDARY = "----imagegate-edits-test";

    @Test
    void theOpenAiSdksEditOfOneImageOnASeedModelIsABadRequestNamingImage() {
        Key key = admin.newKey("1.00");

        assertThatThrownBy(() -> client(key).images().edit(ImageEditParams.builder()
                .model("nano-banana")
                .prompt("Make the sky stormy")
                .image(png(64, 48))
                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("unsupported_parameter");
                    assertThat(e.param()).contains("image");
                    assertThat(e.getMessage()).contains("nano-banana");
                });
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
    }

    @Test
    void theOpenAiSdksEditOfTwoImagesOnASeedModelIsABadRequestNamingImage() {
        Key key = admin.newKey("1.00");

        assertThatThrownBy(() -> client(key).images().edit(ImageEditParams.builder()
                .model("nano-banana-v2")
                .prompt("Put the cat from the second picture on the sofa of the first")
                .imageOfInputStreams(List.of(new ByteArrayInputStream(png(64, 48)),
                        new ByteArrayInputStream(png(32, 32))))
                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("unsupported_parameter");
                    assertThat(e.param()).contains("image");
                });
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
    }

    @Test
    void aKeyThatDropsUnsupportedFieldsStillRefusesAnEditsImages() {
        Key key = admin.newLimitedKey("1.00", "\"unsupported_parameters\": \"drop\"");

        Response response = http.post("/v1/images/edits", """
                {"model": "nano-banana", "prompt": "Make it dusk",
                 "images": [{"image_url": "data:image/png;base64,%s"}]}"""
                .formatted(Base64.getEncoder().encodeToString(png(16, 16))), key.header());

        assertError(response, 400, "invalid_request_error", "unsupported_parameter", "image");
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
    }

    @Test
    void anEditMayCarryMoreThanTheOneMegabyteAGenerationMay() {
        Key key = admin.newKey("1.00");
        byte[] large = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(large);

        Response response = form(key, new Form().field("model", "nano-banana").field("prompt", "Make it dusk")
                .file("image", large));

        assertError(response, 400, "invalid_request_error", "unsupported_parameter", "image");
    }

    @Test
    void anEditWithoutAnImageIsMissingItInEitherFormat() {
        Key key = admin.newKey("1.00");

        assertError(form(key, new Form().field("model", "nano-banana").field("prompt", "Make it dusk")),
                400, "invalid_request_error", "missing_required_parameter", "image");
        assertError(http.post("/v1/images/edits", "{\"model\": \"nano-banana\", \"prompt\": \"Make it dusk\"}",
                key.header()), 400, "invalid_request_error", "missing_required_parameter", "image");
    }

    @Test
    void aFormsImagesComeUnderOneNameAndItsFieldsAreKnown() {
        Key key = admin.newKey("1.00");
        Form base = new Form().field("model", "nano-banana").field("prompt", "Make it dusk");

        assertError(form(key, base.copy().file("image", png(8, 8)).file("image[]", png(8, 8))),
                400, "invalid_request_error", "inconsistent_parameters", "image");
        assertError(form(key, base.copy().file("image", png(8, 8)).field("input_fidelity", "high")),
                400, "invalid_request_error", "unknown_parameter", "input_fidelity");
        assertError(form(key, base.copy().file("image", png(8, 8)).field("n", "two")),
                400, "invalid_request_error", "invalid_value", "n");
    }

    @Test
    void aBodyThatIsNotTheFormItsTypeSaysIsMalformed() {
        Key key = admin.newKey("1.00");

        Response response = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/v1/images/edits"))
                .POST(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\nContent-Disposition: form-data;"
                        + " name=\"model\"\r\n\r\nnano-banana\r\n"))
                .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("x-api-key", key.secret()));

        assertError(response, 400, "invalid_request_error", "malformed_body", null);
        assertThat(response.error().get("message").asString()).contains("closing boundary");
    }

    @Test
    void theOpenAiSdkEditsOneImageAndTwoImagesOnAModelThatTakesThem() throws IOException {
        Key key = admin.newKey("1.00");

        ImagesResponse one = client(key).images().edit(ImageEditParams.builder()
                .model("seedream-v4")
                .prompt("Make the sky stormy")
                .image(png(64, 48))
                .size(ImageEditParams.Size.of("1024x1024"))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());
        ImagesResponse two = client(key).images().edit(ImageEditParams.builder()
                .model("seedream-v4")
                .prompt("Put the cat of the second picture on the sofa of the first")
                .imageOfInputStreams(List.of(new ByteArrayInputStream(png(64, 48)),
                        new ByteArrayInputStream(png(32, 32))))
                .size(ImageEditParams.Size.of("1024x1024"))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        GenerationApiTest.assertPng(Base64.getDecoder().decode(one.data().orElseThrow().get(0).b64Json()
                .orElseThrow()), 1024, 1024);
        GenerationApiTest.assertPng(Base64.getDecoder().decode(two.data().orElseThrow().get(0).b64Json()
                .orElseThrow()), 1024, 1024);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.94"); // two images at 0.03, inputs free
        admin.assertBooksBalance();
    }

    @Test
    void anEditIsChargedItsImagesAndItsInputsOnceAndAReplayNothing() {
        Key key = admin.newKey("1.00");
        Form form = new Form().field("model", "nano-banana-pro").field("prompt", "Blend the two")
                .field("size", "1024x1024").field("response_format", "b64_json")
                .file("image[]", png(40, 30)).file("image[]", png(30, 40));
        Map<String, String> idempotent = Map.of("Idempotency-Key", "edit-1");

        Response first = form(key, form, idempotent);
        Response again = form(key, form.withBoundary("----another-boundary-for-the-retry"), idempotent);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("x-imagegate-charged")).isEqualTo("0.13624"); // 0.134 + 2 x 0.00112
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(admin.balance(key.accountId())).isEqualTo("0.86376");
        admin.assertBooksBalance();
    }

    @Test
    void anImageTheModelCannotTakeIsRefusedBeforeAnythingIsHeld() {
        Key key = admin.newKey("1.00");
        Form base = new Form().field("model", "seedream-v4").field("prompt", "Make it dusk");

        assertError(form(key, base.copy().file("image", "GIF89a not really".getBytes(StandardCharsets.UTF_8))),
                400, "invalid_request_error", "invalid_value", "image");
        Response remote = http.post("/v1/images/edits", """
                {"model": "seedream-v4", "prompt": "Make it dusk",
                 "images": [{"image_url": "https://images.example.com/cat.png"}]}""", key.header());
        assertError(remote, 400, "invalid_request_error", "unsupported_parameter", "image");
        assertThat(remote.error().get("message").asString()).contains("data URL");
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
    }

    @Test
    void aDecompressionBombIsA400FromItsHeaderAlone() {
        Key key = admin.newKey("1.00");

        Response response = form(key, new Form().field("model", "seedream-v4").field("prompt", "Make it dusk")
                .file("image", TestImages.bombPng(20_000)));

        assertError(response, 400, "invalid_request_error", "invalid_value", "image");
        assertThat(response.error().get("message").asString()).contains("20000x20000", "megapixels");
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
    }

    @Test
    void aJsonEditTakesItsImagesAsDataUrls() {
        Key key = admin.newKey("1.00");

        Response response = http.post("/v1/images/edits", """
                {"model": "seedream-v4", "prompt": "Make it dusk", "size": "1024x1024",
                 "images": [{"image_url": "data:image/png;base64,%s"}]}"""
                .formatted(Base64.getEncoder().encodeToString(png(16, 16))), key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-imagegate-charged")).isEqualTo("0.03");
    }

    private OpenAIClient client(Key key) {
        return OpenAIOkHttpClient.builder().baseUrl(http.base() + "/v1").apiKey(key.secret()).maxRetries(0).build();
    }

    private Response form(Key key, Form form) {
        return form(key, form, Map.of());
    }

    private Response form(Key key, Form form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + "/v1/images/edits"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.end()))
                .header("content-type", "multipart/form-data; boundary=" + form.boundary)
                .header("x-api-key", key.secret());
        headers.forEach(request::header);
        return http.send(request);
    }

    static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart form as curl's {@code -F} builds it. */
    private static final class Form {

        private record Part(String headers, byte[] content) {
        }

        private final List<Part> parts = new ArrayList<>();
        private final String boundary;

        Form() {
            this(BOUNDARY);
        }

        private Form(String boundary) {
            this.boundary = boundary;
        }

        Form field(String name, String value) {
            parts.add(new Part("Content-Disposition: form-data; name=\"" + name + "\"",
                    value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        Form file(String name, byte[] content) {
            parts.add(new Part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"in.png\"\r\n"
                    + "Content-Type: image/png", content));
            return this;
        }

        Form copy() {
            return withBoundary(boundary);
        }

        /** The same parts under another boundary, as a client's retry draws one anew. */
        Form withBoundary(String other) {
            Form copy = new Form(other);
            copy.parts.addAll(parts);
            return copy;
        }

        byte[] end() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part part : parts) {
                out.writeBytes(("--" + boundary + "\r\n" + part.headers() + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.writeBytes(part.content());
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }
}
