package io.imagegate.api;

import io.imagegate.ratelimit.RateDecision;
import io.imagegate.refusals.LimitExceeded.RateBudget;
import java.util.function.BiConsumer;

/** OpenAI's names for a key's request budget, so clients that already read them need nothing new. */
final class RateLimitHeaders {

    static final String LIMIT = "x-ratelimit-limit-requests";
    static final String REMAINING = "x-ratelimit-remaining-requests";

    private RateLimitHeaders() {
    }

    static void write(RateDecision rate, BiConsumer<String, String> header) {
        write(rate.limit(), rate.remaining(), header);
    }

    static void write(RateBudget refused, BiConsumer<String, String> header) {
        write(refused.limit(), refused.remaining(), header);
    }

    private static void write(int limit, long remaining, BiConsumer<String, String> header) {
        header.accept(LIMIT, Integer.toString(limit));
        header.accept(REMAINING, Long.toString(remaining));
    }
}
