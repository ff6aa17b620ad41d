package io.imagegate.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.imagegate.providers.ImageProvider;
import io.imagegate.providers.UpstreamFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One configured upstream: its adapter, the models it serves, its place in the failover order, a bound on
 * concurrent calls (a semaphore, not a thread pool: waiting callers are virtual threads), a circuit breaker,
 * and the switch an admin sees flipped when the upstream refuses the credential.
 */
public final class Channel {

    private final String name;
    private final ImageProvider provider;
    private final Map<String, String> models;
    private final int priority;
    private final int weight;
    private final int maxConcurrency;
    private final Duration attemptTimeout;
    private final Semaphore permits;
    private final CircuitBreaker breaker;
    private final ChannelStats stats = new ChannelStats();
    private final Clock clock;
    private volatile String disabledReason;

    Channel(String name, ImageProvider provider, Map<String, String> models, int priority, int weight,
            int maxConcurrency, Duration attemptTimeout, CircuitBreaker breaker, Clock clock) {
        this.name = name;
        this.provider = provider;
        this.models = Map.copyOf(models);
        this.priority = priority;
        this.weight = weight;
        this.maxConcurrency = maxConcurrency;
        this.attemptTimeout = attemptTimeout;
        this.permits = new Semaphore(maxConcurrency);
        this.breaker = breaker;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public ImageProvider provider() {
        return provider;
    }

    public boolean serves(String model) {
        return models.containsKey(model);
    }

    /** The upstream's id for a catalog model; the catalog id itself where the channel maps none (the sandbox). */
    public String upstreamModel(String model) {
        return models.getOrDefault(model, model);
    }

    int priority() {
        return priority;
    }

    int weight() {
        return weight;
    }

    Duration attemptTimeout() {
        return attemptTimeout;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    ChannelStats stats() {
        return stats;
    }

    /** Waits for a free slot until {@code wait} runs out; false means the channel stayed full. */
    boolean acquire(Duration wait) throws InterruptedException {
        return permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    void release() {
        permits.release();
    }

    int inFlight() {
        return maxConcurrency - permits.availablePermits();
    }

    int maxConcurrency() {
        return maxConcurrency;
    }

    /** Taken out of rotation until an admin resets it: the upstream refused the credential. */
    void disable(UpstreamFailure.CredentialRejected rejected) {
        disabledReason = "upstream rejected the credential: " + rejected.detail();
    }

    public Optional<String> disabledReason() {
        return Optional.ofNullable(disabledReason);
    }

    public ChannelStatus status() {
        ChannelStats.Snapshot stats = this.stats.snapshot();
        String state = disabledReason != null ? "disabled"
                : breaker.getState().name().toLowerCase(java.util.Locale.ROOT);
        return new ChannelStatus(name, provider.name(), List.copyOf(models.keySet()), priority, weight, state,
                disabledReason(), inFlight(), maxConcurrency, stats.calls(), stats.successRate(), stats.p50Millis(),
                stats.p90Millis(), stats.lastError().map(e -> new ChannelStatus.LastError(e.kind(), e.detail(),
                        e.at())));
    }

    /** Back into rotation with a closed breaker, after an admin fixed what was wrong. */
    public void reset() {
        disabledReason = null;
        breaker.reset();
    }

    Clock clock() {
        return clock;
    }
}
