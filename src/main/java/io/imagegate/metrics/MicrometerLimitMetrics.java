package io.imagegate.metrics;

import io.imagegate.refusals.LimitExceeded;
import io.imagegate.ratelimit.LimitMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code imagegate_limit_refusals_total}, registered for every reason at start-up so both series exist at 0. */
final class MicrometerLimitMetrics implements LimitMetrics {

    private final Map<LimitExceeded.Reason, Counter> refusals = new EnumMap<>(LimitExceeded.Reason.class);

    MicrometerLimitMetrics(MeterRegistry registry) {
        for (LimitExceeded.Reason reason : LimitExceeded.Reason.values()) {
            refusals.put(reason, Counter.builder("imagegate.limit.refusals")
                    .description("Requests refused by a key's rate or concurrency limit")
                    .tags("limit", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Override
    public void refused(LimitExceeded.Reason reason) {
        refusals.get(reason).increment();
    }
}
