package io.imagegate.routing;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between attempts on one channel; an upstream's own hint ({@code Retry-After},
 * Gemini's {@code RetryInfo}) wins when it asks for longer.
 *
 * @param maxAttempts attempts per channel, the first included
 */
record RetryPolicy(int maxAttempts, Duration base, Duration cap, RandomGenerator random) {

    static RetryPolicy standard(RandomGenerator random) {
        return new RetryPolicy(3, Duration.ofMillis(400), Duration.ofSeconds(8), random);
    }

    /** The pause before attempt {@code attempt + 1}: base × 2^(attempt−1), capped, then 50–100% of it. */
    Duration delayAfter(int attempt, Optional<Duration> upstreamHint) {
        long exponential = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        long jittered = exponential / 2 + random.nextLong(exponential / 2 + 1);
        Duration backoff = Duration.ofMillis(jittered);
        return upstreamHint.filter(hint -> hint.compareTo(backoff) > 0).orElse(backoff);
    }
}
