package io.imagegate.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.http.HttpProvider;
import io.imagegate.providers.http.UpstreamClient;
import io.imagegate.providers.sandbox.SandboxPainter;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An edit through the openai provider over real HTTP, against a fake {@code /v1/images/edits} that reads the
 * multipart form as OpenAI's server would: the images in order as {@code image[]}, the mask, the fields.
 */
class OpenAiEditTest {

    private static final FakeUpstream OPENAI = new FakeUpstream(request -> Reply.json(500, "{}"));
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final UpstreamClient CLIENT = new UpstreamClient(HttpClient.newHttpClient(), TIMER,
            64L * 1024 * 1024);
    private static final byte[] ANSWER = SandboxPainter.paintPng("gpt-image-1.5", "edited", 1, 64, 64, null);
    private static final byte[] PHOTO = SandboxPainter.paintPng("input", "a photo", 2, 300, 200, null);
    private static final byte[] SKETCH = SandboxPainter.paintPng("input", "a sketch", 3, 90, 60, null);
    private static final byte[] MASK = SandboxPainter.paintPng("input", "a mask", 4, 300, 200, null);

    @AfterAll
    static void stop() {
        OPENAI.close();
        TIMER.shutdownNow();
    }

    @BeforeEach
    void answersWithOneImage() {
        OPENAI.reset(request -> Reply.json(200, """
                {"created": 1763596800, "data": [{"b64_json": "%s"}], "output_format": "png"}"""
                .formatted(Base64.getEncoder().encodeToString(ANSWER))));
    }

    @Test
    void anEditIsAMultipartPostToImagesEditsWithTheImagesInOrderAndTheMask() {
        List<GeneratedImage> images = provider().generate(job(List.of(png(PHOTO, 300, 200), png(SKETCH, 90, 60)),
                Optional.of(png(MASK, 300, 200))));

        assertThat(images).hasSize(1);
        assertThat(images.getFirst().bytes().toByteArray()).isEqualTo(ANSWER);
        Recorded request = OPENAI.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/images/edits");
        assertThat(request.header("authorization")).isEqualTo("Bearer sk-test");
        assertThat(request.header("content-length")).isEqualTo(Integer.toString(request.body().length));
        List<FormPart> parts = FormPart.parse(request);
        assertThat(parts).extracting(FormPart::name)
                .containsExactly("model", "prompt", "n", "size", "image[]", "image[]", "mask");
        assertThat(parts.get(0).text()).isEqualTo("gpt-image-1.5");
        assertThat(parts.get(1).text()).isEqualTo("put a hat on it");
        assertThat(parts.get(3).text()).isEqualTo("1024x1024");
        assertThat(parts.get(4).content()).isEqualTo(PHOTO);
        assertThat(parts.get(4).headers()).containsEntry("content-type", "image/png")
                .containsEntry("content-disposition", "form-data; name=\"image[]\"; filename=\"image-1.png\"");
        assertThat(parts.get(5).content()).isEqualTo(SKETCH);
        assertThat(parts.get(6).content()).isEqualTo(MASK);
    }

    @Test
    void aGenerationStillPostsJsonToImagesGenerations() {
        provider().generate(job(List.of(), Optional.empty()));

        Recorded request = OPENAI.requests().getFirst();
        assertThat(request.path()).isEqualTo("/v1/images/generations");
        assertThat(request.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void eachEditPicksItsOwnBoundary() {
        provider().generate(job(List.of(png(PHOTO, 300, 200)), Optional.empty()));
        provider().generate(job(List.of(png(PHOTO, 300, 200)), Optional.empty()));

        assertThat(FormPart.boundary(OPENAI.requests().get(0)))
                .isNotEqualTo(FormPart.boundary(OPENAI.requests().get(1)));
    }

    private static HttpProvider provider() {
        return new HttpProvider(OpenAiWire.NAME, new OpenAiWire(new ChannelSpec("main", OpenAiWire.NAME,
                URI.create(OPENAI.baseUrl() + "/v1"), Optional.of("sk-test"), Duration.ofSeconds(5),
                Map.of())), CLIENT);
    }

    private static ImageJob job(List<InputImage> images, Optional<InputImage> mask) {
        return new ImageJob("nano-banana", "gpt-image-1.5", "put a hat on it", ImageSize.parse("1024x1024"), 1, 7,
                Optional.empty(), Deadline.in(Duration.ofSeconds(5), Clock.systemUTC()), images, mask);
    }

    private static InputImage png(byte[] bytes, int width, int height) {
        return new InputImage(ImageBytes.of(bytes), ImageFormat.PNG, width, height);
    }

    /** One part of a multipart/form-data body as a server splits it; ISO-8859-1 keeps every byte as it is. */
    private record FormPart(Map<String, String> headers, byte[] content) {

        String name() {
            String disposition = headers.get("content-disposition");
            int start = disposition.indexOf("name=\"") + 6;
            return disposition.substring(start, disposition.indexOf('"', start));
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        static String boundary(Recorded request) {
            String type = request.header("content-type");
            assertThat(type).startsWith("multipart/form-data; boundary=");
            return type.substring(type.indexOf("boundary=") + 9);
        }

        static List<FormPart> parse(Recorded request) {
            String body = new String(request.body(), StandardCharsets.ISO_8859_1);
            String delimiter = "--" + boundary(request);
            assertThat(body).startsWith(delimiter + "\r\n").endsWith(delimiter + "--\r\n");
            List<FormPart> parts = new ArrayList<>();
            String[] pieces = body.substring(0, body.length() - (delimiter + "--\r\n").length())
                    .split(Pattern.quote(delimiter + "\r\n"));
            for (String piece : pieces) {
                if (piece.isEmpty()) {
                    continue;
                }
                assertThat(piece).endsWith("\r\n");
                int headEnd = piece.indexOf("\r\n\r\n");
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line : piece.substring(0, headEnd).split("\r\n")) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).strip());
                }
                parts.add(new FormPart(headers, piece.substring(headEnd + 4, piece.length() - 2)
                        .getBytes(StandardCharsets.ISO_8859_1)));
            }
            return parts;
        }
    }
}
