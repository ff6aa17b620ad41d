package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.images.ImageEditParams;
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
import java.util.List;
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

    private OpenAIClient client(Key key) {
        return OpenAIOkHttpClient.builder().baseUrl(http.base() + "/v1").apiKey(key.secret()).maxRetries(0).build();
    }

    private Response form(Key key, Form form) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + "/v1/images/edits"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.end()))
                .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("x-api-key", key.secret()));
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

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"",
                    value.getBytes(StandardCharsets.UTF_8));
        }

        Form file(String name, byte[] content) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"in.png\"\r\n"
                    + "Content-Type: image/png", content);
        }

        private Form part(String headers, byte[] content) {
            out.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Form copy() {
            Form copy = new Form();
            copy.out.writeBytes(out.toByteArray());
            return copy;
        }

        byte[] end() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }
}
