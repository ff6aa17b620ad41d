package io.imagegate.metrics;

import io.imagegate.routing.AttemptOutcome;
import io.imagegate.routing.RoutingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code imagegate_upstream_attempt_seconds} (a histogram), {@code imagegate_upstream_retries_total} and
 * {@code imagegate_upstream_failovers_total}.
 */
final class MicrometerRoutingMetrics implements RoutingMetrics {

    /**
     * Fixed buckets sized for image generation (seconds to a minute and a half), rather than Micrometer's
     * percentile histogram: a dozen series per channel and outcome instead of some seventy.
     */
    private static final Duration[] ATTEMPT_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(45),
            Duration.ofSeconds(60), Duration.ofSeconds(90)};

    private final MeterRegistry registry;
    private final Map<String, Map<AttemptOutcome, Timer>> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> failovers = new ConcurrentHashMap<>();

    MicrometerRoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempt(String channel, AttemptOutcome outcome, long nanos) {
        Map<AttemptOutcome, Timer> byOutcome = attempts.computeIfAbsent(channel,
                c -> Collections.synchronizedMap(new EnumMap<>(AttemptOutcome.class)));
        byOutcome.computeIfAbsent(outcome, o -> Timer.builder("imagegate.upstream.attempt")
                .description("Calls to upstreams, by channel and how they ended")
                .tags("channel", channel, "outcome", o.label())
                .serviceLevelObjectives(ATTEMPT_BUCKETS)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retry(String channel) {
        retries.computeIfAbsent(channel, c -> Counter.builder("imagegate.upstream.retries")
                .description("Calls repeated on the same channel after a failure")
                .tags("channel", c)
                .register(registry)).increment();
    }

    @Override
    public void failover(String from, String to) {
        failovers.computeIfAbsent(from, f -> new ConcurrentHashMap<>())
                .computeIfAbsent(to, t -> Counter.builder("imagegate.upstream.failovers")
                        .description("Times a request left one channel for the next")
                        .tags("from", from, "to", t)
                        .register(registry)).increment();
    }
}
