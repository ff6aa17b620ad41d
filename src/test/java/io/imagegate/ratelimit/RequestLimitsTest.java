package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.auth.Caller;
import io.imagegate.auth.KeyLimits;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.imagegate.refusals.LimitExceeded;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

    private final LocalConcurrencyLimiter slots = new LocalConcurrencyLimiter();

    @Test
    void aKeyWithoutLimitsAndNoDefaultsIsNeitherCountedNorBounded() {
        RequestLimits limits = limits(KeyLimits.NONE);
        Caller caller = caller(KeyLimits.NONE);

        for (int i = 0; i < 1000; i++) {
            assertThat(limits.countRequest(caller)).isEmpty();
            limits.startGeneration(caller);
        }
        assertThat(slots.held("key:key_1")).isZero();
    }

    @Test
    void overTheRateIsRefusedWithTheWaitForTheNextToken() {
        RequestLimits limits = limits(KeyLimits.NONE);
        Caller caller = caller(new KeyLimits(OptionalInt.of(2), OptionalInt.empty()));

        RateDecision first = limits.countRequest(caller).orElseThrow();
        limits.countRequest(caller);

        assertThat(first.limit()).isEqualTo(2);
        assertThat(first.remaining()).isEqualTo(1);
        assertThatThrownBy(() -> limits.countRequest(caller)).isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.reason()).isEqualTo(LimitExceeded.Reason.RATE);
            assertThat(e.retryAfterSeconds()).isBetween(29L, 30L);
            assertThat(e.rate().orElseThrow().remaining()).isZero();
            assertThat(e.getMessage()).contains("2 requests per minute");
        });
    }

    @Test
    void overTheConcurrencyIsRefusedUntilALeaseIsClosed() {
        RequestLimits limits = limits(KeyLimits.NONE);
        Caller caller = caller(new KeyLimits(OptionalInt.empty(), OptionalInt.of(1)));

        Lease running = limits.startGeneration(caller);

        assertThatThrownBy(() -> limits.startGeneration(caller)).isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.reason()).isEqualTo(LimitExceeded.Reason.CONCURRENCY);
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
            assertThat(e.rate()).isEmpty();
        });
        running.close();
        limits.startGeneration(caller).close();
    }

    @Test
    void theDefaultsApplyToKeysWithoutTheirOwnAndAKeysOwnLimitWins() {
        RequestLimits limits = limits(new KeyLimits(OptionalInt.of(100), OptionalInt.of(1)));
        Caller plain = caller(KeyLimits.NONE);
        Caller own = new Caller("key_2", "acct_1", Optional.empty(), false,
                new KeyLimits(OptionalInt.of(5), OptionalInt.empty()), UnsupportedParameters.REJECT);

        assertThat(limits.countRequest(plain).orElseThrow().limit()).isEqualTo(100);
        assertThat(limits.countRequest(own).orElseThrow().limit()).isEqualTo(5);
        Lease lease = limits.startGeneration(plain);
        assertThatThrownBy(() -> limits.startGeneration(plain)).isInstanceOf(LimitExceeded.class);
        lease.close();
    }

    private RequestLimits limits(KeyLimits defaults) {
        return new RequestLimits(new LocalRateLimiter(), slots, defaults, LimitMetrics.NONE);
    }

    private static Caller caller(KeyLimits limits) {
        return new Caller("key_1", "acct_1", Optional.empty(), false, limits, UnsupportedParameters.REJECT);
    }
}
