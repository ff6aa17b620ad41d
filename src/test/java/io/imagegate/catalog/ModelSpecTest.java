package io.imagegate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.refusals.RequestRejected;
import io.imagegate.refusals.RequestRejected.Reason;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The catalog's capability checks on the built-in models, without HTTP. */
class ModelSpecTest {

    private final Catalog catalog = new CatalogLoader().load(Optional.empty());
    private final ModelSpec nanoBanana = catalog.find("nano-banana").orElseThrow();
    private final ModelSpec v2 = catalog.find("nano-banana-v2").orElseThrow();

    @Test
    void fillsDefaultsFromTheCatalog() {
        ResolvedOptions resolved = v2.resolve(asked(null, null, null, null, null));

        assertThat(resolved.size()).isEqualTo(ImageSize.parse("2048x2048"));
        assertThat(resolved.n()).isEqualTo(1);
        assertThat(resolved.seed()).isEmpty();
        assertThat(resolved.quality()).contains(new Quality("standard"));
        assertThat(nanoBanana.resolve(asked(null, null, null, null, null)).quality()).isEmpty();
    }

    @Test
    void sizeAutoMeansTheDefault() {
        assertThat(v2.resolve(asked("auto", null, null, null, null)).size()).isEqualTo(v2.defaultSize());
    }

    @Test
    void aspectRatioAloneYieldsItsListedSize() {
        assertThat(nanoBanana.resolve(asked(null, "9:16", null, null, null)).size())
                .isEqualTo(ImageSize.parse("768x1344"));
    }

    @Test
    void sizeAndTheRatiosListedSizeAgreeEvenWhenNotExactlyThatRatio() {
        // 1184x864 is not exactly 4:3, but it is what nano-banana renders for 4:3; it is not a listed size, though.
        assertThatThrownBy(() -> nanoBanana.resolve(asked("1184x864", "4:3", null, null, null)))
                .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.param()).isEqualTo("size"));
        assertThat(v2.resolve(asked("2048x1536", "4:3", null, null, null)).size())
                .isEqualTo(ImageSize.parse("2048x1536"));
    }

    @Test
    void disagreeingSizeAndRatioAreInconsistent() {
        assertThatThrownBy(() -> v2.resolve(asked("2048x1536", "3:4", null, null, null)))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INCONSISTENT);
                    assertThat(e.param()).isEqualTo("aspect_ratio");
                });
    }

    @Test
    void qualityOnAModelWithoutOneIsUnsupported() {
        assertThatThrownBy(() -> nanoBanana.resolve(asked(null, null, null, null, "standard")))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("nano-banana", "quality");
                });
    }

    @Test
    void seedMustFitEveryUpstream() {
        assertThat(v2.resolve(asked(null, null, null, ModelSpec.MAX_SEED, null)).seed()).hasValue(ModelSpec.MAX_SEED);
        assertThatThrownBy(() -> v2.resolve(asked(null, null, null, ModelSpec.MAX_SEED + 1, null)))
                .isInstanceOf(RequestRejected.class);
        assertThatThrownBy(() -> v2.resolve(asked(null, null, null, -1L, null))).isInstanceOf(RequestRejected.class);
    }

    @Test
    void promptLengthCountsCodePoints() {
        ModelSpec seedream = catalog.find("seedream-v4").orElseThrow();
        String emoji = "🦊".repeat(seedream.maxPromptChars());

        seedream.checkPrompt(emoji);
        assertThatThrownBy(() -> seedream.checkPrompt(emoji + "a")).isInstanceOf(RequestRejected.class);
    }

    @Test
    void everyProducibleSizeOfEveryModelHasAPrice() {
        for (ModelSpec model : catalog.all()) {
            for (ImageSize size : model.producibleSizes()) {
                if (model.qualities().isEmpty()) {
                    assertThat(model.priceFor(SizeTier.of(size), Optional.empty())).as(model.id() + " " + size)
                            .isPresent();
                }
                for (Quality quality : model.qualities()) {
                    assertThat(model.priceFor(SizeTier.of(size), Optional.of(quality)))
                            .as(model.id() + " " + size + " " + quality).isPresent();
                }
            }
        }
    }

    @Test
    void v2PricesHdOneTierUp() {
        assertThat(v2.priceFor(SizeTier.T1K, Optional.of(Quality.HD)).orElseThrow().micros())
                .isEqualTo(v2.priceFor(SizeTier.T2K, Optional.of(new Quality("standard"))).orElseThrow().micros());
    }

    private static RequestedOptions asked(String size, String ratio, Integer n, Long seed, String quality) {
        RequestedOptions none = RequestedOptions.NONE;
        return new RequestedOptions(Optional.ofNullable(size), Optional.ofNullable(ratio),
                n == null ? OptionalInt.empty() : OptionalInt.of(n),
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
                Optional.ofNullable(quality), false, false, none.style(), none.background(), none.moderation(),
                none.outputFormat(), none.outputCompression());
    }
}
