package io.imagegate.refusals;

import java.util.Optional;

/** A request refused by its key's limits before it could cost anything: 429 with {@code Retry-After}. */
public final class LimitExceeded extends Refusal {

    public enum Reason {
        /** Over the key's requests per minute: waiting {@code Retry-After} brings the next token. */
        RATE,
        /** The key has its maximum of generations in flight: one finishing frees a slot, at no set time. */
        CONCURRENCY
    }

    /** For {@link Reason#RATE}: the key's requests per minute, and how many of them are left now. */
    public record RateBudget(int limit, long remaining) {
    }

    private final Reason reason;
    private final long retryAfterSeconds;
    private final Optional<RateBudget> rate;

    private LimitExceeded(Reason reason, String message, long retryAfterSeconds, Optional<RateBudget> rate) {
        super(message);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rate = rate;
    }

    /** @param retryAfterSeconds whole seconds until the next token, rounded up */
    public static LimitExceeded rate(int limit, long remaining, long retryAfterSeconds) {
        return new LimitExceeded(Reason.RATE, "This API key is limited to " + limit + " requests per minute. Retry"
                + " after " + retryAfterSeconds + " s; nothing was charged.", retryAfterSeconds,
                Optional.of(new RateBudget(limit, remaining)));
    }

    public static LimitExceeded concurrency(int limit) {
        return new LimitExceeded(Reason.CONCURRENCY, "This API key may have " + limit + " generation"
                + (limit == 1 ? "" : "s") + " in flight at once, and has. Retry when one finishes; nothing was"
                + " charged.", 1, Optional.empty());
    }

    public Reason reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** For {@link Reason#RATE}, the budget the request found empty, for the {@code x-ratelimit-*} headers. */
    public Optional<RateBudget> rate() {
        return rate;
    }
}
