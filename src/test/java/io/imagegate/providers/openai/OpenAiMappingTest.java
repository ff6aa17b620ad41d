package io.imagegate.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.http.Multipart;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OpenAiMappingTest {

    private static final OpenAiOptions DEFAULTS = options(Map.of());

    @Test
    void theJobGoesThroughAsModelPromptNAndSizeWithNothingElse() {
        ObjectNode wire = OpenAiMapping.toWire(job(2, Optional.empty()), DEFAULTS);

        assertThat(wire.toString()).isEqualTo(
                "{\"model\":\"gpt-image-1.5\",\"prompt\":\"a red fox\",\"n\":2,\"size\":\"1024x1536\"}");
    }

    @Test
    void qualityIsSentOnlyWhenTheJobHasOne() {
        ObjectNode wire = OpenAiMapping.toWire(job(1, Optional.of(Quality.HD)), DEFAULTS);

        assertThat(wire.get("quality").asString()).isEqualTo("hd");
    }

    @Test
    void theSeedIsNeverSentBecauseOpenAiRefusesUnknownParameters() {
        assertThat(OpenAiMapping.toWire(job(1, Optional.empty()), DEFAULTS).has("seed")).isFalse();
    }

    @Test
    void responseFormatIsSentOnlyWhenTheChannelAsksForIt() {
        ObjectNode wire = OpenAiMapping.toWire(job(1, Optional.empty()),
                options(Map.of("response-format", "b64_json")));

        assertThat(wire.get("response_format").asString()).isEqualTo("b64_json");
        assertThat(DEFAULTS.responseFormat()).isEmpty();
    }

    @Test
    void oneImagePerCallUnlessTheChannelSaysMore() {
        assertThat(DEFAULTS.maxImagesPerCall()).isEqualTo(1);
        assertThat(options(Map.of("max-images-per-call", "10")).maxImagesPerCall()).isEqualTo(10);
    }

    @Test
    void badOptionsFailAtStartUpNamingTheChannelAndTheFix() {
        assertThatThrownBy(() -> options(Map.of("max-images-per-call", "11")))
                .hasMessageContaining("imagegate.channels (main).options.max-images-per-call must be 1 to 10");
        assertThatThrownBy(() -> options(Map.of("max-images-per-call", "two")))
                .hasMessageContaining("got 'two'");
        assertThatThrownBy(() -> options(Map.of("response-format", "png")))
                .hasMessageContaining("response-format must be b64_json or url");
        assertThatThrownBy(() -> options(Map.of("max_images_per_call", "2")))
                .hasMessageContaining("'max_images_per_call' is not an openai option");
    }

    @Test
    void aJobWithImagesIsTheEditsFormWithImagePartsInOrderAndTheMaskLast() {
        InputImage first = new InputImage(ImageBytes.of(new byte[] {1, 2}), ImageFormat.PNG, 64, 64);
        InputImage second = new InputImage(ImageBytes.of(new byte[] {3}), ImageFormat.JPEG, 32, 48);
        InputImage mask = new InputImage(ImageBytes.of(new byte[] {4}), ImageFormat.PNG, 64, 64);
        ImageJob base = job(2, Optional.of(Quality.HD));
        ImageJob edit = new ImageJob(base.model(), base.upstreamModel(), base.prompt(), base.size(), base.n(),
                base.seed(), base.quality(), base.deadline(), List.of(first, second), Optional.of(mask));

        Multipart form = OpenAiMapping.toEditForm(edit, options(Map.of("response-format", "b64_json")));

        assertThat(form.parts()).containsExactly(
                new Multipart.Field("model", "gpt-image-1.5"),
                new Multipart.Field("prompt", "a red fox"),
                new Multipart.Field("n", "2"),
                new Multipart.Field("size", "1024x1536"),
                new Multipart.Field("quality", "hd"),
                new Multipart.Field("response_format", "b64_json"),
                new Multipart.File("image[]", "image-1.png", "image/png", first.bytes()),
                new Multipart.File("image[]", "image-2.jpg", "image/jpeg", second.bytes()),
                new Multipart.File("mask", "mask.png", "image/png", mask.bytes()));
    }

    @Test
    void anEditSendsNoSeedEither() {
        InputImage image = new InputImage(ImageBytes.of(new byte[] {1}), ImageFormat.PNG, 8, 8);
        ImageJob base = job(1, Optional.empty());
        ImageJob edit = new ImageJob(base.model(), base.upstreamModel(), base.prompt(), base.size(), 1, 42,
                Optional.empty(), base.deadline(), List.of(image), Optional.empty());

        assertThat(OpenAiMapping.toEditForm(edit, DEFAULTS).parts()).extracting(Multipart.Part::name)
                .containsExactly("model", "prompt", "n", "size", "image[]");
    }

    private static ImageJob job(int n, Optional<Quality> quality) {
        return new ImageJob("nano-banana", "gpt-image-1.5", "a red fox", ImageSize.parse("1024x1536"), n, 42,
                quality, Deadline.in(Duration.ofSeconds(30), Clock.systemUTC()));
    }

    private static OpenAiOptions options(Map<String, String> options) {
        return OpenAiOptions.from(new ChannelSpec("main", "openai", URI.create("https://api.openai.com/v1"),
                Optional.of("sk-test"), Duration.ofSeconds(120), options));
    }
}
