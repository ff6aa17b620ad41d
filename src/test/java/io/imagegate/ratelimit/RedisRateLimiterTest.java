package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.OnRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bucket4j's buckets in a real Redis, shared by two limiters on two connections standing for two nodes. */
@ExtendWith(OnRedis.RequireServer.class)
class RedisRateLimiterTest {

    @RegisterExtension
    final TwoNodes nodes = new TwoNodes();
    private final String prefix = nodes.prefix;

    @Test
    void twoNodesDrawFromOneBucket() {
        RedisRateLimiter a = new RedisRateLimiter(nodes.a, prefix);
        RedisRateLimiter b = new RedisRateLimiter(nodes.b, prefix);

        a.tryTake("key_k", 3);
        a.tryTake("key_k", 3);
        RateDecision last = b.tryTake("key_k", 3);
        RateDecision refused = a.tryTake("key_k", 3);

        assertThat(last.allowed()).isTrue();
        assertThat(last.remaining()).isZero();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(19L, 20L); // one token every 60 s / 3
        assertThat(b.tryTake("key_other", 3).remaining()).as("another key has its own bucket").isEqualTo(2);
    }

    @Test
    void aChangedLimitStartsAFullBucketAndEveryBucketExpires() {
        RedisRateLimiter limiter = new RedisRateLimiter(nodes.a, prefix);

        limiter.tryTake("key_k", 1);
        RateDecision raised = limiter.tryTake("key_k", 4);

        assertThat(raised.allowed()).isTrue();
        assertThat(raised.remaining()).isEqualTo(3);
        assertThat(nodes.redis.keys(prefix)).containsExactlyInAnyOrder(prefix + "rate:key_k:1", prefix + "rate:key_k:4");
        for (String key : nodes.redis.keys(prefix)) {
            assertThat(nodes.a.connection().sync().pttl(key)).as(key).isPositive();
        }
    }
}
