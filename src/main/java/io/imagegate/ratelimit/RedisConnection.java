package io.imagegate.ratelimit;

import io.imagegate.config.InvalidConfiguration;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * One Lettuce connection to the Redis named by {@code imagegate.redis-url}, shared by every request: Lettuce
 * pipelines commands from many threads over it. Keys are strings, values bytes (what Bucket4j stores).
 */
public final class RedisConnection implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final String safeUrl;

    private RedisConnection(RedisClient client, StatefulRedisConnection<String, byte[]> connection, String safeUrl) {
        this.client = client;
        this.connection = connection;
        this.safeUrl = safeUrl;
    }

    /**
     * Connects and pings, so a Redis that cannot be reached (or refuses the password) fails start-up here, not
     * the first request. Commands then fail after {@code timeout}, or at once while the connection is down
     * (rather than queueing until it is back), so a Redis outage never holds requests up.
     */
    public static RedisConnection open(String url, Duration timeout) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfiguration("imagegate.redis-url is not a Redis URL (" + e.getMessage() + "): use"
                    + " redis://[:password@]host:port/db, e.g. redis://127.0.0.1:6379/0, or rediss:// for TLS");
        }
        uri.setTimeout(timeout);
        String safeUrl = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/"
                + uri.getDatabase();
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            StatefulRedisConnection<String, byte[]> connection = client.connect(
                    RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection.sync().ping();
            return new RedisConnection(client, connection, safeUrl);
        } catch (RedisException e) {
            client.shutdown();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidConfiguration("imagegate.redis-url: cannot connect to " + safeUrl + " ("
                    + cause.getMessage() + "). Start Redis there, correct the URL (IMAGEGATE_REDIS_URL), or unset"
                    + " it to keep limits in this node's memory.", e);
        }
    }

    StatefulRedisConnection<String, byte[]> connection() {
        return connection;
    }

    /** The URL without any password, fit for logs. */
    public String safeUrl() {
        return safeUrl;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
