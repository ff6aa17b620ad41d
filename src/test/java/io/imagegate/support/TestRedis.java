package io.imagegate.support;

import io.imagegate.ratelimit.RedisConnection;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Redis server the tests use: {@code redis://127.0.0.1:6379/0} unless {@code IMAGEGATE_TEST_REDIS_URL} says
 * otherwise. Each user takes a key prefix of its own, so runs (and gateways within a run) never see each
 * other's keys; every key under the prefixes handed out is deleted when the JVM exits.
 */
public final class TestRedis {

    private static final TestRedis SERVER = new TestRedis(env("IMAGEGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
            "true".equals(System.getenv("CI")));

    private final String url;
    private final boolean ci;
    private final List<String> prefixes = new CopyOnWriteArrayList<>();
    private String unreachable;
    private boolean checked;

    /** @param ci whether a missing server must fail the tests that need it rather than skip them */
    public TestRedis(String url, boolean ci) {
        this.url = url;
        this.ci = ci;
    }

    public static TestRedis server() {
        return SERVER;
    }

    public String url() {
        return url;
    }

    /**
     * Returns when the server answers; otherwise skips the calling test, or fails it under {@code CI=true}
     * (see {@link RequiredServer}). Asked once; the answer holds for the rest of the run.
     */
    public void requireAvailable() {
        RequiredServer.require("Redis", "Redis is not reachable at " + url, unreachableReason(), ci,
                "IMAGEGATE_TEST_REDIS_URL");
    }

    /** A key prefix nobody has used; its keys are deleted when the JVM exits. */
    public synchronized String freshPrefix() {
        String prefix = "imagegate-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";
        if (prefixes.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::deleteKeys, "delete-test-redis-keys"));
        }
        prefixes.add(prefix);
        return prefix;
    }

    /** A connection as the gateway opens it, i.e. one gateway node's. */
    public RedisConnection connect() {
        return RedisConnection.open(url, Duration.ofSeconds(2));
    }

    /** Every key under {@code prefix}, for checking what the gateway wrote. */
    public List<String> keys(String prefix) {
        try (RedisClient client = client(); StatefulRedisConnection<String, String> connection = client.connect()) {
            return scan(connection.sync(), prefix);
        }
    }

    /** Deletes every key under {@code prefix} now. */
    public void deleteKeys(String prefix) {
        try (RedisClient client = client(); StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = scan(connection.sync(), prefix);
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    private synchronized String unreachableReason() {
        if (!checked) {
            try (RedisClient client = client(); StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().ping();
            } catch (RuntimeException e) {
                unreachable = e.getMessage();
            }
            checked = true;
        }
        return unreachable;
    }

    /** A key left behind is harmless: the next run uses new prefixes, and the gateway's keys expire anyway. */
    private void deleteKeys() {
        try {
            prefixes.forEach(this::deleteKeys);
        } catch (RuntimeException ignored) {
            // Nothing to do about it at exit.
        }
    }

    private RedisClient client() {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(2));
        return RedisClient.create(uri);
    }

    private static List<String> scan(RedisCommands<String, String> redis, String prefix) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
