package io.imagegate.ratelimit;

import io.imagegate.support.TestRedis;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two gateway nodes' connections to the test Redis, under a key prefix of the test's own. Registered on a
 * test, it closes them after each test and deletes every key the test wrote:
 * <pre>{@code @RegisterExtension final TwoNodes nodes = new TwoNodes();}</pre>
 */
final class TwoNodes implements AfterEachCallback {

    final TestRedis redis = TestRedis.server();
    final String prefix = redis.freshPrefix();
    final RedisConnection a = redis.connect();
    final RedisConnection b = redis.connect();

    @Override
    public void afterEach(ExtensionContext context) {
        a.close();
        b.close();
        redis.deleteKeys(prefix);
    }
}
