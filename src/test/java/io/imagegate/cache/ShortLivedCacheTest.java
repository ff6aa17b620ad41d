package io.imagegate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShortLivedCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofMillis(500), 100,
            nanos::get);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aValueIsLoadedOnceAndServedForItsLifetime() {
        assertThat(cache.get("k", this::load)).isEqualTo("k1");
        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        assertThat(cache.get("k", this::load)).isEqualTo("k1");

        nanos.addAndGet(Duration.ofMillis(1).toNanos());

        assertThat(cache.get("k", this::load)).isEqualTo("k2");
    }

    @Test
    void invalidationForgetsEveryValueAtOnce() {
        cache.get("a", this::load);
        cache.get("b", this::load);

        cache.invalidateAll();

        assertThat(cache.get("a", this::load)).isEqualTo("a3");
        assertThat(cache.get("b", this::load)).isEqualTo("b4");
    }

    /** The load read the row before the change committed; the node that changed it must not serve that read. */
    @Test
    void aLoadThatRacedAnInvalidationIsNotServedAfterIt() {
        String raced = cache.get("k", key -> {
            String before = load(key);
            cache.invalidateAll(); // the admin's change commits while this load is in flight
            return before;
        });

        assertThat(raced).isEqualTo("k1");
        assertThat(cache.get("k", this::load)).isEqualTo("k2");
        assertThat(cache.get("k", this::load)).isEqualTo("k2");
    }

    @Test
    void aLifetimeMustBePositive() {
        assertThatThrownBy(() -> new ShortLivedCache<String, String>(Duration.ZERO, 10, nanos::get))
                .hasMessageContaining("positive");
    }

    private String load(String key) {
        return key + loads.incrementAndGet();
    }
}
