package io.imagegate.generation;

import io.imagegate.billing.Charging;
import io.imagegate.billing.Idempotency;
import io.imagegate.billing.PriceBook;
import io.imagegate.catalog.Catalog;
import io.imagegate.config.ImagegateProperties;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.inputs.RemoteImages;
import io.imagegate.ratelimit.RequestLimits;
import io.imagegate.routing.Dispatcher;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import io.imagegate.tracing.Tracing;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GenerationConfig {

    /**
     * {@code imagegate.test.halt-after-capture=true} makes the process die (as by kill -9: no shutdown hooks) the
     * moment a charge has committed, before its answer is written: the crash tests' fault point. Off by default,
     * and then nothing at all runs there.
     */
    @Bean
    GenerationService generationService(Catalog catalog, Dispatcher dispatcher, ImageWorkers workers,
            PriceBook prices, Charging charging, ImageStore store, ImageRecords records, IdGenerator ids, Clock clock,
            RandomGenerator random, ImagegateProperties properties, Tracing tracing, GenerationMetrics metrics,
            RemoteImages remote, @Value("${imagegate.test.halt-after-capture:false}") boolean haltAfterCapture) {
        Runnable afterCapture = haltAfterCapture ? () -> Runtime.getRuntime().halt(137) : () -> { };
        return new GenerationService(catalog, dispatcher, workers, prices, charging, store, records, ids, clock,
                random, properties.imageTtl(), tracing, metrics, new EditInputs(remote), afterCapture);
    }

    @Bean
    IdempotentGenerations idempotentGenerations(GenerationService generations, Idempotency idempotency,
            RequestLimits limits) {
        return new IdempotentGenerations(generations, idempotency, limits);
    }
}
