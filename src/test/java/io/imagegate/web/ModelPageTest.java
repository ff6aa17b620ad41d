package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.CatalogLoader;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.web.MeasuredLatency.Latency;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A model page's data, built from the built-in catalog without a server or browser, against the seed pages word
 * for word: every row of their tables, every "When to use" line, the head and the examples.
 */
class ModelPageTest {

    private static final Catalog CATALOG = new CatalogLoader().load(Optional.empty());
    private static final String BASE = "https://images.example.com";

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana", "nano-banana-v2"})
    void theHeadAndDescriptionAreTheSeedPages(String id) {
        SeedPage seed = SeedPage.read(id);
        ModelPage page = page(id);

        assertThat(page.vendor()).isEqualTo(seed.vendor());
        assertThat(page.id()).isEqualTo(seed.modelId());
        assertThat(page.capability()).isEqualTo(seed.capability());
        assertThat(page.pricingLabel()).isEqualTo(seed.pricing());
        assertThat(page.description().text()).isEqualTo(seed.description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana", "nano-banana-v2"})
    void everyBodyParameterRowIsTheSeedPagesInItsOrder(String id) {
        List<String> rows = page(id).parameters().stream()
                .map(p -> p.field() + p.type() + p.required() + p.defaultValue() + p.notes())
                .toList();

        assertThat(rows).containsExactlyElementsOf(SeedPage.read(id).parameterRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana", "nano-banana-v2"})
    void theErrorTableIsTheSeedPagesWithItsBilledColumn(String id) {
        List<String> rows = page(id).errors().stream().map(e -> e.code() + e.trigger() + e.billed()).toList();

        assertThat(rows).containsExactlyElementsOf(SeedPage.read(id).errorRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana", "nano-banana-v2"})
    void everyLimitRowOfTheSeedPageIsThereInItsOrder(String id) {
        List<String> rows = page(id).limits().stream().map(l -> l.limit() + l.value()).toList();

        // Each seed page shows one of "negative prompt" and "quality modifier"; the page shows both.
        assertThat(rows).containsSubsequence(SeedPage.read(id).limitRows());
        assertThat(rows).hasSize(SeedPage.read(id).limitRows().size() + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana", "nano-banana-v2"})
    void whenToUseIsTheSeedPagesWithSiblingModelsLinked(String id) {
        List<Linked> lines = page(id).whenToUse();

        assertThat(lines.stream().map(Linked::text).toList()).containsExactlyElementsOf(SeedPage.read(id).whenToUse());
        for (Linked line : lines) {
            for (Linked.Piece piece : line.pieces()) {
                if (piece.href() != null) {
                    assertThat(CATALOG.find(piece.href().substring("/models/".length())).orElseThrow().displayName())
                            .isEqualTo(piece.text());
                }
            }
        }
    }

    @Test
    void siblingNamesLinkToTheirPagesTheLongestNameFirst() {
        List<Linked> lines = page("nano-banana").whenToUse();

        assertThat(links(lines.get(2))).containsExactly("Nano Banana Pro=/models/nano-banana-pro");
        assertThat(links(lines.get(3))).containsExactly("Nano Banana 2=/models/nano-banana-v2");
        assertThat(links(lines.get(4))).containsExactly("Seedream V4=/models/seedream-v4");
        assertThat(links(page("nano-banana-v2").whenToUse().get(4)))
                .containsExactly("Seedream V4.5=/models/seedream-v4.5");
        assertThat(links(page("nano-banana-v2").whenToUse().get(3))).containsExactly("Nano Banana=/models/nano-banana");
    }

    @Test
    void thePagesOwnModelIsNeitherLinkedNorMistakenForAShorterSibling() {
        Linked description = page("nano-banana-v2").description();

        assertThat(description.text()).startsWith("Nano Banana 2 is the current iteration");
        assertThat(links(description)).isEmpty();
        assertThat(links(page("nano-banana").description()))
                .containsExactly("Nano Banana Pro=/models/nano-banana-pro", "Nano Banana 2=/models/nano-banana-v2");
    }

    @Test
    void aNameOfAModelOutsideTheCatalogStaysText() {
        Linked line = Linked.of("See Seedream V4.5 or Seedream V4.", List.of(model("seedream-v4"), model("nano-banana")),
                "nano-banana");

        assertThat(links(line)).containsExactly("Seedream V4=/models/seedream-v4");
        assertThat(line.text()).isEqualTo("See Seedream V4.5 or Seedream V4.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana", "nano-banana-v2"})
    void theRequestAndCodeExamplesAreTheSeedPagesForThisGateway(String id) {
        SeedPage seed = SeedPage.read(id);
        ModelPage page = page(id);

        assertThat(page.request()).isEqualTo(SeedPage.forGateway(seed.request(), BASE));
        assertThat(page.examples().getFirst().code()).isEqualTo(SeedPage.forGateway(seed.codeExample(), BASE));
        assertThat(page.expiry()).isEqualTo(seed.responseNote());
        assertThat(page.response()).contains("\"created\": 1715174400").contains(BASE + "/v1/files/")
                .contains("\"revised_prompt\": \"...\"");
    }

    @Test
    void theExamplesCoverCurlPythonNodeAndJavaForThisGateway() {
        List<CodeExample> examples = page("nano-banana-v2").examples();

        assertThat(examples).extracting(CodeExample::label).containsExactly("curl", "Python", "Node.js", "Java");
        assertThat(examples).allSatisfy(e -> assertThat(e.code()).contains(BASE).contains("IMAGEGATE_API_KEY")
                .contains("nano-banana-v2").contains("A cafe storefront chalk-board menu").contains("2048x2048"));
        assertThat(examples.get(1).code()).contains("base_url=\"" + BASE + "/v1\"").contains("size=\"2048x2048\",");
        assertThat(examples.get(2).code()).contains("baseURL: \"" + BASE + "/v1\"").contains("size: \"2048x2048\",");
        assertThat(examples.get(3).code()).contains(".baseUrl(\"" + BASE + "/v1\")")
                .contains(".size(ImageGenerateParams.Size.of(\"2048x2048\"))");
    }

    @Test
    void fieldsAnSdkHasNoParameterForGoInItsExtraBody() {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("prompt", "It's a test");
        fields.put("seed", 42L);
        fields.put("aspect_ratio", "3:4");

        assertThat(CodeExamples.python(BASE, "m", fields)).contains("extra_body={\"seed\": 42, \"aspect_ratio\": \"3:4\"}");
        assertThat(CodeExamples.java(BASE, "m", fields)).contains(".putAdditionalBodyProperty(\"seed\", JsonValue.from(42L))")
                .contains("import com.openai.core.JsonValue;");
        assertThat(CodeExamples.node(BASE, "m", fields)).contains("seed: 42,").contains("aspect_ratio: \"3:4\",");
        assertThat(CodeExamples.curl(BASE, "m", fields)).contains("\"prompt\": \"It'\\''s a test\"");
    }

    @Test
    void thePricesAreTheLiveOnesNotTheCatalogs() {
        ModelSpec v2 = model("nano-banana-v2");
        List<io.imagegate.catalog.Price> live = v2.prices().stream()
                .map(p -> new io.imagegate.catalog.Price(p.tier(), p.quality(), p.micros() * 2)).toList();

        Facts facts = Facts.of(v2, live, Facts.sandbox(v2), Optional.empty());

        assertThat(facts.prices()).extracting(Facts.PriceRow::price).containsExactly("$0.134", "$0.202", "$0.202",
                "$0.302");
        assertThat(facts.priceRange()).isEqualTo("$0.134 – $0.302 per image");
        assertThat(facts.prices().getFirst().sizes()).isEqualTo("1024x1024");
        assertThat(facts.byQuality()).isTrue();
    }

    @Test
    void measuredLatencyReadsAsPercentilesOrSaysThereIsNoneYet() {
        ModelSpec m = model("nano-banana");
        Facts none = Facts.of(m, m.prices(), Facts.sandbox(m), Optional.empty());
        Facts some = Facts.of(m, m.prices(), Facts.sandbox(m),
                Optional.of(new Latency(Duration.ofMillis(850), Duration.ofMillis(6_240), 12)));

        assertThat(none.measured()).isEmpty();
        assertThat(some.measured()).contains("p50 850 ms · p90 6.2 s");
        assertThat(some.measuredRequests()).isEqualTo(12);
    }

    @Test
    void aModelThatTakesInputImagesSaysYesWhereTheSeedPagesSayNo() {
        for (String id : List.of("nano-banana-pro", "seedream-v4", "seedream-v4.5")) {
            assertThat(ModelPage.limits(model(id))).as(id)
                    .contains(new ModelPage.Limit("Supports init image (img2img)", "Yes"));
        }
        for (String id : List.of("nano-banana", "nano-banana-v2")) {
            assertThat(ModelPage.limits(model(id))).as(id)
                    .contains(new ModelPage.Limit("Supports init image (img2img)", "No"));
        }
    }

    @Test
    void aModelWithoutPageTextGetsGeneratedExamplesAndNotes() {
        ModelSpec pro = model("nano-banana-pro");
        ModelPage page = ModelPage.of(pro, CATALOG.all(), Facts.of(pro, pro.prices(), Facts.sandbox(pro),
                Optional.empty()), BASE, Duration.ofHours(1));

        assertThat(page.parameters()).extracting(ModelPage.Parameter::field)
                .containsExactly("model", "prompt", "size", "n", "seed", "aspect_ratio");
        assertThat(page.parameters().get(5).notes()).startsWith("Alternate to size: 1:1 / 16:9 / 9:16");
        assertThat(page.limits()).contains(new ModelPage.Limit("Sync?", "Yes (≤90s)"),
                new ModelPage.Limit("Avg latency for 2048²", "10-30s"),
                new ModelPage.Limit("Max output resolution", "4096×4096"));
        assertThat(page.expiry()).isEqualTo("URLs pre-signed, 1h expiry.");
    }

    private static List<String> links(Linked line) {
        return line.pieces().stream().filter(p -> p.href() != null).map(p -> p.text() + "=" + p.href()).toList();
    }

    private static ModelSpec model(String id) {
        return CATALOG.find(id).orElseThrow();
    }

    private static ModelPage page(String id) {
        ModelSpec m = model(id);
        return ModelPage.of(m, CATALOG.all(), Facts.of(m, m.prices(), Facts.sandbox(m), Optional.empty()), BASE,
                Duration.ofHours(24));
    }
}
