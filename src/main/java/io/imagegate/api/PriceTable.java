package io.imagegate.api;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.money.Micros;
import java.util.List;

/** A model's live prices as the public API shows them: each tier with the sizes it covers. */
record PriceTable(String label, String currency, String unit, List<Row> prices) {

    record Row(String sizeTier, List<String> sizes, String quality, String price) {
    }

    static PriceTable of(ModelSpec model, List<Price> prices) {
        return new PriceTable(model.pricingLabel(), "USD", "image", prices.stream()
                .map(p -> new Row(p.tier().label(), sizesIn(model, p.tier()),
                        p.quality().map(Quality::wire).orElse(null), Micros.format(p.micros())))
                .toList());
    }

    private static List<String> sizesIn(ModelSpec model, SizeTier tier) {
        return model.producibleSizes().stream().filter(s -> SizeTier.of(s) == tier).map(ImageSize::toString)
                .toList();
    }
}
