package io.imagegate.ratelimit;

import io.imagegate.refusals.LimitExceeded;

/** Counts the requests a key's limits turned away; the reason is the only label (never the key). */
public interface LimitMetrics {

    /** For tests that build {@link RequestLimits} without a meter registry. */
    LimitMetrics NONE = reason -> {
    };

    void refused(LimitExceeded.Reason reason);
}
