package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.imagegate.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalConcurrencyLimiterTest {

    private final LocalConcurrencyLimiter limiter = new LocalConcurrencyLimiter();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T00:00:00Z"));

    @Test
    void grantsUpToTheLimitAndAReleasedSlotAgain() {
        Optional<Lease> first = limiter.tryAcquire("key:a", 2);
        Optional<Lease> second = limiter.tryAcquire("key:a", 2);
        Optional<Lease> third = limiter.tryAcquire("key:a", 2);
        first.orElseThrow().close();
        Optional<Lease> fourth = limiter.tryAcquire("key:a", 2);

        assertThat(second).isPresent();
        assertThat(third).isEmpty();
        assertThat(fourth).isPresent();
        assertThat(limiter.held("key:a")).isEqualTo(2);
    }

    @Test
    void closingALeaseTwiceGivesBackOneSlot() {
        Lease lease = limiter.tryAcquire("key:a", 2).orElseThrow();
        limiter.tryAcquire("key:a", 2).orElseThrow();

        lease.close();
        lease.close();

        assertThat(limiter.held("key:a")).isEqualTo(1);
    }

    @Test
    void keysCountApartAndAnIdleKeyLeavesNothingBehind() {
        Lease a = limiter.tryAcquire("key:a", 1).orElseThrow();

        assertThat(limiter.tryAcquire("key:b", 1)).isPresent();
        a.close();
        assertThat(limiter.held("key:a")).isZero();
    }

    @Test
    void acquireWaitsForASlotThatFreesWithinTheWait() throws Exception {
        Lease held = limiter.tryAcquire("key:a", 1).orElseThrow();
        clock.after(Duration.ofMillis(100), held::close);

        Optional<Lease> waited = limiter.acquire("key:a", 1, Duration.ofSeconds(5), clock, clock);
        Optional<Lease> timedOut = limiter.acquire("key:a", 1, Duration.ofMillis(60), clock, clock);

        assertThat(waited).isPresent();
        assertThat(timedOut).isEmpty();
    }

    @Test
    void manyThreadsNeverHoldMoreThanTheLimit() {
        ConcurrencyBound.assertNeverExceeded(limiter, limiter, 3);
    }
}
