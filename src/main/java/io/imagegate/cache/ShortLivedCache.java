package io.imagegate.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded read-through cache whose entries live at most {@code ttl} after they were loaded, and whose
 * {@link #invalidateAll()} wins over loads still in flight.
 *
 * <p>Hazard this guards against: a load reads the database, an admin's change commits and invalidates, and then
 * the load stores what it read before the change, which would serve the old row for a whole lifetime on the very
 * node that made the change. So every entry carries the generation it was loaded in, the generation is read
 * before the database is, invalidation bumps it after the change has committed, and an entry of an older
 * generation counts as absent.
 *
 * @param <K> the key, e.g. a key hash or a model id
 * @param <V> the loaded value; never null (use {@link java.util.Optional} for "no such row", which is cached too)
 */
public final class ShortLivedCache<K, V> {

    private record Entry<V>(V value, long generation) {
    }

    private final Cache<K, Entry<V>> entries;
    private final AtomicLong generation = new AtomicLong();

    /** @param maximumSize entries kept at most; beyond it the least useful are evicted (Caffeine's W-TinyLFU) */
    public ShortLivedCache(Duration ttl, long maximumSize, Ticker ticker) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a cache lifetime must be positive, not " + ttl);
        }
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .build();
    }

    /**
     * The cached value, or {@code load}'s, which is then cached. Two requests missing the same key at once may
     * both load it: cheaper than making one wait for the other, and both read the same row.
     */
    public V get(K key, Function<? super K, ? extends V> load) {
        long current = generation.get();
        Entry<V> entry = entries.getIfPresent(key);
        if (entry != null && entry.generation() == current) {
            return entry.value();
        }
        V value = Objects.requireNonNull(load.apply(key), "a cache load returned null");
        entries.put(key, new Entry<>(value, current));
        return value;
    }

    /** Forgets every entry, and every load in flight. Call it after the change has committed. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }
}
