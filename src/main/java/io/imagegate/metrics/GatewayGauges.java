package io.imagegate.metrics;

import io.imagegate.billing.Charging;
import io.imagegate.routing.Channel;
import io.imagegate.routing.Router;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Gauges read at scrape time from state the domain keeps in memory anyway: no database query per scrape.
 * {@code imagegate_channel_state} is 1 for a channel's current state and 0 for the others.
 */
final class GatewayGauges implements MeterBinder {

    static final List<String> CHANNEL_STATES = List.of("closed", "open", "half_open", "disabled", "forced_open",
            "metrics_only");

    private final Router router;
    private final Charging charging;

    GatewayGauges(Router router, Charging charging) {
        this.router = router;
        this.charging = charging;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Channel channel : router.channels()) {
            for (String state : CHANNEL_STATES) {
                Gauge.builder("imagegate.channel.state", channel, c -> c.state().equals(state) ? 1 : 0)
                        .description("1 for the channel's breaker state (or disabled: its credential was refused)")
                        .tags("channel", channel.name(), "state", state)
                        .strongReference(true)
                        .register(registry);
            }
        }
        Gauge.builder("imagegate.holds.open", charging, Charging::openHolds)
                .description("Holds placed by this node's running requests")
                .strongReference(true)
                .register(registry);
        Gauge.builder("imagegate.holds.open.microusd", charging, Charging::openHeldMicros)
                .description("Money set aside by this node's open holds, in micro-USD")
                .strongReference(true)
                .register(registry);
    }
}
