package io.imagegate.ratelimit;

import io.imagegate.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Slots for work in flight: at most {@code limit} leases on a key at once. */
public interface ConcurrencyLimiter {

    /** How long {@link #acquire} sleeps between tries: short beside any upstream call, long beside a Redis trip. */
    Duration POLL_INTERVAL = Duration.ofMillis(25);

    /** A lease on one of {@code key}'s {@code limit} slots, or empty at once when all are taken. */
    Optional<Lease> tryAcquire(String key, int limit);

    /** True when the slots are counted for every gateway node together, false when for this node alone. */
    boolean clusterWide();

    /**
     * Tries again every {@link #POLL_INTERVAL} until a slot frees or {@code wait} runs out on {@code clock};
     * meant for virtual threads, where sleeping costs nothing.
     */
    default Optional<Lease> acquire(String key, int limit, Duration wait, Clock clock, Sleeper sleeper)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            Optional<Lease> lease = tryAcquire(key, limit);
            Duration left = Duration.between(clock.instant(), deadline);
            if (lease.isPresent() || !left.isPositive()) {
                return lease;
            }
            sleeper.sleep(left.compareTo(POLL_INTERVAL) < 0 ? left : POLL_INTERVAL);
        }
    }

    /** A held slot. Closing gives it back; closing again does nothing. */
    interface Lease extends AutoCloseable {

        @Override
        void close();
    }
}
