package io.imagegate.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Buckets in this process's memory: exact for one node; each node of several would allow the full rate. */
public final class LocalRateLimiter implements RateLimiter {

    private record Sized(int perMinute, Bucket bucket) {
    }

    private final TimeMeter time;
    /** One entry per key that has sent a request; replaced, not added to, when the key's limit changes. */
    private final ConcurrentMap<String, Sized> buckets = new ConcurrentHashMap<>();

    public LocalRateLimiter(TimeMeter time) {
        this.time = time;
    }

    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    @Override
    public RateDecision tryTake(String key, int perMinute) {
        Sized sized = buckets.compute(key, (k, current) -> current != null && current.perMinute() == perMinute
                ? current
                : new Sized(perMinute, Bucket.builder().addLimit(perMinute(perMinute)).withCustomTimePrecision(time)
                        .build()));
        return RateDecision.of(sized.bucket().tryConsumeAndReturnRemaining(1), perMinute);
    }

    /**
     * Holds a minute's requests and refills them greedily (one token every 60 s / limit), so a key can burst
     * its whole minute at once and then goes at the steady rate.
     */
    static Bandwidth perMinute(int requests) {
        return Bandwidth.builder().capacity(requests).refillGreedy(requests, Duration.ofMinutes(1)).build();
    }
}
