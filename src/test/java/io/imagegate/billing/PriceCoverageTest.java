package io.imagegate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.CatalogLoader;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one rule a price table meets, for the admin API and the admin console alike. */
class PriceCoverageTest {

    private final Catalog catalog = new CatalogLoader().load(Optional.empty());
    private final ModelSpec v2 = catalog.find("nano-banana-v2").orElseThrow();

    @Test
    void aTablePricingEveryTierAndQualityOnceHasNoProblems() {
        assertThat(PriceCoverage.needed(v2)).contains("1K/standard", "1K/hd");
        assertThat(PriceCoverage.problems(v2, full(v2))).isEmpty();
    }

    @Test
    void aMissingCellADuplicateAndAnUnproducibleCellAreEachNamed() {
        List<Price> table = new ArrayList<>(full(v2));
        Price first = table.removeFirst();
        table.add(table.getFirst());
        table.add(new Price(SizeTier.T512, Optional.of(Quality.HD), 1));

        assertThat(PriceCoverage.problems(v2, table)).containsExactly(
                "lists " + PriceCoverage.key(table.getFirst().tier(), table.getFirst().quality()) + " twice",
                "prices 512/hd, which nano-banana-v2 never produces",
                "has no price for " + PriceCoverage.key(first.tier(), first.quality()) + "; a table must price"
                        + " every size tier and quality nano-banana-v2 produces");
    }

    private static List<Price> full(ModelSpec model) {
        return PriceCoverage.needed(model).stream().map(key -> {
            String[] parts = key.split("/", 2);
            return new Price(SizeTier.parse(parts[0]),
                    parts.length == 2 ? Optional.of(new Quality(parts[1])) : Optional.empty(), 39_000);
        }).toList();
    }
}
