package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.Http.Response;
import io.imagegate.support.OnRedis;
import io.imagegate.support.TestRedis;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@link ConcurrencyLimitApiTest} with the key's and the channel's slots in Redis, where they bound every node
 * sharing it.
 */
@OnRedis
class ConcurrencyLimitApiOnRedisTest extends ConcurrencyLimitApiTest {

    @Value("${imagegate.redis-key-prefix}")
    String prefix;

    /** Proves the slots are Redis's: a silent fallback to memory would pass every other test here. */
    @Test
    void aRunningGenerationHoldsItsKeysAndItsChannelsSlotInRedis() throws Exception {
        Key key = admin.newLimitedKey("1.00", "\"max_concurrent\":2");
        CompletableFuture<Response> running = heldOpen(key.header());

        List<String> during = TestRedis.server().keys(prefix);
        upstream.letGo();
        assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        assertThat(during).contains(prefix + "slots:key:" + key.id(), prefix + "slots:channel:scripted-main");
        assertThat(TestRedis.server().keys(prefix)).as("both given back").isEmpty();
    }
}
