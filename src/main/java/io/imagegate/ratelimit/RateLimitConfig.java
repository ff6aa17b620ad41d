package io.imagegate.ratelimit;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    /** A Redis command that takes longer fails, and the limits fall back to this node's for that request. */
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    /** The two limiters and the Redis connection they share, if any, closed with the application. */
    record Limiters(RateLimiter rate, ConcurrencyLimiter concurrency, Optional<RedisConnection> redis)
            implements AutoCloseable {

        @Override
        public void close() {
            redis.ifPresent(RedisConnection::close);
        }
    }

    @Bean
    Limiters limiters(LimitsProperties properties, Catalog catalog) {
        if (properties.redisUrl().isBlank()) {
            log.info("Rate and concurrency limits: in this node's memory (set imagegate.redis-url to share them"
                    + " between nodes)");
            return new Limiters(new LocalRateLimiter(), new LocalConcurrencyLimiter(), Optional.empty());
        }
        RedisConnection redis = RedisConnection.open(properties.redisUrl(), REDIS_TIMEOUT);
        Duration leaseTtl = leaseTtl(catalog);
        log.info("Rate and concurrency limits: in Redis at {}, keys under '{}', leases expire after {} s",
                redis.safeUrl(), properties.redisKeyPrefix(), leaseTtl.toSeconds());
        RedisOutage outage = new RedisOutage();
        return new Limiters(
                outage.rateLimiter(new RedisRateLimiter(redis, properties.redisKeyPrefix()), new LocalRateLimiter()),
                outage.concurrencyLimiter(new RedisConcurrencyLimiter(redis, properties.redisKeyPrefix(), leaseTtl),
                        new LocalConcurrencyLimiter()),
                Optional.of(redis));
    }

    /** Shared with the channels, which bound their calls across nodes with it when it is cluster-wide. */
    @Bean
    ConcurrencyLimiter concurrencyLimiter(Limiters limiters) {
        return limiters.concurrency();
    }

    @Bean
    RequestLimits requestLimits(Limiters limiters, LimitsProperties properties, LimitMetrics metrics) {
        return new RequestLimits(limiters.rate(), limiters.concurrency(), properties.defaults(), metrics);
    }

    /**
     * As long as any model's requests may hold what they took, as billing holds do, so only a lease whose node
     * died is ever reclaimed by expiry.
     */
    static Duration leaseTtl(Catalog catalog) {
        return catalog.all().stream().map(ModelSpec::abandonedAfter).max(Comparator.naturalOrder())
                .orElse(Duration.ofMinutes(3));
    }
}
