package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.imagegate.support.MovableClock;
import io.imagegate.support.OnRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis semaphore against a real Redis, with two limiters on two connections standing for two nodes. */
@ExtendWith(OnRedis.RequireServer.class)
class RedisConcurrencyLimiterTest {

    private static final Duration TTL = Duration.ofMinutes(4);

    @RegisterExtension
    final TwoNodes nodes = new TwoNodes();
    private final String prefix = nodes.prefix;

    @Test
    void twoNodesSharingRedisNeverHoldMoreThanTheLimit() {
        ConcurrencyBound.assertNeverExceeded(new RedisConcurrencyLimiter(nodes.a, prefix, TTL),
                new RedisConcurrencyLimiter(nodes.b, prefix, TTL), 3);
    }

    @Test
    void aSlotTakenOnOneNodeIsTakenForTheOther() {
        RedisConcurrencyLimiter a = new RedisConcurrencyLimiter(nodes.a, prefix, TTL);
        RedisConcurrencyLimiter b = new RedisConcurrencyLimiter(nodes.b, prefix, TTL);

        Lease lease = a.tryAcquire("key:k", 1).orElseThrow();
        Optional<Lease> whileHeld = b.tryAcquire("key:k", 1);
        lease.close();
        Optional<Lease> afterRelease = b.tryAcquire("key:k", 1);

        assertThat(whileHeld).isEmpty();
        assertThat(afterRelease).isPresent();
        assertThat(a.tryAcquire("key:other", 1)).as("another key counts apart").isPresent();
    }

    @Test
    void aLeaseOfACrashedNodeIsReclaimedOnceItExpires() throws InterruptedException {
        RedisConcurrencyLimiter crashing = new RedisConcurrencyLimiter(nodes.a, prefix, Duration.ofMillis(300));
        RedisConcurrencyLimiter survivor = new RedisConcurrencyLimiter(nodes.b, prefix, TTL);

        assertThat(crashing.tryAcquire("key:k", 1)).isPresent(); // never closed: the node died holding it
        Optional<Lease> beforeExpiry = survivor.tryAcquire("key:k", 1);
        Thread.sleep(400);
        Optional<Lease> afterExpiry = survivor.tryAcquire("key:k", 1);

        assertThat(beforeExpiry).isEmpty();
        assertThat(afterExpiry).isPresent();
    }

    @Test
    void anIdleKeyLeavesNothingInRedisAndEveryKeyExpires() {
        RedisConcurrencyLimiter limiter = new RedisConcurrencyLimiter(nodes.a, prefix, TTL);

        Lease lease = limiter.tryAcquire("key:k", 2).orElseThrow();
        Long ttl = nodes.a.connection().sync().pttl(prefix + "slots:key:k");
        lease.close();

        assertThat(ttl).isPositive().isLessThanOrEqualTo(TTL.toMillis());
        assertThat(nodes.redis.keys(prefix)).isEmpty();
    }

    @Test
    void acquirePollsUntilASlotFreesOnAnotherNode() throws InterruptedException {
        RedisConcurrencyLimiter a = new RedisConcurrencyLimiter(nodes.a, prefix, TTL);
        RedisConcurrencyLimiter b = new RedisConcurrencyLimiter(nodes.b, prefix, TTL);
        Lease held = a.tryAcquire("channel:c", 1).orElseThrow();
        MovableClock clock = new MovableClock(Instant.parse("2026-12-07T00:00:00Z"));
        clock.after(Duration.ofMillis(150), held::close);

        Optional<Lease> waited = b.acquire("channel:c", 1, Duration.ofSeconds(5), clock, clock);
        Optional<Lease> timedOut = a.acquire("channel:c", 1, Duration.ofMillis(100), clock, clock);

        assertThat(waited).isPresent();
        assertThat(timedOut).isEmpty();
    }
}
