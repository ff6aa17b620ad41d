package io.imagegate.ratelimit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A semaphore in Redis that survives a crashed node: each key is a sorted set of lease ids scored by when they
 * expire. Acquiring drops the expired leases and adds one if fewer than the limit remain, in one script, so
 * nodes racing for the last slot cannot both win; releasing removes the lease. A node that dies holding
 * leases stops releasing them, and they expire after the lease TTL, which must outlast any live holder.
 */
public final class RedisConcurrencyLimiter implements ConcurrencyLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisConcurrencyLimiter.class);

    /**
     * KEYS[1] the set; ARGV: limit, lease TTL in ms, lease id. Redis's own clock (TIME) scores the leases, so
     * nodes whose clocks disagree still agree on which leases have expired. The set itself expires with its
     * newest lease, so idle keys leave nothing behind.
     */
    static final String ACQUIRE = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """;

    private final RedisCommands<String, byte[]> redis;
    private final String prefix;
    private final Duration leaseTtl;

    /**
     * @param prefix   put before every Redis key, so several gateways (or test runs) can share one Redis
     * @param leaseTtl how long a lease lives unless released: longer than anything that holds one
     */
    public RedisConcurrencyLimiter(RedisConnection redis, String prefix, Duration leaseTtl) {
        this.redis = redis.connection().sync();
        this.prefix = prefix;
        this.leaseTtl = leaseTtl;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, int limit) {
        String set = prefix + "slots:" + key;
        byte[] lease = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        Long granted = redis.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {set}, ascii(limit),
                ascii(leaseTtl.toMillis()), lease);
        if (granted == null || granted != 1) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                release(set, lease);
            }
        });
    }

    /** A release that fails leaves the lease to expire: the slot comes back late, never twice. */
    private void release(String set, byte[] lease) {
        try {
            redis.zrem(set, lease);
        } catch (RuntimeException e) {
            log.warn("Could not release a slot of {} in Redis ({}); it frees itself within {} s", set, e.toString(),
                    leaseTtl.toSeconds());
        }
    }

    @Override
    public boolean clusterWide() {
        return true;
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
