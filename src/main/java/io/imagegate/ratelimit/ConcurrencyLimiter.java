package io.imagegate.ratelimit;

import java.time.Duration;
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
     * Tries again every {@link #POLL_INTERVAL} until a slot frees or {@code wait} runs out; meant for virtual
     * threads, where sleeping costs nothing.
     */
    default Optional<Lease> acquire(String key, int limit, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Lease> lease = tryAcquire(key, limit);
            long left = deadline - System.nanoTime();
            if (lease.isPresent() || left <= 0) {
                return lease;
            }
            Thread.sleep(Duration.ofNanos(Math.min(left, POLL_INTERVAL.toNanos())));
        }
    }

    /** A held slot. Closing gives it back; closing again does nothing. */
    interface Lease extends AutoCloseable {

        @Override
        void close();
    }
}
