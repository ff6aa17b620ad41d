package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.CatalogLoader;
import io.imagegate.catalog.ModelSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog page's and the pricing page's data, without a server: cards, filters, live prices. */
class ModelsPageTest {

    private static final Catalog CATALOG = new CatalogLoader().load(Optional.empty());

    private static Facts facts(ModelSpec m) {
        return Facts.of(m, m.prices(), Facts.sandbox(m), Optional.empty());
    }

    @Test
    void everyModelHasACardWithItsPriceRangeLatencyAndWhoServesIt() {
        ModelsPage page = ModelsPage.of(CATALOG.all(), ModelsPageTest::facts, ModelsPage.Filters.NONE);

        assertThat(page.cards()).extracting(ModelsPage.Card::id).containsExactly("nano-banana", "nano-banana-v2",
                "nano-banana-pro", "seedream-v4", "seedream-v4.5");
        ModelsPage.Card v2 = page.cards().get(1);
        assertThat(v2.vendor()).isEqualTo("Google");
        assertThat(v2.priceRange()).isEqualTo("$0.067 – $0.151 per image");
        assertThat(v2.typicalLatency()).isEqualTo("14-22s for 2048² standard");
        assertThat(v2.measured()).isEqualTo("No data yet");
        assertThat(v2.servedBy().sandbox()).isTrue();
        assertThat(v2.features()).contains("Up to 2048×2048", "Seed", "Quality: standard / hd", "No img2img");
        assertThat(page.cards().getFirst().priceRange()).isEqualTo("$0.039 per image");
        assertThat(page.shown()).isEqualTo("All 5 models");
        assertThat(page.vendors()).extracting(ModelsPage.Option::value).containsExactly("ByteDance", "Google");
    }

    @Test
    void filtersNarrowTheCardsByVendorFeatureAndResolution() {
        assertThat(ids(new ModelsPage.Filters("ByteDance", false, false, false, "")))
                .containsExactly("seedream-v4", "seedream-v4.5");
        assertThat(ids(new ModelsPage.Filters("", false, true, false, ""))).containsExactly("nano-banana-v2");
        assertThat(ids(new ModelsPage.Filters("google", true, false, false, "4k"))).containsExactly("nano-banana-pro");
        assertThat(ids(new ModelsPage.Filters("", false, false, false, "2k")))
                .containsExactly("nano-banana-v2", "nano-banana-pro", "seedream-v4", "seedream-v4.5");
        assertThat(ids(new ModelsPage.Filters("", false, false, true, "")))
                .containsExactly("nano-banana-pro", "seedream-v4", "seedream-v4.5");
    }

    @Test
    void aFilteredPageSaysHowManyItShowsAndKeepsTheFormsState() {
        ModelsPage page = ModelsPage.of(CATALOG.all(), ModelsPageTest::facts,
                new ModelsPage.Filters("Google", false, true, false, "2k"));

        assertThat(page.shown()).isEqualTo("1 of 5 models");
        assertThat(page.filters().any()).isTrue();
        assertThat(page.vendors()).filteredOn(ModelsPage.Option::selected).extracting(ModelsPage.Option::value)
                .containsExactly("Google");
        assertThat(page.resolutions()).filteredOn(ModelsPage.Option::selected).extracting(ModelsPage.Option::value)
                .containsExactly("2k");
    }

    @Test
    void anUnknownFilterValueFiltersNothing() {
        assertThat(ids(new ModelsPage.Filters("", false, false, false, "huge"))).hasSize(5);
    }

    @Test
    void thePricingPageHasEveryModelsTable() {
        PricingPage page = PricingPage.of(CATALOG.all(), ModelsPageTest::facts);

        assertThat(page.models()).hasSize(5);
        PricingPage.ModelPrices v2 = page.models().get(1);
        assertThat(v2.qualities()).isTrue();
        assertThat(v2.prices()).extracting(r -> r.tier() + " " + r.quality() + " " + r.price())
                .containsExactly("1K standard $0.067", "1K hd $0.101", "2K standard $0.101", "2K hd $0.151");
        assertThat(v2.prices().get(2).sizes()).isEqualTo("2048x2048, 2048x1536, 1536x2048, 1152x2048, 2048x1152");
        assertThat(page.models().getFirst().qualities()).isFalse();
    }

    private static java.util.List<String> ids(ModelsPage.Filters filters) {
        return ModelsPage.of(CATALOG.all(), ModelsPageTest::facts, filters).cards().stream()
                .map(ModelsPage.Card::id).toList();
    }
}
