package io.imagegate.api;

import io.imagegate.billing.PriceBook;
import io.imagegate.catalog.Catalog;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/pricing}: public, every model's current per-image prices, read live from the price table. */
@RestController
public class PricingController {

    private final Catalog catalog;
    private final PriceBook prices;

    public PricingController(Catalog catalog, PriceBook prices) {
        this.catalog = catalog;
        this.prices = prices;
    }

    record Pricing(String object, String currency, List<ModelPrices> data) {
    }

    record ModelPrices(String model, PriceTable pricing) {
    }

    @GetMapping("/v1/pricing")
    Pricing pricing() {
        return new Pricing("list", "USD", catalog.all().stream()
                .map(m -> new ModelPrices(m.id(), PriceTable.of(m, prices.pricesOf(m.id()))))
                .toList());
    }
}
