package io.imagegate.providers.sdwebui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.HttpProvider;
import io.imagegate.providers.http.UpstreamClient;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.Http;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The adapter alone over real HTTP, for what the gateway-wide contract does not reach: the channel's settings. */
class SdWebUiProviderTest {

    private static final FakeUpstream WEBUI = new FakeUpstream(request -> Reply.json(500, "{}"));
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final UpstreamClient CLIENT = new UpstreamClient(HttpClient.newHttpClient(), TIMER,
            64L * 1024 * 1024);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};

    @AfterAll
    static void stop() {
        WEBUI.close();
        TIMER.shutdownNow();
    }

    @BeforeEach
    void twoImages() {
        WEBUI.reset(request -> images(2));
    }

    @Test
    void aUserAndPasswordKeyIsHttpBasicForApiAuth() {
        provider(Optional.of("gateway:s3cret"), Map.of()).generate(job("sd_xl_base_1.0.safetensors", 2));

        String expected = Base64.getEncoder().encodeToString("gateway:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(WEBUI.requests().getFirst().header("authorization")).isEqualTo("Basic " + expected);
    }

    @Test
    void aChannelWithoutKeySendsNoAuthorization() {
        provider(Optional.empty(), Map.of()).generate(job("sd_xl_base_1.0.safetensors", 2));

        assertThat(WEBUI.requests().getFirst().header("authorization")).isNull();
    }

    @Test
    void theDefaultCheckpointSendsNoOverrideSettings() {
        provider(Optional.empty(), Map.of()).generate(job("default", 2));

        JsonNode body = Http.JSON.readTree(WEBUI.requests().getFirst().body());
        assertThat(body.has("override_settings")).isFalse();
    }

    @Test
    void channelOptionsReachTheBodyAndCapTheBatch() {
        var provider = provider(Optional.empty(), Map.of("steps", "30", "cfg-scale", "4.5", "sampler",
                "DPM++ 2M", "max-batch-size", "2"));

        provider.generate(job("default", 2));

        JsonNode body = Http.JSON.readTree(WEBUI.requests().getFirst().body());
        assertThat(body.get("steps").asInt()).isEqualTo(30);
        assertThat(body.get("cfg_scale").asDouble()).isEqualTo(4.5);
        assertThat(body.get("sampler_name").asString()).isEqualTo("DPM++ 2M");
        assertThat(provider.maxImagesPerCall()).isEqualTo(2);
    }

    @Test
    void fewerImagesThanAskedAreAPartialDelivery() {
        WEBUI.reset(request -> images(1));

        List<GeneratedImage> images = provider(Optional.empty(), Map.of()).generate(job("default", 2));

        assertThat(images).hasSize(1);
        assertThat(images.getFirst().bytes().toByteArray()).isEqualTo(PNG);
        assertThat(images.getFirst().revisedPrompt()).isEmpty();
    }

    @Test
    void aValidationErrorIsARejectionThatNamesTheField() {
        WEBUI.reset(request -> Reply.json(422, """
                {"detail": [{"loc": ["body", "width"], "msg": "value is not a valid integer",
                  "type": "type_error.integer"}]}"""));

        assertThatThrownBy(() -> provider(Optional.empty(), Map.of()).generate(job("default", 1)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure())
                        .isEqualTo(new UpstreamFailure.Rejected("422 body.width: value is not a valid integer")));
    }

    private static HttpProvider provider(Optional<String> apiKey, Map<String, String> options) {
        return new HttpProvider(SdWebUiWire.NAME, new SdWebUiWire(new ChannelSpec("gpu-box", SdWebUiWire.NAME,
                WEBUI.baseUrl(), apiKey, Duration.ofSeconds(5), options)), CLIENT);
    }

    private static ImageJob job(String checkpoint, int n) {
        return new ImageJob("seedream-v4", checkpoint, "a watercolor fox", ImageSize.parse("1024x1024"), n, 7,
                Optional.empty(), Deadline.in(Duration.ofSeconds(5), Clock.systemUTC()));
    }

    private static Reply images(int count) {
        String image = "\"" + Base64.getEncoder().encodeToString(PNG) + "\"";
        return Reply.json(200, "{\"images\": [" + String.join(", ", Collections.nCopies(count, image))
                + "], \"parameters\": {}, \"info\": \"{\\\"seed\\\": 7}\"}");
    }
}
