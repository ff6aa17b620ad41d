package io.imagegate.ratelimit;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limiters that answer from Redis, or from this node alone while Redis fails, so an outage of Redis loosens
 * the limits to per-node ones instead of failing every request. Says once when Redis stops answering and
 * once when it is back, however many requests notice in between.
 */
final class RedisOutage {

    private static final Logger log = LoggerFactory.getLogger(RedisOutage.class);

    private final AtomicBoolean down = new AtomicBoolean();

    RateLimiter rateLimiter(RateLimiter redis, RateLimiter local) {
        return (key, perMinute) -> orLocal(() -> redis.tryTake(key, perMinute), () -> local.tryTake(key, perMinute));
    }

    /** A lease goes back to whichever side granted it. */
    ConcurrencyLimiter concurrencyLimiter(ConcurrencyLimiter redis, ConcurrencyLimiter local) {
        return new ConcurrencyLimiter() {

            @Override
            public Optional<Lease> tryAcquire(String key, int limit) {
                return orLocal(() -> redis.tryAcquire(key, limit), () -> local.tryAcquire(key, limit));
            }

            @Override
            public boolean clusterWide() {
                return redis.clusterWide();
            }
        };
    }

    private <T> T orLocal(Supplier<T> redis, Supplier<T> local) {
        T answer;
        try {
            answer = redis.get();
        } catch (RuntimeException e) {
            if (down.compareAndSet(false, true)) {
                log.warn("Redis failed ({}): rate and concurrency limits now count on each node alone, until"
                        + " Redis answers again", e.toString());
            }
            return local.get();
        }
        if (down.compareAndSet(true, false)) {
            log.info("Redis answers again: rate and concurrency limits count across all nodes");
        }
        return answer;
    }
}
