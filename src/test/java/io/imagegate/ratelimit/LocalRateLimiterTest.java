package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualTime implements TimeMeter {

        private final AtomicLong nanos = new AtomicLong();

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualTime time = new ManualTime();
    private final LocalRateLimiter limiter = new LocalRateLimiter(time);

    @Test
    void aKeyMayBurstItsWholeMinuteThenWaitsForTheNextToken() {
        RateDecision first = limiter.tryTake("key_a", 3);
        limiter.tryTake("key_a", 3);
        RateDecision third = limiter.tryTake("key_a", 3);
        RateDecision fourth = limiter.tryTake("key_a", 3);

        assertThat(first).isEqualTo(new RateDecision(true, 3, 2, Duration.ZERO));
        assertThat(third.allowed()).isTrue();
        assertThat(third.remaining()).isZero();
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfter()).isEqualTo(Duration.ofSeconds(20)); // one token every 60 s / 3
        assertThat(fourth.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void tokensComeBackAtTheSteadyRate() {
        limiter.tryTake("key_a", 2);
        limiter.tryTake("key_a", 2);

        time.advance(Duration.ofSeconds(29));
        RateDecision early = limiter.tryTake("key_a", 2);
        time.advance(Duration.ofSeconds(1));
        RateDecision onTime = limiter.tryTake("key_a", 2);

        assertThat(early.allowed()).isFalse();
        assertThat(early.retryAfterSeconds()).isEqualTo(1);
        assertThat(onTime.allowed()).isTrue();
    }

    @Test
    void keysHaveBucketsOfTheirOwn() {
        limiter.tryTake("key_a", 1);

        assertThat(limiter.tryTake("key_a", 1).allowed()).isFalse();
        assertThat(limiter.tryTake("key_b", 1).allowed()).isTrue();
    }

    @Test
    void aChangedLimitStartsAFullBucketOfTheNewSize() {
        limiter.tryTake("key_a", 1);

        RateDecision raised = limiter.tryTake("key_a", 5);

        assertThat(raised.allowed()).isTrue();
        assertThat(raised.remaining()).isEqualTo(4);
    }

    @Test
    void retryAfterRoundsUpToAWholeSecondAndIsNeverZero() {
        assertThat(new RateDecision(false, 7, 0, Duration.ofMillis(8_571)).retryAfterSeconds()).isEqualTo(9);
        assertThat(new RateDecision(false, 7, 0, Duration.ofNanos(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateDecision(false, 7, 0, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }
}
