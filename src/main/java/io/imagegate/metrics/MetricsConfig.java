package io.imagegate.metrics;

import io.imagegate.billing.Charging;
import io.imagegate.generation.GenerationMetrics;
import io.imagegate.ratelimit.LimitMetrics;
import io.imagegate.routing.Router;
import io.imagegate.routing.RoutingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfig {

    @Bean
    GenerationMetrics generationMetrics(MeterRegistry registry) {
        return new MicrometerGenerationMetrics(registry);
    }

    @Bean
    RoutingMetrics routingMetrics(MeterRegistry registry) {
        return new MicrometerRoutingMetrics(registry);
    }

    @Bean
    LimitMetrics limitMetrics(MeterRegistry registry) {
        return new MicrometerLimitMetrics(registry);
    }

    /** Spring Boot binds every {@code MeterBinder} bean to its registry. */
    @Bean
    GatewayGauges gatewayGauges(Router router, Charging charging) {
        return new GatewayGauges(router, charging);
    }
}
