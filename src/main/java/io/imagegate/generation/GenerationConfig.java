package io.imagegate.generation;

import io.imagegate.billing.Charging;
import io.imagegate.billing.PriceBook;
import io.imagegate.catalog.Catalog;
import io.imagegate.config.ImagegateProperties;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.routing.Dispatcher;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GenerationConfig {

    @Bean
    GenerationService generationService(Catalog catalog, Dispatcher dispatcher, ImageWorkers workers,
            PriceBook prices, Charging charging, ImageStore store, ImageRecords records, IdGenerator ids, Clock clock,
            RandomGenerator random, ImagegateProperties properties, GenerationMetrics metrics) {
        return new GenerationService(catalog, dispatcher, workers, prices, charging, store, records, ids, clock,
                random, properties.imageTtl(), metrics);
    }
}
