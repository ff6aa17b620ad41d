package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.lettuce.core.RedisConnectionException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** While Redis fails, limits count on this node alone instead of failing requests; then Redis takes over again. */
class RedisOutageTest {

    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final LocalConcurrencyLimiter redisSlots = new LocalConcurrencyLimiter();
    private final LocalConcurrencyLimiter localSlots = new LocalConcurrencyLimiter();

    /** Stands in for the Redis limiter: fails like Lettuce while "down". */
    private final ConcurrencyLimiter redis = new ConcurrencyLimiter() {

        @Override
        public Optional<Lease> tryAcquire(String key, int limit) {
            if (redisDown.get()) {
                throw new RedisConnectionException("Connection refused");
            }
            return redisSlots.tryAcquire(key, limit);
        }

        @Override
        public boolean clusterWide() {
            return true;
        }
    };

    private final RedisOutage outage = new RedisOutage();
    private final ConcurrencyLimiter slots = outage.concurrencyLimiter(redis, localSlots);

    @Test
    void slotsComeFromThisNodeWhileRedisFailsAndGoBackWhereTheyCameFrom() {
        Lease fromRedis = slots.tryAcquire("key:a", 1).orElseThrow();
        redisDown.set(true);
        Lease fromNode = slots.tryAcquire("key:a", 1).orElseThrow();
        boolean nodeFull = slots.tryAcquire("key:a", 1).isEmpty();
        redisDown.set(false);
        boolean redisFull = slots.tryAcquire("key:a", 1).isEmpty();
        fromNode.close();
        fromRedis.close();

        assertThat(nodeFull).as("the node's own bound holds during the outage").isTrue();
        assertThat(redisFull).as("Redis answers again, with its own count").isTrue();
        assertThat(localSlots.held("key:a")).isZero();
        assertThat(redisSlots.held("key:a")).isZero();
        assertThat(slots.clusterWide()).isTrue();
    }

    @Test
    void theRateComesFromThisNodesBucketsWhileRedisFails() {
        RateLimiter failing = (key, perMinute) -> {
            throw new RedisConnectionException("Connection refused");
        };
        RateLimiter rate = outage.rateLimiter(failing, new LocalRateLimiter());

        assertThat(rate.tryTake("key_a", 1).allowed()).isTrue();
        assertThat(rate.tryTake("key_a", 1).allowed()).isFalse();
    }
}
