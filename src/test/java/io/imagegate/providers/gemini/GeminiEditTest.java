package io.imagegate.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.WireBody;
import io.imagegate.providers.http.WireRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Gemini's edit wire without a network: the images as inline parts before the prompt, and what it refuses. */
class GeminiEditTest {

    private static final byte[] PHOTO = GeminiTestImages.png(30, 20);
    private static final byte[] SKETCH = GeminiTestImages.png(9, 6);

    @Test
    void anEditSendsEachImageAsAnInlineDataPartInOrderBeforeThePrompt() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        ImageJob edit = job(List.of(png(PHOTO), new InputImage(ImageBytes.of(jpeg), ImageFormat.JPEG, 4, 3),
                png(SKETCH)), Optional.empty());

        JsonNode body = GeminiWire.JSON.readTree(GeminiEditBody.toWire(edit));

        JsonNode parts = body.at("/contents/0/parts");
        assertThat(body.at("/contents/0/role").asString()).isEqualTo("user");
        assertThat(parts).hasSize(4);
        assertThat(parts.get(0).at("/inlineData/mimeType").asString()).isEqualTo("image/png");
        assertThat(decoded(parts.get(0))).isEqualTo(PHOTO);
        assertThat(parts.get(1).at("/inlineData/mimeType").asString()).isEqualTo("image/jpeg");
        assertThat(decoded(parts.get(1))).isEqualTo(jpeg);
        assertThat(decoded(parts.get(2))).isEqualTo(SKETCH);
        assertThat(parts.get(3).propertyNames()).containsExactly("text");
        assertThat(parts.get(3).get("text").asString()).isEqualTo(edit.prompt());
    }

    @Test
    void anEditAsksForItsImageAsAGenerationDoes() {
        ImageJob edit = job(List.of(png(PHOTO)), Optional.empty());
        ImageJob generation = job(List.of(), Optional.empty());

        JsonNode body = GeminiWire.JSON.readTree(GeminiEditBody.toWire(edit));

        assertThat(body.propertyNames()).containsExactly("contents", "generationConfig");
        // Compared as text: parsed back, the seed is an int node where the mapping built a long one.
        assertThat(body.get("generationConfig").toString())
                .isEqualTo(GeminiMapping.toWire(generation).get("generationConfig").toString());
        assertThat(body.at("/generationConfig/imageConfig/aspectRatio").asString()).isEqualTo("4:3");
        assertThat(body.at("/generationConfig/imageConfig/imageSize").asString()).isEqualTo("2K");
    }

    @Test
    void aGenerationsBodyIsUnchanged() {
        byte[] body = GeminiWire.JSON.writeValueAsBytes(GeminiMapping.toWire(job(List.of(), Optional.empty())));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":"
                + "[{\"text\":\"put a \\\"hat\\\" on it ☂\\n\"}]}],\"generationConfig\":{\"responseModalities\":"
                + "[\"TEXT\",\"IMAGE\"],\"imageConfig\":{\"aspectRatio\":\"4:3\",\"imageSize\":\"2K\"},\"seed\":7,"
                + "\"candidateCount\":1}}");
    }

    /** The body is written into an array of its computed length: every base64 padding, and images in blocks. */
    @Test
    void theBodyIsExactlyAsLongAsComputedWhateverTheImagesLengths() {
        for (int size = 1; size <= 7; size++) {
            byte[] bytes = new byte[size];
            bytes[0] = (byte) size;
            ImageJob edit = job(List.of(new InputImage(ImageBytes.of(bytes), ImageFormat.PNG, 1, 1)),
                    Optional.empty());

            assertThat(decoded(GeminiWire.JSON.readTree(GeminiEditBody.toWire(edit)).at("/contents/0/parts/0")))
                    .isEqualTo(bytes);
        }
        byte[] block = new byte[3 * 50_000];
        block[0] = 42;
        ImageBytes blocks = ImageBytes.ofBlocks(List.of(block, block, new byte[] {7, 8}), 2 * block.length + 2);
        ImageJob edit = job(List.of(new InputImage(blocks, ImageFormat.PNG, 1, 1)), Optional.empty());

        byte[] sent = decoded(GeminiWire.JSON.readTree(GeminiEditBody.toWire(edit)).at("/contents/0/parts/0"));

        assertThat(sent).isEqualTo(blocks.toByteArray());
    }

    @Test
    void theWireSendsAnEditToGenerateContentWithTheKeyInAHeader() {
        GeminiWire wire = new GeminiWire(new ChannelSpec("google", GeminiWire.NAME,
                URI.create("https://generativelanguage.googleapis.com"), Optional.of("AIza-test"),
                Duration.ofSeconds(5), Map.of()));
        ImageJob edit = job(List.of(png(PHOTO)), Optional.empty());

        WireRequest request = wire.toRequest(edit);

        assertThat(request.uri()).isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta/models/"
                + "gemini-3-pro-image:generateContent"));
        assertThat(request.headers()).isEqualTo(Map.of("x-goog-api-key", "AIza-test"));
        assertThat(request.body()).isInstanceOfSatisfying(WireBody.Json.class,
                json -> assertThat(json.bytes()).isEqualTo(GeminiEditBody.toWire(edit)));
    }

    @Test
    void aMaskIsRejectedRatherThanIgnored() {
        ImageJob masked = job(List.of(png(PHOTO)), Optional.of(png(SKETCH)));

        assertRejected(masked, "Gemini takes no mask");
    }

    @Test
    void aGifIsRejectedBeforeItIsSent() {
        byte[] gif = "GIF89a".getBytes(StandardCharsets.US_ASCII);

        assertRejected(job(List.of(new InputImage(ImageBytes.of(gif), ImageFormat.GIF, 1, 1)), Optional.empty()),
                "GIF");
    }

    /** The same 48 KB block many times over: 78 MB of image without holding it. */
    @Test
    void moreInlineDataThanGeminiTakesIsRejectedBeforeTheBodyIsBuilt() {
        byte[] block = new byte[48 * 1024];
        int count = 1_600;
        ImageBytes huge = ImageBytes.ofBlocks(Collections.nCopies(count, block), count * block.length);

        assertRejected(job(List.of(new InputImage(huge, ImageFormat.PNG, 1, 1)), Optional.empty()),
                "over Gemini's limit of 100000000 bytes");
    }

    private static void assertRejected(ImageJob job, String detail) {
        assertThatThrownBy(() -> GeminiEditBody.toWire(job)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isInstanceOfSatisfying(UpstreamFailure.Rejected.class,
                        f -> assertThat(f.detail()).contains(detail)));
    }

    private static byte[] decoded(JsonNode part) {
        return Base64.getDecoder().decode(part.at("/inlineData/data").asString());
    }

    private static InputImage png(byte[] bytes) {
        return new InputImage(ImageBytes.of(bytes), ImageFormat.PNG, 30, 20);
    }

    private static ImageJob job(List<InputImage> images, Optional<InputImage> mask) {
        return new ImageJob("nano-banana-pro", "gemini-3-pro-image", "put a \"hat\" on it ☂\n",
                ImageSize.parse("2048x1536"), 1, 7, Optional.empty(),
                Deadline.in(Duration.ofSeconds(5), Clock.systemUTC()), images, mask);
    }
}
