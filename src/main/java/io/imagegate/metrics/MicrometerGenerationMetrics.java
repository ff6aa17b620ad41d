package io.imagegate.metrics;

import io.imagegate.generation.GenerationMetrics;
import io.imagegate.generation.GenerationOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code imagegate_generations_total}, {@code imagegate_images_delivered_total},
 * {@code imagegate_captured_microusd_total} and {@code imagegate_generations_in_flight}. Counters are looked
 * up once per label set and kept, so a request costs a map lookup and an increment.
 */
final class MicrometerGenerationMetrics implements GenerationMetrics {

    static final String NO_CHANNEL = "none";

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<GenerationKey, Counter> generations = new ConcurrentHashMap<>();
    private final Map<DeliveryKey, Counter> images = new ConcurrentHashMap<>();
    private final Map<String, Counter> captured = new ConcurrentHashMap<>();

    private record GenerationKey(String model, GenerationOutcome status, String channel) {
    }

    private record DeliveryKey(String model, String channel) {
    }

    MicrometerGenerationMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("imagegate.generations.in.flight", inFlight, AtomicInteger::get)
                .description("Generations running on this node, from validation to capture")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void started() {
        inFlight.incrementAndGet();
    }

    @Override
    public void delivered(String model, String channel, int delivered, long chargedMicros) {
        generation(model, GenerationOutcome.OK, channel).increment();
        images.computeIfAbsent(new DeliveryKey(model, channel), k -> Counter.builder("imagegate.images.delivered")
                .description("Images delivered to callers")
                .tags("model", k.model(), "channel", k.channel())
                .register(registry)).increment(delivered);
        captured.computeIfAbsent(model, m -> Counter.builder("imagegate.captured.microusd")
                .description("Money captured from accounts for delivered images, in micro-USD")
                .tags("model", m)
                .register(registry)).increment(chargedMicros);
    }

    @Override
    public void failed(String model, GenerationOutcome outcome) {
        generation(model, outcome, NO_CHANNEL).increment();
    }

    @Override
    public void ended() {
        inFlight.decrementAndGet();
    }

    private Counter generation(String model, GenerationOutcome status, String channel) {
        return generations.computeIfAbsent(new GenerationKey(model, status, channel),
                k -> Counter.builder("imagegate.generations")
                        .description("Generations that reached the service, by how they ended")
                        .tags("model", k.model(), "status", k.status().label(), "channel", k.channel())
                        .register(registry));
    }
}
