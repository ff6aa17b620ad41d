package io.imagegate.ratelimit;

import io.imagegate.auth.KeyLimits;
import io.imagegate.config.InvalidConfiguration;
import java.util.OptionalInt;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where limits are counted, and the limits of keys that have none of their own.
 *
 * @param redisUrl       {@code redis://host:port/db}: count limits in Redis, across every node that names it;
 *                       blank means in this node's memory
 * @param redisKeyPrefix put before every key the gateway writes to Redis, so several gateways can share one
 * @param limits         {@code imagegate.limits.*}
 */
@ConfigurationProperties("imagegate")
public record LimitsProperties(
        @DefaultValue("") String redisUrl,
        @DefaultValue("imagegate:") String redisKeyPrefix,
        @DefaultValue Defaults limits) {

    /**
     * Boxed so that "unset" (no default limit) differs from a bad value.
     *
     * @param defaultRequestsPerMinute requests per minute of a key without its own
     * @param defaultMaxConcurrent     generations in flight of a key without its own
     */
    public record Defaults(Integer defaultRequestsPerMinute, Integer defaultMaxConcurrent) {
    }

    /** The defaults as a key's limits; a non-positive value fails start-up, naming the setting. */
    public KeyLimits defaults() {
        return new KeyLimits(positive(limits.defaultRequestsPerMinute(), "default-requests-per-minute"),
                positive(limits.defaultMaxConcurrent(), "default-max-concurrent"));
    }

    private static OptionalInt positive(Integer value, String name) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value < 1) {
            throw new InvalidConfiguration("imagegate.limits." + name + " must be at least 1, not " + value
                    + "; leave it unset for no default limit");
        }
        return OptionalInt.of(value);
    }
}
