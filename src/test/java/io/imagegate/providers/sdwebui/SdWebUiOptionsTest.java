package io.imagegate.providers.sdwebui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.providers.ChannelSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdWebUiOptionsTest {

    @Test
    void noOptionsAreTheDefaults() {
        assertThat(SdWebUiOptions.from(channel(Map.of()))).isEqualTo(new SdWebUiOptions(25, 7, "Euler a", 4, 0.75));
    }

    @Test
    void everyOptionIsRead() {
        assertThat(SdWebUiOptions.from(channel(Map.of("steps", "40", "cfg-scale", "4.5", "sampler",
                " DPM++ 2M Karras ", "max-batch-size", "1", "denoising-strength", "0.4"))))
                .isEqualTo(new SdWebUiOptions(40, 4.5, "DPM++ 2M Karras", 1, 0.4));
    }

    @Test
    void anUnknownOptionFailsNamingTheKnownOnes() {
        assertThatThrownBy(() -> SdWebUiOptions.from(channel(Map.of("cfg_scale", "5"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("imagegate.channels (gpu-box).options, provider sdwebui: unknown option(s) [cfg_scale]; the options are"
                        + " steps, cfg-scale, sampler, max-batch-size and denoising-strength (docs/providers/sdwebui.md)");
    }

    @Test
    void aNumberOutsideTheWebUisRangeFailsWithTheRange() {
        assertThatThrownBy(() -> SdWebUiOptions.from(channel(Map.of("cfg-scale", "70"))))
                .hasMessage("imagegate.channels (gpu-box).options, provider sdwebui: 'options.cfg-scale' must be a number from 1 to"
                        + " 30, e.g. cfg-scale: 7; got '70'");
        assertThatThrownBy(() -> SdWebUiOptions.from(channel(Map.of("max-batch-size", "0"))))
                .hasMessageContaining("'options.max-batch-size' must be a whole number from 1 to 8");
    }

    @Test
    void aDenoisingStrengthAboveOneFailsWithTheRangeAndTheDefault() {
        assertThatThrownBy(() -> SdWebUiOptions.from(channel(Map.of("denoising-strength", "75"))))
                .hasMessage("imagegate.channels (gpu-box).options, provider sdwebui: 'options.denoising-strength' must be a"
                        + " number from 0 to 1, e.g. denoising-strength: 0.75; got '75'");
    }

    @Test
    void aFractionalStepCountIsRefused() {
        assertThatThrownBy(() -> SdWebUiOptions.from(channel(Map.of("steps", "25.5"))))
                .hasMessage("imagegate.channels (gpu-box).options, provider sdwebui: 'options.steps' must be a whole number from 1 to"
                        + " 150, e.g. steps: 25; got '25.5'");
    }

    @Test
    void aBlankSamplerIsRefused() {
        assertThatThrownBy(() -> SdWebUiOptions.from(channel(Map.of("sampler", " "))))
                .hasMessageContaining("'options.sampler' is empty");
    }

    private static ChannelSpec channel(Map<String, String> options) {
        return new ChannelSpec("gpu-box", SdWebUiWire.NAME, URI.create("http://gpu-box:7860"), Optional.empty(),
                Duration.ofSeconds(120), options);
    }
}
