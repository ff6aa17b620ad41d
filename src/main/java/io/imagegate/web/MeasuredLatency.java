package io.imagegate.web;

import java.time.Duration;
import java.util.Optional;

/** How long a model's successful requests took lately, as callers saw them. */
public interface MeasuredLatency {

    /** How far back the figures look. */
    Duration WINDOW = Duration.ofHours(24);

    /** Empty when the model has had no successful request in the {@link #WINDOW}. */
    Optional<Latency> of(String modelId);

    /**
     * @param p50      the median
     * @param p90      nine in ten requests were at least this fast
     * @param requests how many successful requests the figures are of
     */
    record Latency(Duration p50, Duration p90, int requests) {
    }
}
