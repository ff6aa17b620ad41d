package io.imagegate.ratelimit;

import java.util.Optional;

/** A request refused by its key's limits before it could cost anything: 429 with {@code Retry-After}. */
public final class LimitExceeded extends RuntimeException {

    public enum Reason {
        /** Over the key's requests per minute: waiting {@code Retry-After} brings the next token. */
        RATE,
        /** The key has its maximum of generations in flight: one finishing frees a slot, at no set time. */
        CONCURRENCY
    }

    private final Reason reason;
    private final long retryAfterSeconds;
    private final Optional<RateDecision> rate;

    private LimitExceeded(Reason reason, String message, long retryAfterSeconds, Optional<RateDecision> rate) {
        super(message);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rate = rate;
    }

    static LimitExceeded rate(RateDecision refused) {
        return new LimitExceeded(Reason.RATE, "This API key is limited to " + refused.limit() + " requests per"
                + " minute. Retry after " + refused.retryAfterSeconds() + " s; nothing was charged.",
                refused.retryAfterSeconds(), Optional.of(refused));
    }

    static LimitExceeded concurrency(int limit) {
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

    /** For {@link Reason#RATE}, the refusal itself, for the {@code x-ratelimit-*} headers. */
    public Optional<RateDecision> rate() {
        return rate;
    }
}
