package io.imagegate.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * One request counted against a rate limit.
 *
 * @param remaining  tokens left after this request
 * @param retryAfter when refused, how long until the next token; zero when allowed
 */
public record RateDecision(boolean allowed, int limit, long remaining, Duration retryAfter) {

    static RateDecision of(ConsumptionProbe probe, int limit) {
        return new RateDecision(probe.isConsumed(), limit, probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** {@code Retry-After} in whole seconds, rounded up so a client that waits that long finds a token. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
