package io.imagegate.providers.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.ImageJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SeedreamMappingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void theBodyHasExactlyTheFieldsTheGatewayNeedsAndNoN() {
        ObjectNode body = SeedreamMapping.toWire(job("seedream-4-5-251128", "2848x1600", 3, 1234567L));

        assertThat(body.propertyNames()).containsExactlyInAnyOrder("model", "prompt", "size", "seed", "watermark",
                "response_format", "sequential_image_generation", "stream");
        assertThat(body.get("model").asString()).isEqualTo("seedream-4-5-251128");
        assertThat(body.get("prompt").asString()).isEqualTo("a red kite over dunes");
        assertThat(body.get("size").asString()).isEqualTo("2848x1600");
        assertThat(body.get("seed").asLong()).isEqualTo(1234567L);
        assertThat(body.get("watermark").isBoolean()).isTrue();
        assertThat(body.get("watermark").asBoolean()).isFalse();
        assertThat(body.get("response_format").asString()).isEqualTo("b64_json");
        assertThat(body.get("sequential_image_generation").asString()).isEqualTo("disabled");
        assertThat(body.get("stream").asBoolean()).isFalse();
    }

    @Test
    void aSizeBelowSeedream45sMinimumIsScaledUpKeepingItsAspect() {
        assertThat(wireSize("seedream-4-5-251128", "1024x1024")).isEqualTo("1920x1920");
        assertThat(wireSize("doubao-seedream-4-5-251128", "1280x720")).isEqualTo("2560x1440");
        assertThat(wireSize("seedream-4-5-251128", "1024x1536")).isEqualTo("1568x2352");
    }

    @Test
    void seedream40KeepsItsSmallerSizesAndAnUnknownIdGetsThe45Floor() {
        assertThat(wireSize("seedream-4-0-250828", "1024x1024")).isEqualTo("1024x1024");
        assertThat(wireSize("doubao-seedream-4-0-250828", "1024x1024")).isEqualTo("1024x1024");
        assertThat(wireSize("ep-20251128093000-abcde", "1024x1024")).isEqualTo("1920x1920");
    }

    @Test
    void everyCatalogSizeOfSeedream45GoesAsIs() {
        for (String size : List.of("2048x2048", "2304x1728", "1728x2304", "2848x1600", "1600x2848", "2496x1664",
                "1664x2496", "3136x1344", "4096x4096")) {
            assertThat(wireSize("seedream-4-5-251128", size)).isEqualTo(size);
        }
    }

    @Test
    void aSizeAboveTheMaximumIsScaledDown() {
        assertThat(wireSize("seedream-4-5-251128", "8192x4096")).isEqualTo("5792x2896");
    }

    /** Over a grid of targets inside Seedream's aspect range, 1:16 to 16:1. */
    @Test
    void scaledSizesAreMultiplesOf8InsideThePixelRangeAndKeepTheirAspect() {
        List<String> wrong = new ArrayList<>();
        for (int width = 64; width <= 6000; width += 97) {
            for (int height = 64; height <= 6000; height += 89) {
                if (width > 16 * height || height > 16 * width) {
                    continue;
                }
                ImageSize target = new ImageSize(width, height);
                ImageSize sent = SeedreamMapping.size(target, SeedreamMapping.MIN_PIXELS_4_5);
                boolean fits = sent.pixels() >= SeedreamMapping.MIN_PIXELS_4_5
                        && sent.pixels() <= SeedreamMapping.MAX_PIXELS;
                boolean scaled = !sent.equals(target);
                boolean eights = sent.width() % 8 == 0 && sent.height() % 8 == 0;
                double aspectError = Math.abs(Math.log((double) sent.width() / sent.height()
                        * target.height() / target.width()));
                if (!fits || scaled && (!eights || aspectError > 0.02)) {
                    wrong.add(target + " -> " + sent);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String wireSize(String upstreamModel, String size) {
        return SeedreamMapping.toWire(job(upstreamModel, size, 1, 42)).get("size").asString();
    }

    private static ImageJob job(String upstreamModel, String size, int n, long seed) {
        return new ImageJob("seedream-v4.5", upstreamModel, "a red kite over dunes", ImageSize.parse(size), n, seed,
                Optional.empty(), Deadline.in(Duration.ofSeconds(60), CLOCK));
    }
}
