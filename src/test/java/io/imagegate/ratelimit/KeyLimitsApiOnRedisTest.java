package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.OnRedis;
import io.imagegate.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link KeyLimitsApiTest} with the limits in Redis, where every node sharing it draws from the same bucket. */
@OnRedis
class KeyLimitsApiOnRedisTest extends KeyLimitsApiTest {

    @Value("${imagegate.redis-key-prefix}")
    String prefix;

    /** A database of its own: this gateway runs beside the in-memory one, which keeps the shared file. */
    @DynamicPropertySource
    static void ownRedisDatabase(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "redis");
    }

    /** Proves the buckets are Redis's: a silent fallback to memory would pass every other test here. */
    @Test
    void theKeysBucketLivesInRedis() {
        Key key = admin.newLimitedKey("1.00", "\"requests_per_minute\":5");

        http.post(GENERATE, NANO_BANANA, key.header());

        assertThat(TestRedis.server().keys(prefix)).contains(prefix + "rate:" + key.id() + ":5");
    }
}
