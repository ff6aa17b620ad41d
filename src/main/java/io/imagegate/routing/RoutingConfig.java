package io.imagegate.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.imagegate.catalog.Catalog;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.ProviderFactory;
import io.imagegate.providers.http.UpstreamClient;
import io.imagegate.ratelimit.ConcurrencyLimiter;
import io.imagegate.tracing.Tracing;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfig {

    /** Larger than a 4K image as base64 JSON (about 30 MB), small enough that one upstream cannot fill the heap. */
    private static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    @Bean
    SandboxFactory sandboxFactory(ImageWorkers workers, SandboxProperties properties) {
        return new SandboxFactory(workers, properties.latency());
    }

    /** One timer thread only schedules stream closes at deadlines; it never does the work itself. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService upstreamTimer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "upstream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    UpstreamClient upstreamClient(ScheduledExecutorService upstreamTimer, Tracing tracing) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        return new UpstreamClient(http, upstreamTimer, MAX_RESPONSE_BYTES, tracing);
    }

    /**
     * With a cluster-wide limiter (Redis) each channel's {@code max-concurrency} bounds the calls of all nodes
     * together; the built-in sandbox draws on this node's CPU, so it stays bounded per node.
     */
    @Bean
    Router router(Catalog catalog, ChannelsProperties properties, List<ProviderFactory> factories,
            UpstreamClient client, Clock clock, ConcurrencyLimiter limiter) {
        Optional<ConcurrencyLimiter> clusterSlots = limiter.clusterWide() ? Optional.of(limiter) : Optional.empty();
        Map<String, ProviderFactory> byName = new LinkedHashMap<>();
        factories.forEach(f -> byName.put(f.provider(), f));
        Map<String, Boolean> needsKey = new LinkedHashMap<>();
        byName.forEach((name, f) -> needsKey.put(name, f.requiresApiKey()));
        List<ChannelSettings> settings = new ArrayList<>();
        for (int i = 0; i < properties.channels().size(); i++) {
            settings.add(ChannelSettings.from(i, properties.channels().get(i), needsKey, catalog));
        }
        ChannelSettings.requireUniqueNames(settings);
        List<Channel> channels = settings.stream()
                .map(s -> new Channel(s.spec().name(), byName.get(s.spec().provider()).create(s.spec(), client),
                        s.models(), s.priority(), s.weight(), s.maxConcurrency(), s.spec().attemptTimeout(),
                        breaker(s.spec().name()), clock, clusterSlots))
                .toList();
        ProviderFactory sandbox = byName.get("sandbox");
        Channel fallback = new Channel("sandbox", sandbox.create(new ChannelSpec("sandbox", "sandbox",
                URI.create("sandbox:local"), Optional.empty(), ChannelSettings.DEFAULT_TIMEOUT, Map.of()),
                client), Map.of(), Integer.MAX_VALUE, 1, 4096, ChannelSettings.DEFAULT_TIMEOUT, breaker("sandbox"),
                clock, Optional.empty());
        return new Router(catalog, channels, fallback);
    }

    @Bean
    Dispatcher dispatcher(Router router, RandomGenerator random, Tracing tracing, RoutingMetrics metrics) {
        return new Dispatcher(router, RetryPolicy.standard(random), random, tracing, metrics);
    }

    @Bean
    ChannelProbe channelProbe(Router router, Catalog catalog, Clock clock, RandomGenerator random) {
        return new ChannelProbe(router, catalog, clock, random);
    }

    /**
     * Opens after half of at least 5 of the last 20 calls failed for the channel's own reasons, stays open
     * 30 s, then lets 2 trial calls through.
     */
    private static CircuitBreaker breaker(String name) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
    }
}
