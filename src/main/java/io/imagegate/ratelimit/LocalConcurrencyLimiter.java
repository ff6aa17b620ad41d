package io.imagegate.ratelimit;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts leases in this process's memory. A lease cannot outlive its node here, so it needs no expiry: a
 * crash takes the count with it.
 */
public final class LocalConcurrencyLimiter implements ConcurrencyLimiter {

    /** Leases held per key; a key with none has no entry, so the map holds only keys busy right now. */
    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();

    @Override
    public Optional<Lease> tryAcquire(String key, int limit) {
        AtomicBoolean granted = new AtomicBoolean();
        held.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            granted.set(true);
            return current + 1;
        });
        if (!granted.get()) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                held.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            }
        });
    }

    @Override
    public boolean clusterWide() {
        return false;
    }

    /** Leases held on {@code key} now. */
    int held(String key) {
        return held.getOrDefault(key, 0);
    }
}
