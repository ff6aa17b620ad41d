package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.CatalogLoader;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.SizeTier;
import io.imagegate.web.PlaygroundPage.Model;
import io.imagegate.web.PlaygroundPage.QualityOption;
import io.imagegate.web.PlaygroundPage.RatioOption;
import io.imagegate.web.PlaygroundPage.SizeOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The playground's data, from the built-in catalog, without a browser. */
class PlaygroundPageTest {

    private static final String BASE = "https://images.example.com";

    private final Catalog catalog = new CatalogLoader().load(Optional.empty());

    private PlaygroundPage page(Optional<String> asked) {
        return PlaygroundPage.of(catalog.all(), id -> catalog.find(id).orElseThrow().prices(), m -> true, BASE,
                asked);
    }

    private Model model(String id) {
        return page(Optional.empty()).models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void nanoBananaOffersItsThreeSizesAndNoQuality() {
        Model banana = model("nano-banana");

        assertThat(banana.sizes()).extracting(SizeOption::value)
                .containsExactly("1024x1024", "1024x1536", "1536x1024");
        assertThat(banana.hasQuality()).isFalse();
        assertThat(banana.qualities()).isEmpty();
        assertThat(banana.defaultQuality()).isNull();
        assertThat(banana.defaultSizeLabel()).isEqualTo("Default (1024x1024)");
        assertThat(banana.seed()).isTrue();
        assertThat(banana.nMin()).isEqualTo(1);
        assertThat(banana.nMax()).isEqualTo(2);
        assertThat(banana.hasN()).isTrue();
        assertThat(banana.aspectRatios()).extracting(RatioOption::label)
                .containsExactly("1:1 (1024x1024)", "9:16 (768x1344)", "16:9 (1344x768)", "4:3 (1184x864)",
                        "3:4 (864x1184)");
        assertThat(banana.imageType()).isEqualTo("image/png");
        assertThat(banana.maxPromptLabel()).isEqualTo("32,000");
    }

    @Test
    void nanoBananaV2OffersStandardAndHdWithStandardTheDefault() {
        Model v2 = model("nano-banana-v2");

        assertThat(v2.hasQuality()).isTrue();
        assertThat(v2.qualities()).extracting(QualityOption::value).containsExactly("standard", "hd");
        assertThat(v2.qualities()).extracting(QualityOption::label).containsExactly("standard (default)", "hd");
        assertThat(v2.defaultQuality()).isEqualTo("standard");
        assertThat(v2.defaultSize()).isEqualTo(new SizeOption("2048x2048", 2048, 2048, "2K"));
        assertThat(v2.sizes()).extracting(SizeOption::value).contains("1024x1024", "2048x1536", "1536x2048");
        assertThat(v2.sizes()).filteredOn(s -> s.value().equals("1024x1024")).singleElement()
                .isEqualTo(new SizeOption("1024x1024", 1024, 1024, "1K"));
        assertThat(v2.aspectRatios()).filteredOn(r -> r.value().equals("16:9")).singleElement()
                .extracting(RatioOption::size).isEqualTo(new SizeOption("2048x1152", 2048, 1152, "2K"));
        assertThat(v2.note()).startsWith("Google · 2048²");
    }

    @Test
    void pricesAreTheLiveOnesNotTheCatalogs() {
        PlaygroundPage page = PlaygroundPage.of(catalog.all(),
                id -> List.of(new Price(SizeTier.T1K, Optional.empty(), 123_456)), m -> false, BASE,
                Optional.empty());

        assertThat(page.models().getFirst().prices())
                .containsExactly(new PlaygroundPage.PriceRow("1K", null, 123_456));
    }

    @Test
    void whoServesAModelIsSaid() {
        PlaygroundPage page = PlaygroundPage.of(catalog.all(), id -> List.of(),
                m -> m.id().equals("nano-banana"), BASE, Optional.empty());

        assertThat(page.models()).filteredOn(Model::simulated).extracting(Model::id).containsExactly("nano-banana");
    }

    @Test
    void theAddressChoosesTheModelAndAnUnknownOneFallsBackToTheFirst() {
        assertThat(page(Optional.empty()).selected().id()).isEqualTo(catalog.all().iterator().next().id());
        assertThat(page(Optional.empty()).unknownModel()).isEmpty();
        assertThat(page(Optional.of("nano-banana-v2")).selected().id()).isEqualTo("nano-banana-v2");
        assertThat(page(Optional.of("nano-banana-v2")).unknownModel()).isEmpty();

        PlaygroundPage unknown = page(Optional.of("dall-e-9"));
        assertThat(unknown.selected().id()).isEqualTo(catalog.all().iterator().next().id());
        assertThat(unknown.unknownModel()).contains("dall-e-9");
    }

    @Test
    void theFrameIsThePlaygroundSectionWithItsModule() {
        Frame frame = page(Optional.empty()).frame();

        assertThat(frame.title()).isEqualTo("Playground");
        assertThat(frame.section()).contains(Section.PLAYGROUND);
        assertThat(frame.scripts()).containsExactly("/assets/js/playground.js");
        assertThat(page(Optional.empty()).baseUrl()).isEqualTo(BASE);
    }

    @Test
    void theModelsJsonHoldsEveryModelsFormAsTheScriptReadsIt() {
        JsonNode models = JsonMapper.builder().build().readTree(page(Optional.empty()).modelsJson());

        assertThat(models.size()).isEqualTo(catalog.all().size());
        JsonNode v2 = models.get(1);
        assertThat(v2.get("id").asString()).isEqualTo("nano-banana-v2");
        assertThat(v2.get("defaultQuality").asString()).isEqualTo("standard");
        assertThat(v2.get("sizes").get(0).get("value").asString()).isEqualTo("1024x1024");
        assertThat(v2.get("sizes").get(0).get("width").asInt()).isEqualTo(1024);
        assertThat(v2.get("aspectRatios").get(0).get("size").get("tier").asString()).isEqualTo("2K");
        assertThat(v2.get("prices").get(0).get("micros").asLong()).isEqualTo(67_000);
        assertThat(models.get(0).get("qualities").size()).isZero();
        assertThat(models.get(0).get("defaultQuality").isNull()).isTrue();
    }

    @Test
    void aModelsTextCannotEndTheJsonBlockOrOpenATag() {
        ModelSpec banana = catalog.find("nano-banana").orElseThrow();
        String hostile = "</script><script>alert(1)</script> & \u2028";
        ModelSpec renamed = new ModelSpec(banana.id(), hostile, banana.vendor(), banana.tier(), hostile,
                banana.description(), banana.promptNote(), banana.created(), banana.sizes(), banana.defaultSize(),
                banana.aspectRatios(), banana.n(), banana.seed(), banana.qualities(), banana.defaultQuality(),
                banana.img2img(), banana.negativePrompt(), banana.maxResolution(), banana.maxPromptChars(),
                banana.syncDeadline(), banana.typicalLatency(), banana.pricingLabel(), banana.prices(),
                banana.whenToUse(), banana.outputFormats(), banana.page(), banana.inputImages());

        String json = PlaygroundPage.of(List.of(renamed), id -> List.of(), m -> false, BASE, Optional.empty())
                .modelsJson();

        assertThat(json).doesNotContain("<", ">", "&", "\u2028");
        assertThat(JsonMapper.builder().build().readTree(json).get(0).get("name").asString()).isEqualTo(hostile);
    }

    @Test
    void anEmptyCatalogIsRefused() {
        assertThatThrownBy(() -> PlaygroundPage.of(List.of(), id -> List.of(), m -> false, BASE, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
