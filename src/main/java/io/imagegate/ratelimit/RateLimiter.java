package io.imagegate.ratelimit;

/** Requests per minute for a key, as a token bucket that refills evenly and holds at most a minute's worth. */
public interface RateLimiter {

    /**
     * Takes one token from {@code key}'s bucket of {@code perMinute}. A changed {@code perMinute} starts a
     * full bucket of the new size.
     */
    RateDecision tryTake(String key, int perMinute);
}
