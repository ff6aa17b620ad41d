package io.imagegate.web;

import io.imagegate.billing.PriceBook;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.routing.Channel;
import io.imagegate.routing.Router;
import java.util.List;

/** Reads a model's {@link Facts} from the live sources: the price book, the router and the request log. */
final class LiveFacts {

    private final PriceBook prices;
    private final Router router;
    private final MeasuredLatency latency;

    LiveFacts(PriceBook prices, Router router, MeasuredLatency latency) {
        this.prices = prices;
        this.router = router;
        this.latency = latency;
    }

    Facts of(ModelSpec model) {
        return Facts.of(model, prices.pricesOf(model.id()), servedBy(model), latency.of(model.id()));
    }

    /** As {@code GET /v1/models} reports it ({@code served_by}, {@code simulated}). */
    private Facts.ServedBy servedBy(ModelSpec model) {
        if (router.simulated(model)) {
            return Facts.sandbox(model);
        }
        List<Channel> channels = router.channelsFor(model);
        return Facts.upstream(model, channels.stream().map(c -> c.provider().name()).distinct().toList(),
                channels.size());
    }
}
