package io.imagegate.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.imagegate.providers.ImageProvider;
import io.imagegate.ratelimit.ConcurrencyLimiter;
import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.imagegate.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One configured upstream: its adapter, the models it serves, its place in the failover order, a bound on
 * concurrent calls (a semaphore, not a thread pool: waiting callers are virtual threads), a circuit breaker,
 * and the switch an admin sees flipped when the upstream refuses the credential. With Redis the bound counts
 * the calls of every node (the upstream's quota is per account, not per node); without, this node's.
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
    private final Optional<ConcurrencyLimiter> clusterSlots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CircuitBreaker breaker;
    private final ChannelStats stats = new ChannelStats();
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile String disabledReason;

    Channel(String name, ImageProvider provider, Map<String, String> models, int priority, int weight,
            int maxConcurrency, Duration attemptTimeout, CircuitBreaker breaker, Clock clock, Sleeper sleeper,
            Optional<ConcurrencyLimiter> clusterSlots) {
        this.name = name;
        this.provider = provider;
        this.models = Map.copyOf(models);
        this.priority = priority;
        this.weight = weight;
        this.maxConcurrency = maxConcurrency;
        this.attemptTimeout = attemptTimeout;
        this.permits = new Semaphore(maxConcurrency);
        this.clusterSlots = clusterSlots;
        this.breaker = breaker;
        this.clock = clock;
        this.sleeper = sleeper;
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

    /**
     * Waits for a free slot until {@code wait} runs out; empty means the channel stayed full. Close the slot
     * when the call ends.
     */
    Optional<Lease> acquire(Duration wait) throws InterruptedException {
        Optional<Lease> slot;
        if (clusterSlots.isPresent()) {
            slot = clusterSlots.get().acquire("channel:" + name, maxConcurrency, wait, clock, sleeper);
        } else {
            slot = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)
                    ? Optional.of(permits::release) : Optional.empty();
        }
        return slot.map(this::counted);
    }

    /** Counts the call in {@link #inFlight()}; closing it twice gives back one slot, as leases promise. */
    private Lease counted(Lease slot) {
        inFlight.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                slot.close();
            }
        };
    }

    /** This node's calls in flight on the channel. */
    int inFlight() {
        return inFlight.get();
    }

    int maxConcurrency() {
        return maxConcurrency;
    }

    /** Taken out of rotation until an admin resets it: the upstream refused the credential. */
    void disable(String detail) {
        disabledReason = "upstream rejected the credential: " + detail;
    }

    public Optional<String> disabledReason() {
        return Optional.ofNullable(disabledReason);
    }

    /**
     * {@code disabled} while taken out of rotation, else the breaker's state: {@code closed}, {@code open},
     * {@code half_open}, and the states this gateway never puts a breaker in. Cheap: read on every metrics scrape.
     */
    public String state() {
        if (disabledReason != null) {
            return "disabled";
        }
        return switch (breaker.getState()) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "half_open";
            case FORCED_OPEN -> "forced_open";
            case METRICS_ONLY -> "metrics_only";
            case DISABLED -> "disabled";
        };
    }

    public ChannelStatus status() {
        ChannelStats.Snapshot stats = this.stats.snapshot();
        String state = state();
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
