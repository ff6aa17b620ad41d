package io.imagegate.providers.sdwebui;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.ImageJob;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class SdWebUiMappingTest {

    @Test
    void aJobBecomesOneBatchWithTheChannelsSettingsAndCheckpoint() {
        ObjectNode body = SdWebUiMapping.toWire(job("1344x768", "juggernautXL_v9.safetensors", 3, 1234),
                new SdWebUiOptions(30, 5.5, "DPM++ 2M", 4, 0.75));

        assertThat(body.toString()).isEqualTo("""
                {"prompt":"a watercolor fox","negative_prompt":"","width":1344,"height":768,"seed":1234,\
                "batch_size":3,"n_iter":1,"steps":30,"cfg_scale":5.5,"sampler_name":"DPM++ 2M",\
                "override_settings":{"sd_model_checkpoint":"juggernautXL_v9.safetensors"}}""");
    }

    @Test
    void theDefaultCheckpointLeavesTheWebUisChoiceAlone() {
        ObjectNode body = SdWebUiMapping.toWire(job("1024x1024", "default", 1, 1), SdWebUiOptions.DEFAULTS);

        assertThat(body.has("override_settings")).isFalse();
    }

    @Test
    void aCheckpointThatMerelyContainsDefaultIsStillSent() {
        ObjectNode body = SdWebUiMapping.toWire(job("1024x1024", "default_v2.safetensors", 1, 1),
                SdWebUiOptions.DEFAULTS);

        assertThat(body.at("/override_settings/sd_model_checkpoint").asString()).isEqualTo("default_v2.safetensors");
    }

    @Test
    void sizesAreRoundedToTheNearestMultipleOf8() {
        ObjectNode body = SdWebUiMapping.toWire(job("1366x769", "default", 1, 1), SdWebUiOptions.DEFAULTS);

        assertThat(body.get("width").asInt()).isEqualTo(1368);
        assertThat(body.get("height").asInt()).isEqualTo(768);
    }

    @ParameterizedTest
    @CsvSource({"1024, 1024", "1020, 1024", "1019, 1016", "1027, 1024", "1028, 1032", "1, 8", "3, 8", "12, 16"})
    void multipleOf8(int pixels, int expected) {
        assertThat(SdWebUiMapping.multipleOf8(pixels)).isEqualTo(expected);
    }

    @Test
    void noKeyMeansNoAuthorizationHeader() {
        assertThat(SdWebUiMapping.toAuthHeaders(Optional.empty())).isEmpty();
    }

    @Test
    void aKeyWithAColonIsHttpBasic() {
        // "gateway:s3cret" in base64
        assertThat(SdWebUiMapping.toAuthHeaders(Optional.of("gateway:s3cret")))
                .isEqualTo(Map.of("authorization", "Basic Z2F0ZXdheTpzM2NyZXQ="));
    }

    @Test
    void aKeyWithoutAColonIsABearerToken() {
        assertThat(SdWebUiMapping.toAuthHeaders(Optional.of("proxy-token-123")))
                .isEqualTo(Map.of("authorization", "Bearer proxy-token-123"));
    }

    private static ImageJob job(String size, String checkpoint, int n, long seed) {
        return new ImageJob("seedream-v4", checkpoint, "a watercolor fox", ImageSize.parse(size), n, seed,
                Optional.empty(), Deadline.in(Duration.ofSeconds(30), Clock.systemUTC()));
    }
}
