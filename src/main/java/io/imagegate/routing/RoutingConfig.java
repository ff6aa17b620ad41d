package io.imagegate.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.imagegate.catalog.Catalog;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.ProviderFactory;
import io.imagegate.ratelimit.ConcurrencyLimiter;
import io.imagegate.time.Sleeper;
import io.imagegate.tracing.Tracing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfig {

    /**
     * With a cluster-wide limiter (Redis) each channel's {@code max-concurrency} bounds the calls of all nodes
     * together; the built-in sandbox draws on this node's CPU, so it stays bounded per node.
     */
    @Bean
    Router router(Catalog catalog, ChannelsProperties properties, List<ProviderFactory> factories,
            Clock clock, Sleeper sleeper, ConcurrencyLimiter limiter) {
        Optional<ConcurrencyLimiter> clusterSlots = limiter.clusterWide() ? Optional.of(limiter) : Optional.empty();
        Map<String, ProviderFactory> byName = new LinkedHashMap<>();
        factories.forEach(f -> byName.put(f.provider(), f));
        ProviderFactory builtIn = factories.stream().filter(ProviderFactory::builtIn).findFirst()
                .orElseThrow(() -> new IllegalStateException("no built-in provider factory"));
        Map<String, Boolean> needsKey = new LinkedHashMap<>();
        byName.forEach((name, f) -> needsKey.put(name, f.requiresApiKey()));
        List<ChannelSettings> settings = new ArrayList<>();
        for (int i = 0; i < properties.channels().size(); i++) {
            settings.add(ChannelSettings.from(i, properties.channels().get(i), needsKey, builtIn.provider(),
                    catalog));
        }
        ChannelSettings.requireUniqueNames(settings);
        List<Channel> channels = settings.stream()
                .map(s -> new Channel(s.spec().name(), byName.get(s.spec().provider()).create(s.spec()),
                        s.models(), s.priority(), s.weight(), s.maxConcurrency(), s.spec().attemptTimeout(),
                        breaker(s.spec().name(), clock), clock, sleeper, clusterSlots))
                .toList();
        String name = builtIn.provider();
        Channel fallback = new Channel(name, builtIn.create(new ChannelSpec(name, name,
                ChannelSettings.localBaseUrl(name), Optional.empty(), ChannelSettings.DEFAULT_TIMEOUT, Map.of())),
                Map.of(), Integer.MAX_VALUE, 1, 4096, ChannelSettings.DEFAULT_TIMEOUT, breaker(name, clock), clock,
                sleeper, Optional.empty());
        return new Router(catalog, channels, fallback);
    }

    @Bean
    Dispatcher dispatcher(Router router, RandomGenerator random, Sleeper sleeper, Tracing tracing,
            RoutingMetrics metrics) {
        return new Dispatcher(router, RetryPolicy.standard(random), random, sleeper, tracing, metrics);
    }

    @Bean
    ChannelProbe channelProbe(Router router, Catalog catalog, Clock clock, RandomGenerator random) {
        return new ChannelProbe(router, catalog, clock, random);
    }

    /**
     * Opens after half of at least 5 of the last 20 calls failed for the channel's own reasons, stays open
     * 30 s on {@code clock}, then lets 2 trial calls through.
     */
    private static CircuitBreaker breaker(String name, Clock clock) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .clock(clock)
                .build());
    }
}
