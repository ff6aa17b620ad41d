package io.imagegate.web;

import io.imagegate.catalog.ModelSpec;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** {@code /pricing}: every model's live price table. */
public record PricingPage(Frame frame, List<ModelPrices> models) {

    public record ModelPrices(String id, String name, String vendor, String href, String label,
            List<Facts.PriceRow> prices, boolean qualities) {
    }

    static PricingPage of(Collection<ModelSpec> models, Function<ModelSpec, Facts> facts) {
        return new PricingPage(Frame.of("Pricing", Section.PRICING), models.stream()
                .map(m -> new ModelPrices(m.id(), m.displayName(), m.vendor(), "/models/" + m.id(),
                        m.pricingLabel(), facts.apply(m).prices(), !m.qualities().isEmpty()))
                .toList());
    }
}
