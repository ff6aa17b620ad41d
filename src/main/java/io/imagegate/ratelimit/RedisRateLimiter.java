package io.imagegate.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;

/**
 * Buckets kept in Redis by Bucket4j (compare-and-swap on each take), so every node draws from the same
 * bucket. Refills are computed from the clock of the node that takes: nodes' clocks should agree (NTP).
 */
public final class RedisRateLimiter implements RateLimiter {

    /** A full bucket is the same as none, so Redis keeps one only until it would have refilled, plus this. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private final ProxyManager<String> buckets;
    private final String prefix;

    /** @param prefix put before every Redis key, so several gateways (or test runs) can share one Redis */
    public RedisRateLimiter(RedisConnection redis, String prefix) {
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.connection())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        KEEP_AFTER_FULL))
                .build();
        this.prefix = prefix;
    }

    /** The limit is part of the Redis key: a changed limit starts a new, full bucket and the old one expires. */
    @Override
    public RateDecision tryTake(String key, int perMinute) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(LocalRateLimiter.perMinute(perMinute))
                .build();
        return RateDecision.of(buckets.builder()
                .build(prefix + "rate:" + key + ":" + perMinute, () -> configuration)
                .tryConsumeAndReturnRemaining(1), perMinute);
    }
}
