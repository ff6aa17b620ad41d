package io.imagegate.ratelimit;

import io.imagegate.auth.Caller;
import io.imagegate.auth.KeyLimits;
import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.imagegate.refusals.LimitExceeded;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A key's limits applied to its generation requests: each request counts against the rate, each generation
 * that runs holds a slot. Both are checked before any money is held, so a refused request costs nothing.
 */
public final class RequestLimits {

    private static final Lease UNLIMITED = () -> {
    };

    private final RateLimiter rate;
    private final ConcurrencyLimiter concurrency;
    private final KeyLimits defaults;
    private final LimitMetrics metrics;

    /** @param defaults what a key without a limit of its own gets ({@code imagegate.limits.default-*}) */
    public RequestLimits(RateLimiter rate, ConcurrencyLimiter concurrency, KeyLimits defaults, LimitMetrics metrics) {
        this.rate = rate;
        this.concurrency = concurrency;
        this.defaults = defaults;
        this.metrics = metrics;
    }

    /**
     * Counts one request against the key's rate; empty when the key has no rate limit.
     *
     * @throws LimitExceeded when the key's bucket is empty
     */
    public Optional<RateDecision> countRequest(Caller caller) {
        OptionalInt perMinute = limits(caller).requestsPerMinute();
        if (perMinute.isEmpty()) {
            return Optional.empty();
        }
        RateDecision decision = rate.tryTake(caller.keyId(), perMinute.getAsInt());
        if (!decision.allowed()) {
            metrics.refused(LimitExceeded.Reason.RATE);
            throw LimitExceeded.rate(decision.limit(), decision.remaining(), decision.retryAfterSeconds());
        }
        return Optional.of(decision);
    }

    /**
     * A slot for one generation in flight, to close when it ends however it ends.
     *
     * @throws LimitExceeded when the key already has its maximum in flight
     */
    public Lease startGeneration(Caller caller) {
        OptionalInt limit = limits(caller).maxConcurrent();
        if (limit.isEmpty()) {
            return UNLIMITED;
        }
        Optional<Lease> slot = concurrency.tryAcquire("key:" + caller.keyId(), limit.getAsInt());
        if (slot.isEmpty()) {
            metrics.refused(LimitExceeded.Reason.CONCURRENCY);
            throw LimitExceeded.concurrency(limit.getAsInt());
        }
        return slot.get();
    }

    private KeyLimits limits(Caller caller) {
        return caller.limits().orElse(defaults);
    }
}
