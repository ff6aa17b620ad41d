package io.imagegate.auth;

import java.util.OptionalInt;

/**
 * A key's own limits; an empty one means the key has none of its own, so the gateway's default applies
 * ({@code imagegate.limits.*}), and with no default the key is unlimited.
 *
 * @param requestsPerMinute generation requests per minute, as a token bucket (bursts up to the whole minute's)
 * @param maxConcurrent     generations in flight at once, counted across all gateway nodes
 */
public record KeyLimits(OptionalInt requestsPerMinute, OptionalInt maxConcurrent) {

    public static final KeyLimits NONE = new KeyLimits(OptionalInt.empty(), OptionalInt.empty());

    public KeyLimits {
        requirePositive(requestsPerMinute, "requests_per_minute");
        requirePositive(maxConcurrent, "max_concurrent");
    }

    /** Each limit this key lacks taken from {@code defaults}. */
    public KeyLimits orElse(KeyLimits defaults) {
        return new KeyLimits(requestsPerMinute.isPresent() ? requestsPerMinute : defaults.requestsPerMinute(),
                maxConcurrent.isPresent() ? maxConcurrent : defaults.maxConcurrent());
    }

    private static void requirePositive(OptionalInt limit, String name) {
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + limit.getAsInt());
        }
    }
}
